"""Writes of territorial approvals: create, submit, approve, return. Atomic, checked, audited."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from council.messages import body_name
from council.models import AuditVerb
from council.notify import notify
from council.rules import allowed
from council.selectors import council_chairs, council_composition, council_secretaries
from council.services import audit
from council.uploads import discarded_on_failure, store_upload
from council.workflow import move

from .models import Approval


def can_prepare(user, council, day):
    return allowed(user, "territorial.prepare", council, day=day)


def can_decide(user, council, day):
    """The republic chair approves territorial councils' regulations and composition (R-000-6)."""
    return allowed(user, "territorial.decide", council, day=day)


def composition_snapshot(council, day):
    c = council_composition(council=council, day=day)
    return [
        {
            "position_ru": s.seat.position.title_ru,
            "position_kk": s.seat.position.title_kk,
            "kind": s.seat.kind,
            "role": s.seat.role,
            "holder_ru": s.holder.person.full_name_ru if s.holder else "",
            "holder_kk": s.holder.person.full_name_kk if s.holder else "",
        }
        for s in c.seats
    ]


@transaction.atomic
def approval_create(*, actor, council, kind, note="", document=None, profile=None, now):
    if council.parent_id is None:
        raise ValidationError(_("Only a territorial council's regulation and composition go to the republic chair."))
    if not can_prepare(actor, council, now.date()):
        raise PermissionDenied(_("Only the secretary of this council prepares its approvals."))
    approval = Approval(council=council, kind=kind, note=note, created_by=actor, created_at=now, profile=profile)
    if document is not None:
        store_upload(approval, document)
    elif kind == Approval.Kind.REGULATION:
        raise ValidationError({"document": _("Attach the regulation document.")})
    if kind == Approval.Kind.COMPOSITION:
        approval.composition = composition_snapshot(council, now.date())
    with discarded_on_failure(approval):
        approval.save()
        audit(actor=actor, verb=AuditVerb.APPROVAL_CREATE, subject=approval, council=council, at=now, kind=kind)
    return approval


@transaction.atomic
def approval_submit(*, actor, approval, now):
    approval = Approval.objects.select_for_update(of=("self",)).select_related("council__parent").get(pk=approval.pk)
    if not can_prepare(actor, approval.council, now.date()):
        raise PermissionDenied(_("Only the secretary of this council submits its approvals."))
    move(approval, Approval.Status.SUBMITTED, actor=actor, now=now, council=approval.council)
    if approval.kind == Approval.Kind.COMPOSITION:
        approval.composition = composition_snapshot(approval.council, now.date())
    approval.save(update_fields=["status", "composition"])
    parent = approval.council.parent
    notify(
        recipients=council_chairs(council=parent, day=now.date()) + council_secretaries(council=parent, day=now.date()),
        key=f"approval:{approval.pk}:submitted:{approval.steps.count()}",
        message="approval.submitted",
        params={"kind": approval.kind, "council": body_name(approval.council), "note": approval.note},
        now=now,
        council=parent,
        url=approval.get_absolute_url(),
    )
    return approval


@transaction.atomic
def approval_decide(*, actor, approval, approve, remarks="", now):
    approval = Approval.objects.select_for_update(of=("self",)).select_related("council__parent").get(pk=approval.pk)
    if not can_decide(actor, approval.council, now.date()):
        raise PermissionDenied(_("Only the chair of the republic council approves territorial councils."))
    if not approve and not remarks.strip():
        raise ValidationError({"remarks": _("Write the remarks the council must work in.")})
    move(
        approval,
        Approval.Status.APPROVED if approve else Approval.Status.RETURNED,
        actor=actor,
        now=now,
        comment=remarks.strip(),
        council=approval.council,
    )
    approval.remarks, approval.decided_by, approval.decided_at = remarks.strip(), actor, now
    approval.save(update_fields=["status", "remarks", "decided_by", "decided_at"])
    if approve and approval.kind == Approval.Kind.REGULATION and approval.profile_id:
        approval.council.profile = approval.profile
        approval.council.save(update_fields=["profile"])
    notify(
        recipients=council_secretaries(council=approval.council, day=now.date()),
        key=f"approval:{approval.pk}:{approval.status}:{approval.steps.count()}",
        message="approval.decided",
        params={"kind": approval.kind, "approved": approve, "remarks": approval.remarks},
        now=now,
        council=approval.council,
        url=approval.get_absolute_url(),
    )
    return approval
