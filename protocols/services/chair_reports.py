"""The secretariat's report to the chair on execution for a period, with its conclusions (R-000-6,
R-000-11d)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from council.models import AuditVerb
from council.rules import allowed
from council.services import audit

from ..models import ChairReport


@transaction.atomic
def chair_report_create(*, actor, council, start, end, conclusions_kk, conclusions_ru, now):
    """The secretary writes the report to the chair on the execution of decisions from ``start`` to ``end``."""
    if not allowed(actor, "protocols.analyse_execution", council, day=now.date()):
        raise PermissionDenied(_("The secretary analyses execution reports."))
    if start > end:
        raise ValidationError(_("The period ends after it begins."))
    report = ChairReport.objects.create(
        council=council,
        start=start,
        end=end,
        conclusions_kk=conclusions_kk,
        conclusions_ru=conclusions_ru,
        created_by=actor,
        created_at=now,
    )
    audit(
        actor=actor,
        verb=AuditVerb.CHAIR_REPORT_CREATE,
        subject=report,
        council=council,
        at=now,
        start=start.isoformat(),
        end=end.isoformat(),
    )
    return report
