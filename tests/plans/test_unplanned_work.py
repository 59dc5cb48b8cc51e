"""Unplanned information-analytical work (seed 004, paragraphs 6–10 and 14; R-004-6..10, R-004-14)."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from council.deadline_services import council_profile, deadline_sweep, profile_new_version
from council.models import Deadline, Notification, SensitiveMaterial
from plans import analytics
from plans.models import UnplannedDocument, UnplannedWork
from tests.analytics_world import build
from tests.helpers import NOW, at, pdf_of, upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def w(demo, user_named):
    return build(demo, user_named)


def _request(w, **overrides):
    data = {
        "actor": w["analyst"],
        "council": w["office"],
        "basis": UnplannedWork.Basis.REQUEST,
        "number": "12-3/456",
        "date": dt.date(2026, 11, 20),
        "author": "Министр внутренних дел",
        "requesting_body": w["mvd"],
        "agreed_by": "Заместитель Генерального Прокурора",
        "received_on": dt.date(2026, 11, 23),
        "text_kk": "Қылмыс статистикасы туралы сұрау",
        "text_ru": "Запрос о статистике преступности",
        "executor": w["analyst"],
        "now": NOW,
    }
    return analytics.unplanned_record(**{**data, **overrides})


def _row(work, kind):
    return Deadline.objects.get(subject_id=work.pk, kind=kind, subject_type__model="unplannedwork")


def test_a_request_is_assessed_within_5_calendar_days(w):
    """R-004-6..7: received Monday 23 November 2026, the 5th calendar day is Saturday 28 November, so the
    assessment is due on Monday 30 November."""
    work = _request(w)
    assert work.status == UnplannedWork.Status.ASSESSMENT
    row = _row(work, analytics.ASSESSMENT)
    assert (row.rule_id, row.due_date, row.responsible_person) == ("R-004-6", dt.date(2026, 11, 30), w["analyst"])
    assert analytics.assessment_due(w["office"], dt.date(2026, 11, 18)) == dt.date(2026, 11, 23)


def test_a_request_without_the_agreement_of_the_prosecutor_general_is_no_basis(w):
    """R-004-6: a state body's request is a basis only when agreed by the Prosecutor General or a deputy."""
    with pytest.raises(ValidationError) as exc:
        _request(w, agreed_by="")
    assert "agreed_by" in exc.value.message_dict
    assert not UnplannedWork.objects.exists()


def test_only_an_official_of_a_listed_category_executes_and_records(w):
    """R-004-11: the executor holds a position of Appendix 2; a member with no category records nothing."""
    with pytest.raises(ValidationError) as exc:
        _request(w, executor=w["plain"])
    assert "executor" in exc.value.message_dict
    with pytest.raises(PermissionDenied):
        _request(w, actor=w["plain"])
    # An official acting in a category-9 position is an analyst too.
    assert _request(w, actor=w["acting_analyst"], executor=w["acting_analyst"]).executor == w["acting_analyst"]


def test_an_accepted_request_is_executed_within_one_month_unless_a_period_was_set(w):
    """R-004-10: one month from acceptance (23 November → 23 December 2026); a period set by the Prosecutor
    General or a deputy is kept as set."""
    work = analytics.unplanned_accept(actor=w["analyst"], work=_request(w), now=NOW)
    assert work.status == UnplannedWork.Status.ACCEPTED
    assert _row(work, analytics.ASSESSMENT).state == Deadline.State.MET
    row = _row(work, analytics.EXECUTION)
    assert (row.rule_id, row.due_date) == ("R-004-10", dt.date(2026, 12, 23))
    assert work.due_date == dt.date(2026, 12, 23) and not work.period_set_by_chief

    other = analytics.unplanned_accept(
        actor=w["analyst"], work=_request(w, number="77"), now=NOW, due_date=dt.date(2026, 12, 10)
    )
    assert _row(other, analytics.EXECUTION).due_date == dt.date(2026, 12, 10) and other.period_set_by_chief
    # A period recorded with the request (set when it was agreed) is kept at acceptance.
    third = analytics.unplanned_accept(
        actor=w["analyst"], work=_request(w, number="78", due_date=dt.date(2026, 12, 15)), now=NOW
    )
    assert _row(third, analytics.EXECUTION).due_date == dt.date(2026, 12, 15)


def test_an_assignment_of_the_prosecutor_general_is_under_control_at_once(w):
    """R-004-6, R-004-10: an assignment needs no assessment; with no period set it is due in one month."""
    work = _request(w, basis=UnplannedWork.Basis.ASSIGNMENT, requesting_body=None, agreed_by="", number="5-П")
    assert work.status == UnplannedWork.Status.ACCEPTED
    assert not Deadline.objects.filter(kind=analytics.ASSESSMENT).exists()
    assert _row(work, analytics.EXECUTION).due_date == dt.date(2026, 12, 23)


