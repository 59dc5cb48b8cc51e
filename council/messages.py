"""What notices say, kept as a message name and its parameters and put into words in the reader's language
when shown or e-mailed (a Kazakh reader's inbox is in Kazakh whoever caused the notice).

Parameters are plain JSON: numbers, ISO dates, and names in both languages as ``{"kk": …, "ru": …}``.
The wording is plain: what happened or is due, by when, and the link leads to the page where it is done.
Apps above ``council`` keep theirs in their own ``messages.py`` and add them with ``register()`` from
``AppConfig.ready()``; ``council.notify`` refuses a name that is not registered.
"""

import datetime

from django.core.exceptions import ImproperlyConfigured
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


def both_of(obj, field):
    """A bilingual field (``<field>_kk``, ``<field>_ru``) of ``obj`` in both languages, as a parameter."""
    return both(getattr(obj, f"{field}_kk"), getattr(obj, f"{field}_ru"))


def person_name(user):
    """A person's name in both languages, as a parameter (the login name when no name is given)."""
    fallback = user.get_full_name() or user.username
    return both(user.full_name_kk or fallback, user.full_name_ru or fallback)


def in_both(words):
    """``words()`` as written in Kazakh and in Russian, as a parameter: for a name a model puts together."""
    pair = {}
    for lang in ("kk", "ru"):
        with translation.override(lang):
            pair[lang] = str(words())
    return pair


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


def _file_problem(p):
    """To the administrators: a stored file no longer matches its SHA-256 on record, or is gone."""
    words = {**p, "subject": pick(p["subject"]), "council": pick(p["council"])}
    if p["problem"] == "altered":
        title = _("Stored file altered: %(name)s")
        body = _(
            "The stored file “%(name)s” of %(subject)s (%(council)s) no longer matches the SHA-256 on record; "
            "its download is refused until the original is restored.\n"
            "Stored as: %(stored)s\nSHA-256 on record: %(expected)s\nSHA-256 found: %(actual)s\n"
            "Noticed when %(who)s tried to download it."
        )
    else:
        title = _("Stored file missing: %(name)s")
        body = _(
            "The stored file “%(name)s” of %(subject)s (%(council)s) is not on disk; its download answers "
            "“not found” until it is restored.\nStored as: %(stored)s\nSHA-256 on record: %(expected)s\n"
            "Noticed when %(who)s tried to download it."
        )
    return title % words, body % words


# message name -> function(params) -> (title, body), called in the reader's language
MESSAGES = {
    "deadline.remind": _deadline_remind,
    "deadline.overdue": _deadline_overdue,
    "deadline.escalate": _deadline_escalate,
    "materials.arrived": _materials_arrived,
    "contribution.arrived": _contribution_arrived,
    "report.arrived": _report_arrived,
    "file.problem": _file_problem,
}


def register(messages):
    """Add an app's messages (from its ``AppConfig.ready()``); a name is one message, never two."""
    for name, words in messages.items():
        if MESSAGES.setdefault(name, words) is not words:
            raise ImproperlyConfigured(f"The notice message {name!r} is registered twice.")


def render(message, params):
    """(title, body) of ``message`` in the active language; an unknown name shows its name."""
    words = MESSAGES.get(message)
    if words is None:
        return message, ""
    title, body = words(params or {})
    return str(title), str(body)
