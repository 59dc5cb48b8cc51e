"""What the secretariat's notices say (``council.messages``): a message name and plain parameters, put into
words in the reader's language when shown or e-mailed. Registered from ``SecretariatConfig.ready()``."""

from django.utils.translation import gettext as _

from council.links import absolute
from council.messages import day, pick

from .models import AgendaItem


def _agenda_dispatched(p):
    """To the members: the approved agenda with its documents (R-000-10e): place, questions, and the link to
    the whole pack."""
    title = _("Agenda and documents of the meeting of %(date)s") % {"date": day(p["date"])}
    lines = [pick(p["place"])] if pick(p.get("place")) else []
    lines += [f"{q['number']}. {pick(q['question'])}" for q in p.get("items", [])]
    lines.append(_("All documents in one download: %(url)s") % {"url": absolute(p["pack"])})
    return title, "\n".join(lines)


def _member_request_new(p):
    """To the body asked: a member's request for information or materials, as written (R-000-10d)."""
    return _("A request for information or materials from %(body)s") % {"body": pick(p["body"])}, p.get("what", "")


def _member_request_answered(p):
    """To the member who asked: the answer, as written (R-000-10d)."""
    return _("Your request is answered: %(what)s") % {"what": p.get("what", "")}, p.get("answer", "")


def _meeting_agree(p):
    """To the members: agree the date, time, place and agenda by a date (R-000-9f)."""
    title = _("Agree the meeting of %(date)s by %(by)s") % {"date": day(p["date"]), "by": day(p["by"])}
    return title, pick(p.get("place"))


def _meeting_media(p):
    """To the council: the chair's decision on recording and videoconferencing (R-003-24)."""
    yes, no = _("yes"), _("no")
    title = _("Meeting of %(date)s: recording %(rec)s, videoconference %(vc)s") % {
        "date": day(p["date"]),
        "rec": yes if p["recording"] else no,
        "vc": yes if p["videoconference"] else no,
    }
    return title, ""


def _item_reported(p):
    """To the chair: the secretary checked the materials (R-000-10c), with the secretary's note."""
    return _("Materials checked, for your decision: %(question)s") % {"question": pick(p["question"])}, p.get(
        "note", ""
    )


def _item_returned(p):
    """To the responsible body: the chair returned the materials for rework, with the remarks (R-000-10c)."""
    return _("Returned for rework: %(question)s") % {"question": pick(p["question"])}, p.get("remarks", "")


def _item_late_allowed(p):
    """To the responsible body: the chair allows the materials late, with the reason."""
    return _("Late submission allowed: %(question)s") % {"question": pick(p["question"])}, p.get("reason", "")


def _extraordinary_requested(p):
    """To the chair and the secretary: members ask for an extraordinary meeting (R-000-9e)."""
    title = _("Request for an extraordinary meeting: %(question)s") % {"question": pick(p["question"])}
    return title, p.get("justification", "")


def _extraordinary_decided(p):
    """To whoever asked and the secretary: convened, or declined with the chair's reason (R-000-9e)."""
    if p["convened"]:
        title = _("Extraordinary meeting convened: %(question)s")
    else:
        title = _("Extraordinary meeting declined: %(question)s")
    return title % {"question": pick(p["question"])}, p.get("reason", "")


def _item_refused(p):
    """To the responsible body: the secretary refused its question, the ground with its rule (R-001-1.2)."""
    title = _("Question %(number)s of the meeting of %(date)s is refused: %(question)s") % {
        "number": p["number"],
        "date": day(p["meeting"]),
        "question": pick(p["question"]),
    }
    wording = str(AgendaItem.REFUSAL_WORDING.get(p.get("ground"), ""))
    return title, f"{wording} {p.get('note', '')}".strip()


MESSAGES = {
    "agenda.dispatched": _agenda_dispatched,
    "member_request.new": _member_request_new,
    "member_request.answered": _member_request_answered,
    "meeting.agree": _meeting_agree,
    "meeting.media": _meeting_media,
    "item.reported": _item_reported,
    "item.returned": _item_returned,
    "item.late_allowed": _item_late_allowed,
    "item.refused": _item_refused,
    "extraordinary.requested": _extraordinary_requested,
    "extraordinary.decided": _extraordinary_decided,
}