def test_a_refusal_is_reported_then_answered_at_once(w):
    """R-004-8: a reasoned report to the Prosecutor General (stored); R-004-9: then at once a reasoned
    answer to the body, due within the profile's working days (1 by default, a decision of this system),
    stored with its dispatch."""
    work = _request(w)
    analytics.unplanned_refuse(
        actor=w["analyst"], work=work, reason="Сведений нет в системе", report=upload("report.pdf", pdf_of(1)), now=NOW
    )
    work.refresh_from_db()
    assert work.status == UnplannedWork.Status.REFUSAL_REPORTED
    report = work.documents.get(kind=UnplannedDocument.Kind.REFUSAL_REPORT)
    assert report.sha256 and report.original_name == "report.pdf"
    answer_row = _row(work, analytics.ANSWER)
    assert (answer_row.rule_id, answer_row.due_date) == ("R-004-9", dt.date(2026, 11, 24))
    assert _row(work, analytics.ASSESSMENT).state == Deadline.State.MET

    with pytest.raises(ValidationError):
        analytics.unplanned_accept(actor=w["analyst"], work=work, now=NOW)  # refused work is not accepted

    later = at(dt.date(2026, 11, 24), 11)
    analytics.unplanned_answer(
        actor=w["analyst"],
        work=work,
        answer=upload("answer.pdf", pdf_of(1)),
        number="исх-9",
        dispatched_on=dt.date(2026, 11, 24),
        now=later,
    )
    work.refresh_from_db()
    answer = work.documents.get(kind=UnplannedDocument.Kind.ANSWER)
    assert work.status == UnplannedWork.Status.REFUSED
    assert (answer.number, answer.dispatched_on) == ("исх-9", dt.date(2026, 11, 24))
    assert _row(work, analytics.ANSWER).state == Deadline.State.MET


def test_the_at_once_period_is_the_profiles_setting(w):
    """R-004-9: with the setting at 0 working days the answer is due the same day as the report."""
    office = w["office"]
    profile = council_profile(office)
    office.profile = profile_new_version(
        profile=profile, actor=None, settings_={**profile.settings, "refusal_answer_working_days": 0}, now=NOW
    )
    office.save(update_fields=["profile"])
    work = _request(w)
    analytics.unplanned_refuse(actor=w["analyst"], work=work, reason="Нет", report=upload("r.pdf", pdf_of(1)), now=NOW)
    assert _row(work, analytics.ANSWER).due_date == dt.date(2026, 11, 23)


def test_a_refusal_without_a_report_changes_nothing(w):
    work = _request(w)
    with pytest.raises(ValidationError):
        analytics.unplanned_refuse(actor=w["analyst"], work=work, reason="Нет", report=None, now=NOW)
    work.refresh_from_db()
    assert work.status == UnplannedWork.Status.ASSESSMENT and not work.documents.exists()


def test_results_are_attached_to_the_work_and_the_chair_removes_it_from_control(w):
    """R-004-14: the results are attached to the materials that were their basis."""
    work = analytics.unplanned_accept(actor=w["analyst"], work=_request(w), now=NOW)
    material = analytics.unplanned_result_attach(
        actor=w["analyst"],
        work=work,
        title_kk="Талдау нәтижесі",
        title_ru="Результат анализа",
        text_kk="Мәтін",
        text_ru="Текст",
        now=at(dt.date(2026, 12, 1)),
    )
    assert SensitiveMaterial.objects.get(subject_id=work.pk, subject_type__model="unplannedwork") == material
    assert _row(work, analytics.EXECUTION).state == Deadline.State.MET
    with pytest.raises(PermissionDenied):
        analytics.unplanned_close(actor=w["analyst"], work=work, now=at(dt.date(2026, 12, 2)))
    work = analytics.unplanned_close(actor=w["deputy_pg"], work=work, now=at(dt.date(2026, 12, 2)))
    assert work.status == UnplannedWork.Status.CLOSED


def test_overdue_work_is_marked_and_escalated_to_the_chair(w):
    """Under control like assignments: the day after the due date the executor is told it is overdue; three
    days later the chair (the Prosecutor General's deputy) is told."""
    work = analytics.unplanned_accept(actor=w["analyst"], work=_request(w), now=NOW)
    deadline_sweep(now=at(dt.date(2026, 12, 24), 10))
    row = _row(work, analytics.EXECUTION)
    assert row.state == Deadline.State.OVERDUE
    assert Notification.objects.filter(recipient=w["analyst"], deadline=row, key__endswith=":overdue:1").exists()
    deadline_sweep(now=at(dt.date(2026, 12, 28), 10))
    assert Notification.objects.filter(recipient=w["deputy_pg"], deadline=row, key__contains=":escalate:").exists()


def test_every_move_and_every_write_has_a_declared_audit_verb(w):
    from council.models import AuditEvent, AuditVerb

    for targets in UnplannedWork.TRANSITIONS.values():
        for to in targets:
            assert f"unplannedwork.{to}" in AuditVerb.values
    work = analytics.unplanned_accept(actor=w["analyst"], work=_request(w), now=NOW)
    analytics.unplanned_result_attach(
        actor=w["analyst"], work=work, title_kk="Т", title_ru="Т", text_kk="", text_ru="", now=NOW
    )
    analytics.unplanned_close(actor=w["deputy_pg"], work=work, now=NOW)
    refused = _request(w, number="2")
    analytics.unplanned_refuse(
        actor=w["analyst"], work=refused, reason="Нет", report=upload("r.pdf", pdf_of(1)), now=NOW
    )
    analytics.unplanned_answer(
        actor=w["analyst"],
        work=refused,
        answer=upload("a.pdf", pdf_of(1)),
        number="",
        dispatched_on=NOW.date(),
        now=NOW,
    )
    written = set(AuditEvent.objects.values_list("verb", flat=True))
    assert {"unplanned.record", "unplannedwork.accepted", "unplannedwork.refused", "sensitive.create"} <= written
    assert written <= set(AuditVerb.values)
