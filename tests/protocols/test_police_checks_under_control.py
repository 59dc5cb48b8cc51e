"""The check of a citizen's question not answered in full at a police chief's report (R-002-16) is, once
the protocol is signed, under control like any decision (R-002-19): an assignment of the police body with
the check's deadline, on the council's execution control list, in the body employee's "My work" and in the
report to the chair; recording the check's result executes it, on time or late."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from council.deadline_services import profile_new_version
from council.models import Body, CouncilOfficer, Deadline, User
from protocols.control import execution_summary, report_submit
from protocols.models import Assignment, Protocol
from protocols.review import assignment_cancel
from protocols.services import protocol_present, protocol_sign
from protocols.services.police import check_close, check_open
from tests.helpers import at
from tests.police import complete_protocol, held_report, police_body

pytestmark = pytest.mark.django_db
NOW = at(dt.date(2026, 12, 1))
DAY = at(dt.date(2027, 2, 18), 17)
QUESTION = "Нет уличного освещения во дворе"


def signed_with_a_check(*, period=15):
    """A report held on 18 February 2027 whose question 1 was not answered in full, the check's period set
    to ``period`` working days (or not set), the protocol signed by the secretary and the chief that day."""
    report = held_report(now=NOW)
    council, chief, secretary = police_body()
    if period:
        rules = {**council.profile.rules, "R-002-16.check": {"amount": period, "unit": "working_days"}}
        council.profile = profile_new_version(profile=council.profile, actor=None, rules=rules, now=NOW)
        council.save(update_fields=["profile"])
    check = check_open(actor=secretary, question=report.questions.get(number=1), now=DAY)
    protocol = Protocol.objects.get(meeting=report.meeting)
    complete_protocol(protocol, now=DAY)
    protocol_present(actor=secretary, protocol=protocol, now=DAY)
    for signer in (secretary, chief):
        protocol_sign(actor=signer, protocol=protocol, password="demo-pass-123", now=DAY)
    check.refresh_from_db()
    return council, check


def body_employee(council):
    """The police body's secretariat employee on the council (R-000-8)."""
    employee = User.objects.create_user("dp_employee", password="demo-pass-123", full_name_ru="Сотрудник ДП")
    CouncilOfficer.objects.create(
        council=council,
        person=employee,
        role=CouncilOfficer.Role.SECRETARIAT,
        body=Body.objects.get(code="almaty-dp"),
        start=dt.date(2020, 1, 1),
    )
    return employee


def page(client, user, url, **params):
    user.preferred_language = "ru"
    user.save(update_fields=["preferred_language"])
    client.force_login(user)
    response = client.get(url, params)
    assert response.status_code == 200
    return response.content.decode()


def test_the_signed_protocols_check_is_an_assignment_of_the_police_body_with_the_checks_deadline(demo):
    council, check = signed_with_a_check()
    assignment = Assignment.objects.get(question_check=check)
    assert (assignment.council, assignment.body.code, assignment.responsible) == (council, "almaty-dp", True)
    assert assignment.due_date == check.due_date and assignment.status == Assignment.Status.IN_WORK
    assert assignment.protocol == check.protocol and QUESTION in assignment.text_ru
    # One deadline row controls it (R-002-16.check), not a second one for the assignment.
    assert Deadline.objects.filter(kind="citizen-check", subject_id=check.pk).count() == 1
    assert not Deadline.objects.filter(kind="execution", subject_id=assignment.pk).exists()


def test_a_check_without_its_period_set_has_no_date_to_control(demo):
    """R-002-16: without the Code's period in the profile the check has no due date: nothing is invented."""
    _council, check = signed_with_a_check(period=0)
    assert check.due_date is None and not Assignment.objects.filter(question_check=check).exists()


