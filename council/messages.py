"""What notices say, kept as a message name and its parameters and put into words in the reader's language
when shown or e-mailed (a Kazakh reader's inbox is in Kazakh whoever caused the notice).

Parameters are plain JSON: numbers, ISO dates, and names in both languages as ``{"kk": …, "ru": …}``.
The wording is plain: what happened or is due, by when, and the link leads to the page where it is done.
Apps above ``council`` add their messages to ``MESSAGES`` in ``AppConfig.ready()``.
"""

import datetime

from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


def both(kk, ru):
    """A name in both languages, as a parameter."""
    return {"kk": kk or ru, "ru": ru or kk}


def body_name(body):
    """A body's short name in both languages, as a parameter."""
    return both(body.short_name_kk or body.name_kk, body.short_name_ru or body.name_ru)


def pick(value):
    """A parameter in the active language: a {"kk", "ru"} pair picks one (English readers get Russian)."""
    if isinstance(value, dict):
        lang = translation.get_language() or "ru"
        return value.get("kk" if lang.startswith("kk") else "ru") or next(iter(value.values()), "")
    return "" if value is None else str(value)


def day(value):
    """An ISO date parameter as the reader writes dates."""
    try:
        return date_format(datetime.date.fromisoformat(value), "DATE_FORMAT")
    except (TypeError, ValueError):
        return str(value or "")


def _deadline_remind(p):
    what, days = pick(p["what"]), p.get("days", 0)
    if days == 0:
        title = _("Due today: %(what)s") % {"what": what}
    else:
        title = ngettext("Due in %(days)d day: %(what)s", "Due in %(days)d days: %(what)s", days) % {
            "days": days,
            "what": what,
        }
    return title, _("Due date: %(due)s.") % {"due": day(p["due"])}


def _deadline_overdue(p):
    return (
        _("Overdue: %(what)s") % {"what": pick(p["what"])},
        _("It was due on %(due)s and is not done yet.") % {"due": day(p["due"])},
    )


def _deadline_escalate(p):
    return (
        _("Overdue, reported to the chair: %(what)s") % {"what": pick(p["what"])},
        _("It was due on %(due)s and is not done yet; the chair has been told.") % {"due": day(p["due"])},
    )


def _of_question(p):
    return {"body": pick(p["body"]), "number": p["number"], "date": day(p["meeting"])}


def _materials_arrived(p):
    """To the secretary: a body's materials came in (R-000-10b), late, or reworked after a return (R-000-10c)."""
    if p.get("resubmitted"):
        title = _("%(body)s resubmitted the materials of question %(number)s (meeting of %(date)s)")
    elif p.get("late"):
        title = _("%(body)s submitted the materials of question %(number)s late (meeting of %(date)s)")
    else:
        title = _("%(body)s submitted the materials of question %(number)s (meeting of %(date)s)")
    return title % _of_question(p), _("Check them and report to the chair.")


def _contribution_arrived(p):
    """To the responsible body and the secretary: a co-executor gave its contribution (R-000-10a)."""
    words = _of_question(p)
    if p.get("late"):
        title = _("%(body)s gave its contribution to question %(number)s late (meeting of %(date)s)") % words
    else:
        title = _("%(body)s gave its contribution to question %(number)s (meeting of %(date)s)") % words
    return title, _("Include it in the materials of the question.")


def _report_arrived(p):
    """To the secretary: an execution report (R-000-11d); to the responsible body: a co-executor's part
    (R-000-11e); late or resubmitted after a return."""
    words = {"body": pick(p["body"]), "due": day(p["due"])}
    if p.get("part"):
        title = _("%(body)s gave its part of the execution (due %(due)s)") % words
        body = _("Take it into your report to the secretary.")
    elif p.get("resubmitted"):
        title = _("%(body)s resubmitted its execution report (due %(due)s)") % words
        body = _("Check the report.")
    elif p.get("late"):
        title = _("%(body)s reported on execution late (due %(due)s)") % words
        body = _("Check the report.")
    else:
        title = _("%(body)s reported on execution (due %(due)s)") % words
        body = _("Check the report.")
    return title, body


# message name -> function(params) -> (title, body), called in the reader's language
MESSAGES = {
    "deadline.remind": _deadline_remind,
    "deadline.overdue": _deadline_overdue,
    "deadline.escalate": _deadline_escalate,
    "materials.arrived": _materials_arrived,
    "contribution.arrived": _contribution_arrived,
    "report.arrived": _report_arrived,
}


def render(message, params):
    """(title, body) of ``message`` in the active language; an unknown name shows its name."""
    words = MESSAGES.get(message)
    if words is None:
        return message, ""
    title, body = words(params or {})
    return str(title), str(body)
