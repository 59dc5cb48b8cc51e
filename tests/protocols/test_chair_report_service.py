"""The report to the chair on execution is written through its service, with an audit event (R-000-6,
R-000-11d)."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from council.models import AuditEvent, AuditVerb
from protocols.models import ChairReport
from protocols.services import chair_report_create
from tests.helpers import at

pytestmark = pytest.mark.django_db
NOW = at(dt.date(2027, 1, 10))


def write(actor, council):
    return chair_report_create(
        actor=actor,
        council=council,
        start=dt.date(2027, 1, 1),
        end=dt.date(2027, 1, 31),
        conclusions_kk="Қорытынды",
        conclusions_ru="Выводы: усилить контроль",
        now=NOW,
    )


def test_the_secretary_writes_the_report_to_the_chair_and_it_is_audited(demo, user_named):
    secretary = user_named("secretary")
    report = write(secretary, demo["republic"])
    assert (report.council.code, report.start, report.end, report.created_by, report.created_at) == (
        "republic",
        dt.date(2027, 1, 1),
        dt.date(2027, 1, 31),
        secretary,
        NOW,
    )
    event = AuditEvent.objects.get(verb=AuditVerb.CHAIR_REPORT_CREATE)
    assert (event.actor, event.council, event.subject_type, event.subject_id) == (
        secretary,
        report.council,
        "protocols.chairreport",
        report.pk,
    )


def test_a_member_may_not_write_the_report_to_the_chair(demo, user_named):
    with pytest.raises(PermissionDenied):
        write(user_named("member_mvd"), demo["republic"])
    assert not ChairReport.objects.exists()
    assert not AuditEvent.objects.filter(verb=AuditVerb.CHAIR_REPORT_CREATE).exists()