def test_the_check_is_on_the_control_list_in_my_work_and_in_the_report_to_the_chair(demo, client, time_machine):
    council, check = signed_with_a_check()
    _council, chief, secretary = police_body()
    employee = body_employee(council)
    due = check.due_date.strftime("%d.%m.%Y")
    time_machine.move_to(at(dt.date(2027, 2, 20)))
    listing = reverse("protocols:assignment_list", args=[council.code])
    for user in (secretary, chief, employee):  # the employee starts with their own body's list
        html = page(client, user, listing)
        assert QUESTION in html and due in html
    work = page(client, employee, reverse("home"))
    assert due in work and check.get_absolute_url() in work
    quarter = {"start": "2027-01-01", "end": "2027-06-30"}
    for user in (secretary, chief):
        html = page(client, user, reverse("protocols:chair_report", args=[council.code]), **quarter)
        assert QUESTION in html and due in html
    # Another council's member does not see this council's control list.
    client.force_login(User.objects.get(username="member_mvd"))
    assert client.get(listing).status_code == 404


def test_recording_the_result_on_time_executes_it_and_it_leaves_the_open_list(demo, client, time_machine):
    council, check = signed_with_a_check()
    _council, _chief, secretary = police_body()
    employee = body_employee(council)
    assignment = Assignment.objects.get(question_check=check)
    with pytest.raises(ValidationError):  # no report on the assignment's page: the result is the check's
        report_submit(actor=employee, assignment=assignment, text="Проверено", now=at(dt.date(2027, 2, 20)))
    check_close(
        actor=secretary, check=check, result="Освещение восстановлено, заявителю дан ответ", now=at(dt.date(2027, 3, 1))
    )
    assignment.refresh_from_db()
    assert assignment.status == Assignment.Status.REMOVED and assignment.on_time is True
    assert assignment.certificate == "Освещение восстановлено, заявителю дан ответ"
    assert Deadline.objects.get(kind="citizen-check", subject_id=check.pk).state == Deadline.State.MET
    time_machine.move_to(at(dt.date(2027, 3, 1), 12))
    listing = reverse("protocols:assignment_list", args=[council.code])
    assert QUESTION not in page(client, secretary, listing)
    assert QUESTION in page(client, secretary, listing, status="removed")
    assert check.get_absolute_url() not in page(client, employee, reverse("home"))
    summary = execution_summary(
        councils=[council], start=dt.date(2027, 1, 1), end=dt.date(2027, 6, 30), today=dt.date(2027, 3, 1)
    )
    assert summary.on_time == [assignment] and not summary.overdue and not summary.in_work


def test_recording_the_result_after_the_date_executes_it_late(demo, client, time_machine):
    council, check = signed_with_a_check()
    _council, _chief, secretary = police_body()
    assignment = Assignment.objects.get(question_check=check)
    late = at(check.due_date + dt.timedelta(days=3), 11)
    time_machine.move_to(late)
    listing = reverse("protocols:assignment_list", args=[council.code])
    assert QUESTION in page(client, secretary, listing, status="overdue")
    check_close(actor=secretary, check=check, result="Дан ответ заявителю", now=late)
    assignment.refresh_from_db()
    assert assignment.status == Assignment.Status.REMOVED and assignment.on_time is False
    assert assignment.reports.get().late
    assert Deadline.objects.get(kind="citizen-check", subject_id=check.pk).state == Deadline.State.MET_LATE
    assert QUESTION not in page(client, secretary, listing, status="overdue")
    summary = execution_summary(councils=[council], start=check.due_date, end=check.due_date, today=late.date())
    assert summary.late == [assignment]
    detail = page(client, secretary, assignment.get_absolute_url())
    assert 'id="check-page"' in detail and "Дан ответ заявителю" in detail


def test_a_checks_assignment_is_not_cancelled_as_irrelevant_the_check_stays_under_control(demo):
    """R-002-16: the check ends only with its result; cancelling its assignment (R-003-49) would leave the
    question open and off the control list, so it is refused and the assignment stays in work."""
    council, check = signed_with_a_check()
    _council, _chief, secretary = police_body()
    assignment = Assignment.objects.get(question_check=check)
    with translation.override("en"):
        with pytest.raises(ValidationError) as refused:
            assignment_cancel(actor=secretary, assignment=assignment, reason="Утратило актуальность", now=DAY)
        assert "recorded on the citizen's question's page" in str(refused.value)
    assignment.refresh_from_db()
    assert assignment.status not in Assignment.CLOSED
