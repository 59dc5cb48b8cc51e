import datetime

from django import template
from django.utils import timezone

from council.anonymise import mask
from council.official import form, position_in_phrase, position_on_its_line, signature_name, years_phrase

from ..deadline_services import displayed_calendar, request_calendar
from ..due import due_in as wording

register = template.Library()


@register.filter
def isodate(value, fmt="%d.%m.%Y"):
    """An ISO date string (as kept in snapshots) shown as DD.MM.YYYY."""
    try:
        return datetime.date.fromisoformat(value).strftime(fmt)
    except (TypeError, ValueError):
        return value or ""


@register.filter
def get_item(mapping, key):
    """mapping[key] in a template, None when absent."""
    return mapping.get(key) if mapping else None


@register.filter
def signname(person):
    """A person (or a full name) as documents sign: initials and surname, in the form the settings choose
    (council/official.py)."""
    name = getattr(person, "display_name", person)
    return signature_name(name or "")


@register.filter
def midphrase(title):
    """A position as it reads after a name and a comma (council/official.py)."""
    return position_in_phrase(str(title or ""))


@register.filter
def ownline(title):
    """A position on a line of its own: a signature block or a stamp (council/official.py)."""
    return position_on_its_line(str(title or ""))


@register.simple_tag(takes_context=True)
def official(context, key, **values):
    """The document's fixed text ``key`` in the document's language (council/official.py)."""
    return form(context.get("doc_lang", "ru"), key, **values)


@register.simple_tag(takes_context=True)
def official_years(context, years):
    """A keeping period in years in the document's language (council/official.py)."""
    return years_phrase(years, context.get("doc_lang", "ru"))


def _working_calendar(context):
    """The working-day calendar with the decrees entered in the application, read once per request."""
    request = context.get("request")
    return request_calendar(request) if request is not None else displayed_calendar()


@register.simple_tag(takes_context=True)
def due_in(context, due, today=None):
    """``{% due_in d.due_date today as left %}``: working days left or late (``council.due.due_in``)."""

    if due is None:
        return None
    return wording(due, today or timezone.localdate(), _working_calendar(context))


@register.filter
def masked(text):
    """``text`` with personal data masked (R-004-12): the texts of unplanned analytical work, as shown."""
    return mask(text or "")
