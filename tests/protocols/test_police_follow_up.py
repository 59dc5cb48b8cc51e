"""What follows a citizen's question at a police chief's report: a check of one not answered in full,
recorded in the protocol, with the period the profile sets (R-002-16), the forwarding of one outside
police competence, complete only with the notice to the person (R-002-17), and both under the
leadership's control with overdue marks and escalation (R-002-19)."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import translation

from council.deadline_services import deadline_sweep, profile_new_version
from council.deadlines import due_date
from council.models import Body, Deadline, Notification
from protocols.models import QuestionCheck, QuestionForward
from protocols.services.police import check_close, check_open, forward_complete, forward_record
from tests.helpers import at
from tests.police import complete_protocol, held_report, police_body

pytestmark = pytest.mark.django_db
NOW = at(dt.date(2026, 12, 1))
DAY = at(dt.date(2027, 2, 18), 17)


def set_check_period(council, amount):
    profile = council.profile
    rules = {**profile.rules, "R-002-16.check": {"amount": amount, "unit": "working_days"}}
    council.profile = profile_new_version(profile=profile, actor=None, rules=rules, now=NOW)
    council.save(update_fields=["profile"])


def test_a_check_without_a_period_set_shows_period_not_set(client, demo, time_machine):
    """R-002-16: the Code's period is not invented; until the administrator sets it there is no due date."""
    report = held_report(now=NOW)
    council, _chief, secretary = police_body()
    question = report.questions.get(number=1)
    check = check_open(actor=secretary, question=question, now=DAY)
    assert check.due_date is None and check.protocol.meeting_id == report.meeting_id
    assert not Deadline.objects.filter(kind="citizen-check").exists()
    question.refresh_from_db()
    assert question.outcome == "not_full"
    time_machine.move_to(DAY)
    client.force_login(secretary)
    response = client.get(reverse("protocols:question_follow_up", args=[question.pk]))
    assert response.context["period"] is None and 'id="check-due"' in response.content.decode()


def test_a_check_is_due_by_the_profiles_period_goes_overdue_and_is_escalated_to_the_chief(demo):
    """R-002-16.check set by the administrator (15 working days here); R-002-19: the deadline is swept like
    every deadline under control: overdue, then the chief is told."""
    report = held_report(now=NOW)
    council, chief, secretary = police_body()
    set_check_period(council, 15)
    check = check_open(actor=secretary, question=report.questions.get(number=1), now=DAY)
    expected = due_date("R-002-16.check", dt.date(2027, 2, 18), overrides={"amount": 15, "unit": "working_days"})
    assert check.due_date == expected and expected > dt.date(2027, 3, 10)  # 8 March is a holiday
    deadline = Deadline.objects.get(kind="citizen-check", subject_id=check.pk)
    assert deadline.rule_id == "R-002-16.check"
    deadline_sweep(now=at(expected + dt.timedelta(days=1), 10))
    deadline_sweep(now=at(expected + dt.timedelta(days=5), 10))
    deadline.refresh_from_db()
    assert deadline.state == Deadline.State.OVERDUE
    assert Notification.objects.filter(deadline=deadline, recipient=chief).exists()
    check_close(actor=secretary, check=check, result="Освещение восстановлено, заявителю дан ответ", now=DAY)
    deadline.refresh_from_db()
    assert deadline.state == Deadline.State.MET  # closed on the report's day here, so on time


def test_only_the_secretary_records_checks_and_only_while_the_protocol_is_a_draft(demo):
    report = held_report(now=NOW)
    _council, chief, secretary = police_body()
    with pytest.raises(PermissionDenied):
        check_open(actor=chief, question=report.questions.get(number=1), now=DAY)
    check_open(actor=secretary, question=report.questions.get(number=1), now=DAY)
    with pytest.raises(ValidationError):  # decided once
        check_open(actor=secretary, question=report.questions.get(number=1), now=DAY)


