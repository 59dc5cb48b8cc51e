"""What the protocols' and control's notices say (``council.messages``): a message name and plain parameters,
put into words in the reader's language when shown or e-mailed. Registered from ``ProtocolsConfig.ready()``."""

from django.utils.translation import gettext as _

from council.messages import body_name, both_of, day, pick

WHAT_MAX = 200  # characters of a decision's text in a notice's title; the page has the whole text


def assignment_params(assignment):
    """An assignment as a parameter: the decision's number and text, and the executing body."""
    decision = assignment.decision
    return {
        "number": f"{decision.item.number}.{decision.number}",
        "text": both_of(decision, "text"),
        "body": body_name(assignment.body),
    }


def _assignment(p):
    text = pick(p["text"])
    if len(text) > WHAT_MAX:
        text = text[: WHAT_MAX - 1].rsplit(" ", 1)[0] + "…"
    return f"{p['number']}. {text}: {pick(p['body'])}"


def _protocol_agree(p):
    """To the members: agree the draft protocol by a date (R-000-11b); silence counts as agreement where the
    council's rules say so."""
    title = _("Agree the draft protocol of the meeting of %(date)s by %(by)s") % {
        "date": day(p["date"]),
        "by": day(p["by"]),
    }
    return title, _("No answer by then counts as agreement.") if p.get("silence_is_consent") else ""


def _protocol_remarks(p):
    """To the secretary: a member's remarks on the draft protocol, as written (R-000-11b)."""
    return _("Remarks on the draft protocol from %(who)s") % {"who": pick(p["who"])}, p.get("remarks", "")


def _protocol_for_signature(p):
    """To the signers: the agreed protocol waits for their signature."""
    return _("For your signature: protocol of the meeting of %(date)s") % {"date": day(p["date"])}, ""


def _protocol_dispatched(p):
    """To the members: the signed protocol is sent."""
    title = _("Signed protocol No. %(number)s of the meeting of %(date)s") % {
        "number": p["number"],
        "date": day(p["date"]),
    }
    return title, ""


def _protocol_assignments(p):
    """To an executing body: the protocol's decisions it executes."""
    return _("Decisions to execute: protocol No. %(number)s") % {"number": p["number"]}, ""


def _citizen_checks(p):
    """To the police body: citizens' questions not answered in full at the report, to check (R-002-16)."""
    return _("Citizens' questions to check: protocol No. %(number)s") % {"number": p["number"]}, ""


def _assignment_cancelled(p):
    """To the executing body: the assignment lost relevance, with the reason (R-003-49), or a correction of
    the protocol replaced it."""
    if p.get("superseded_by"):
        reason = _("Superseded by the correction, protocol No. %(number)s") % {"number": p["superseded_by"]}
    else:
        reason = p.get("reason", "")
    return _("Cancelled: %(what)s") % {"what": _assignment(p["assignment"])}, reason


def _oral_instruction(p):
    """To the body: an urgent oral instruction, as entered (R-003-44)."""
    return _("Urgent instruction of %(who)s") % {"who": p["who"]}, p.get("text", "")


def _periodic_report(p):
    """To the secretary: a report at one of a periodic assignment's dates (R-003-47)."""
    return _("Periodic report: %(what)s") % {"what": _assignment(p["assignment"])}, p.get("text", "")


def _removal_proposed(p):
    """To the chair: the secretary proposes removal from control, with the certificate of results (R-003-18)."""
    return _("Proposed for removal from control: %(what)s") % {"what": _assignment(p["assignment"])}, p.get(
        "certificate", ""
    )


def _report_returned(p):
    """To the executing body: the report is returned with the secretary's remarks (R-000-11d)."""
    return _("Execution report returned: %(what)s") % {"what": _assignment(p["assignment"])}, p.get("remarks", "")


def _extension_requested(p):
    """To the chair: the body asks for a later deadline, with its reason (R-003-19)."""
    return _("Extension requested: %(what)s") % {"what": _assignment(p["assignment"])}, p.get("reason", "")


def _extension_decided(p):
    """To the executing body: the chair approved or declined the later deadline, with the comment."""
    title = _("Extension approved: %(what)s") if p["approved"] else _("Extension declined: %(what)s")
    return title % {"what": _assignment(p["assignment"])}, p.get("comment", "")


MESSAGES = {
    "protocol.agree": _protocol_agree,
    "protocol.remarks": _protocol_remarks,
    "protocol.for_signature": _protocol_for_signature,
    "protocol.dispatched": _protocol_dispatched,
    "protocol.assignments": _protocol_assignments,
    "protocol.citizen_checks": _citizen_checks,
    "assignment.cancelled": _assignment_cancelled,
    "oral_instruction": _oral_instruction,
    "assignment.periodic_report": _periodic_report,
    "assignment.removal_proposed": _removal_proposed,
    "assignment.report_returned": _report_returned,
    "extension.requested": _extension_requested,
    "extension.decided": _extension_decided,
}
