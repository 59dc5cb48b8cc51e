"""What the plans' notices say (``council.messages``): a message name and plain parameters, put into words in
the reader's language when shown or e-mailed. Registered from ``PlansConfig.ready()``."""

from django.utils.translation import gettext as _

from council.messages import body_name, day, pick

from .models import PlanRevision


def plan_params(plan):
    """A plan as a parameter: its council and period."""
    return {"council": body_name(plan.council), "start": plan.start.isoformat(), "end": plan.end.isoformat()}


def _plan(p):
    return f"{pick(p['council'])}: {day(p['start'])}–{day(p['end'])}"


def _proposal_submitted(p):
    """To the secretary: a member's proposal to the plan, with its justification (R-000-9a)."""
    return _("New proposal to the plan: %(question)s") % {"question": pick(p["question"])}, pick(p["justification"])


def _proposal_decided(p):
    """To the proposal's author: accepted or not, with the secretary's note (R-000-9a, R-001-1.2)."""
    words = {"question": pick(p["question"])}
    if p["accepted"]:
        title = _("Proposal accepted: %(question)s") % words
    else:
        title = _("Proposal not accepted: %(question)s") % words
    note = p.get("note", "")
    if p.get("criminal_case"):  # R-001-1.2
        note = f"{_('The group may not deal with a specific criminal case.')} {note}".strip()
    return title, note


def _plan_submitted(p):
    """To the chair: the draft plan waits for the signature (R-000-9a)."""
    return _("The draft plan is submitted for your signature: %(plan)s") % {"plan": _plan(p["plan"])}, ""


def _plan_decided(p):
    """To the council: the plan is approved; to the secretary: it is returned with the chair's remarks."""
    words = {"plan": _plan(p["plan"])}
    title = (_("The plan is approved: %(plan)s") if p["approved"] else _("The plan is returned: %(plan)s")) % words
    return title, p.get("remarks", "")


def _plan_corrected(p):
    """To the council: a correction of the approved plan, its reason and explanation (R-000-9b, R-003-19)."""
    title = _("The plan is corrected (revision %(revision)s): %(plan)s") % {
        "revision": p["revision"],
        "plan": _plan(p["plan"]),
    }
    reason = PlanRevision.Reason(p["reason"]).label if p.get("reason") in PlanRevision.Reason.values else ""
    explanation = p.get("explanation", "")
    return title, f"{reason}. {explanation}".strip() if reason else explanation


def _unplanned_to_confirm(p):
    """To the secretary and the chair: an analyst recorded an assignment or request; it is a basis of access
    once one of them confirms it (R-004-6, R-004-11)."""
    title = _("Confirm the basis of unplanned work № %(number)s of %(date)s") % {
        "number": p["number"],
        "date": day(p["date"]),
    }
    return title, _("Until it is confirmed against the document, it opens no analytical material.")


MESSAGES = {
    "unplanned.to_confirm": _unplanned_to_confirm,
    "proposal.submitted": _proposal_submitted,
    "proposal.decided": _proposal_decided,
    "plan.submitted": _plan_submitted,
    "plan.decided": _plan_decided,
    "plan.corrected": _plan_corrected,
}