def test_a_forwarding_is_complete_only_with_the_notice_to_the_person(demo):
    """R-002-17: forwarded to the competent body of the registry with the outgoing number and date; the
    person who raised it is notified (date and channel), or the forwarding stays incomplete."""
    report = held_report(now=NOW)
    _council, _chief, secretary = police_body()
    akimat = Body.objects.get(code="almaty-akimat")
    forward = forward_record(
        actor=secretary, question=report.questions.get(number=2), body=akimat, basis="territory",
        outgoing_number="3-12/455", outgoing_date=dt.date(2027, 2, 18), now=DAY,
    )  # fmt: skip
    assert forward.status == QuestionForward.Status.SENT
    with translation.override("en"), pytest.raises(ValidationError, match="notified"):
        forward_complete(actor=secretary, forward=forward, notice_date=None, notice_channel="", now=DAY)
    forward.refresh_from_db()
    assert forward.status == QuestionForward.Status.SENT
    with pytest.raises(IntegrityError), transaction.atomic():  # the table refuses it too
        QuestionForward.objects.filter(pk=forward.pk).update(status="complete")
    forward = forward_complete(
        actor=secretary, forward=forward, notice_date=dt.date(2027, 2, 18), notice_channel="sms", now=DAY
    )
    assert forward.status == QuestionForward.Status.COMPLETE
    assert report.questions.get(number=2).outcome == "outside"
    assert QuestionCheck.objects.count() == 0


def test_the_protocol_is_presented_and_signed_the_same_day_by_the_secretary_and_the_chief(demo, user_named):
    """R-002-14, R-002-15: no agreement with members; drawn up and signed on the day of the report, with
    the citizens' questions and what follows them in the document (R-002-13, R-002-16, R-002-17)."""
    import io

    from pypdf import PdfReader

    from protocols.models import Protocol
    from protocols.services import protocol_present, protocol_sign

    report = held_report(now=NOW)
    _council, chief, secretary = police_body()
    forward_record(
        actor=secretary, question=report.questions.get(number=2), body=Body.objects.get(code="almaty-akimat"),
        basis="territory", outgoing_number="3-12/455", outgoing_date=dt.date(2027, 2, 18), now=DAY,
    )  # fmt: skip
    protocol = Protocol.objects.get(meeting=report.meeting)
    complete_protocol(protocol, now=DAY)
    protocol_present(actor=secretary, protocol=protocol, now=DAY)
    protocol_sign(actor=secretary, protocol=protocol, password="demo-pass-123", now=DAY)
    protocol_sign(actor=chief, protocol=protocol, password="demo-pass-123", now=DAY)
    protocol.refresh_from_db()
    assert protocol.status == Protocol.Status.SIGNED and protocol.registration == "1/2027"
    assert Deadline.objects.get(kind="protocol", subject_id=protocol.pk).state == Deadline.State.MET
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(protocol.pdf_ru.read())).pages)
    assert "Нет уличного освещения во дворе" in text and "3-12/455" in text
    # R-002-19: once sent, its decisions are under control like a council's: an assignment of the police
    # body with its deadline row, reported on and escalated by the same machinery.
    from protocols.models import Assignment
    from protocols.services import protocol_dispatch

    protocol_dispatch(actor=secretary, protocol=protocol, now=DAY)
    assignment = Assignment.objects.get(decision__item__protocol=protocol)
    assert assignment.body.code == "almaty-dp" and assignment.responsible
    assert Deadline.objects.get(kind="execution", subject_id=assignment.pk).state == Deadline.State.OPEN
    coordination = Protocol.objects.create(
        meeting=report.meeting.__class__.objects.create(
            council=demo["republic"], date=dt.date(2026, 12, 2), created_by=secretary, created_at=NOW
        ),
        council=demo["republic"],
        created_by=secretary,
        created_at=NOW,
    )
    with translation.override("en"), pytest.raises(ValidationError, match="agreed"):  # R-000-11b for a council
        protocol_present(actor=user_named("secretary"), protocol=coordination, now=NOW)
