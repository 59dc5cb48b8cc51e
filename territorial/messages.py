"""What the territorial approvals' notices say (``council.messages``): a message name and plain parameters,
put into words in the reader's language when shown or e-mailed. Registered from ``TerritorialConfig.ready()``."""

from django.utils.translation import gettext as _

from council.messages import pick

from .models import Approval


def _kind(p):
    return Approval.Kind(p["kind"]).label if p.get("kind") in Approval.Kind.values else ""


def _approval_submitted(p):
    """To the republic chair and secretary: a territorial council's regulation or composition waits for
    approval (R-000-6, R-000-14), with the council's note as written."""
    title = _("For approval: %(what)s of %(council)s") % {"what": _kind(p), "council": pick(p["council"])}
    return title, p.get("note", "")


def _approval_decided(p):
    """To the territorial secretary: approved, or returned with the republic chair's remarks as written."""
    title = _("Approved: %(what)s") if p["approved"] else _("Returned with remarks: %(what)s")
    return title % {"what": _kind(p)}, p.get("remarks", "")


MESSAGES = {
    "approval.submitted": _approval_submitted,
    "approval.decided": _approval_decided,
}
