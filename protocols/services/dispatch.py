"""Dispatch of the signed protocol with receipts, and its keeping period (R-000-11c, R-001-3e)."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from council.deadline_services import council_profile, deadline_close_for
from council.models import Body
from council.notify import notify
from council.workflow import move

from ..control import assignments_create
from ..models import Protocol, ProtocolReceipt
from .agreement import members
from .drafts import _locked, can_edit


@transaction.atomic
def protocol_dispatch(*, actor, protocol, now, bodies=()):
    """Send the signed protocol to the members and to the bodies the profile names (for the monitoring
    group: the concerned police units and the Bar Presidium, R-001-3e), with a receipt for each."""
    protocol = _locked(protocol)
    if not can_edit(actor, protocol, now.date()):
        raise PermissionDenied(_("Only the secretary sends the protocol."))
    extra = [r for r in council_profile(protocol.council).typed.protocol_recipients if r != "members"]
    if extra and not bodies:
        raise ValidationError(
            {"bodies": _("The regulation also requires copies to the concerned units and bodies; choose them.")}
        )
    move(protocol, Protocol.Status.DISPATCHED, actor=actor, now=now, council=protocol.council)
    protocol.dispatched_at = now
    protocol.save(update_fields=["status", "dispatched_at"])
    people = members(protocol)
    ProtocolReceipt.objects.bulk_create(
        [ProtocolReceipt(protocol=protocol, person=p, sent_at=now) for p in people]
        + [
            ProtocolReceipt(protocol=protocol, body=b, sent_at=now)
            for b in Body.objects.filter(pk__in=[b.pk for b in bodies])
        ]
    )
    deadline_close_for(subject=protocol, kind="protocol-dispatch", actor=actor, now=now)

    assignments_create(protocol=protocol, actor=actor, now=now)  # the executors have received it
    notify(
        recipients=people,
        key=f"protocol:{protocol.pk}:dispatched",
        message="protocol.dispatched",
        params={"number": protocol.registration, "date": protocol.meeting.date.isoformat()},
        now=now,
        council=protocol.council,
        url=protocol.get_absolute_url(),
    )
    return protocol


def receipt_open(*, user, protocol, now):
    """A member opened the sent protocol: the first time is kept."""
    return ProtocolReceipt.objects.filter(protocol=protocol, person=user, opened_at__isnull=True).update(opened_at=now)


def keep_until_passed(queryset, day: datetime.date):
    """Protocols whose keeping period has ended: shown and reported, never deleted automatically."""
    return queryset.filter(keep_until__lt=day)
