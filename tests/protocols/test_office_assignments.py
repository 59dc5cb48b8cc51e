"""The Office's rules for assignments (seed 003): minimum periods by kind, shortened only on a recorded
ground (R-003-40..44); periodic assignments with their dates as deadline rows up to the final date or 31
December (R-003-47); the quarterly review and cancellation with a reason, executors told at once (R-003-49)."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import translation

from council.models import Deadline, Notification
from protocols import control
from protocols.assignment_kinds import check_period, occurrences
from protocols.models import Assignment, ControlReview, Decision
from protocols.periodic import occurrences_follow
from protocols.review import assignment_cancel, control_review_done, control_reviews_open
from protocols.services import protocol_dispatch
from tests.helpers import at, decide

pytestmark = pytest.mark.django_db
D = dt.date
SENT = at(D(2026, 12, 8), 9)


def test_an_assignment_shorter_than_its_kinds_minimum_is_refused_unless_a_ground_is_recorded(held, user_named):
    """The meeting of Tuesday 1 December 2026: an in-depth assignment runs at least 20 working days, to 30
    December (Independence Day, 16 December, not counted); an instruction on a case 10, to 15 December; an
    information request 3, to 4 December."""
    protocol = held.protocols.get()
    with translation.override("en"), pytest.raises(ValidationError, match=r"30\.12\.2026 \(R-003-40\.\.44\)"):
        decide(protocol, user_named, kind="in_depth", due_date=D(2026, 12, 29))
    decision = decide(protocol, user_named, kind="in_depth", due_date=D(2026, 12, 30))
    assert (decision.kind, decision.due_date) == ("in_depth", D(2026, 12, 30))
    with pytest.raises(ValidationError, match="R-003-40..44"):
        decide(protocol, user_named, kind="case", due_date=D(2026, 12, 14))
    assert decide(protocol, user_named, kind="case", due_date=D(2026, 12, 15)).due_date == D(2026, 12, 15)
    with pytest.raises(ValidationError, match="R-003-40..44"):
        decide(protocol, user_named, kind="request", due_date=D(2026, 12, 3))
    shortened = decide(protocol, user_named, kind="request", due_date=D(2026, 12, 3), shortened_on="prosecutor_general")
    assert (shortened.due_date, shortened.shortened_on) == (D(2026, 12, 3), "prosecutor_general")
    with pytest.raises(ValidationError):
        decide(protocol, user_named, kind="request", due_date=D(2026, 12, 3), shortened_on="minister")
    # One deadline per assignment: the decision carries one date, no interim ones (R-003-40..44).
    assert [f.name for f in Decision._meta.get_fields() if f.name.endswith("due_date")] == ["due_date"]


def test_a_periodic_assignment_without_a_final_date_runs_to_31_december():
    """R-003-47; its monthly dates are the months' last days, a day off moved to the next working day."""
    assert check_period(
        council=None, kind="", shortened_on="", period="monthly", given_on=D(2026, 12, 1), due_date=None
    ) == D(2026, 12, 31)
    # 31 January 2027 and 28 February 2027 are Sundays.
    assert occurrences(period="monthly", start=D(2026, 12, 1), end=D(2027, 3, 31)) == [
        D(2026, 12, 31),
        D(2027, 2, 1),
        D(2027, 3, 1),
        D(2027, 3, 31),
    ]
    assert occurrences(period="quarterly", start=D(2027, 1, 20), end=D(2027, 12, 31)) == [
        D(2027, 3, 31),
        D(2027, 6, 30),
        D(2027, 9, 30),
        D(2027, 12, 31),
    ]


def test_a_periodic_assignments_dates_are_deadline_rows_each_met_by_a_report(signed, user_named):
    decision = Decision.objects.get(item__protocol=signed, item__number=1)
    Decision.objects.filter(pk=decision.pk).update(period="monthly", due_date=D(2027, 3, 31))
    protocol_dispatch(actor=user_named("secretary"), protocol=signed, now=SENT)
    lead = Assignment.objects.get(decision=decision, responsible=True)
    rows = {
        d.kind: (d.rule_id, d.due_date)
        for d in Deadline.objects.filter(subject_id=lead.pk, kind__startswith="periodic-")
    }
    assert rows == {
        "periodic-2026-12-31": ("R-003-47", D(2026, 12, 31)),
        "periodic-2027-02-01": ("R-003-47", D(2027, 2, 1)),
        "periodic-2027-03-01": ("R-003-47", D(2027, 3, 1)),
    }
    control.report_submit(actor=user_named("sec_mvd"), assignment=lead, text="За декабрь", now=at(D(2026, 12, 30)))
    lead.refresh_from_db()
    assert lead.status == Assignment.Status.IN_WORK  # runs on to its final date
    met = Deadline.objects.get(subject_id=lead.pk, kind="periodic-2026-12-31")
    assert met.state == Deadline.State.MET
    assert Deadline.objects.get(subject_id=lead.pk, kind="periodic-2027-02-01").state == Deadline.State.OPEN


def test_cancelling_needs_a_reason_and_tells_the_executors_at_once(signed, user_named):
    protocol_dispatch(actor=user_named("secretary"), protocol=signed, now=SENT)
    lead = Assignment.objects.get(decision__item__protocol=signed, responsible=True)
    part = Assignment.objects.get(decision__item__protocol=signed, responsible=False)
    with pytest.raises(ValidationError, match="R-003-49"):
        assignment_cancel(actor=user_named("secretary"), assignment=lead, reason=" ", now=SENT)
    with pytest.raises(PermissionDenied):
        assignment_cancel(actor=user_named("sec_mvd"), assignment=lead, reason="Утратило актуальность", now=SENT)
    assignment_cancel(actor=user_named("secretary"), assignment=lead, reason="Утратило актуальность", now=SENT)
    for a in (lead, part):
        a.refresh_from_db()
        assert (a.status, a.cancel_reason) == (Assignment.Status.CANCELLED, "Утратило актуальность")
        assert not Deadline.objects.filter(
            subject_id=a.pk, kind__startswith="execution", state__in=Deadline.ACTIVE_STATES
        ).exists()
    told = Notification.objects.filter(key=f"assignment:{lead.pk}:cancelled").values_list(
        "recipient__username", flat=True
    )
    assert "sec_mvd" in set(told)


def test_the_quarterly_review_is_due_on_the_quarters_last_working_day_and_lists_open_assignments(
    signed, user_named, client, sign_in, time_machine, demo
):
    """R-003-49: the fourth quarter of 2026 ends on Thursday 31 December; the third quarter of 2029 on
    Sunday 30 September, a day off: its review is due Friday 28 September."""
    protocol_dispatch(actor=user_named("secretary"), protocol=signed, now=SENT)
    opened = control_reviews_open(today=D(2026, 12, 10), now=SENT)
    review = next(r for r in opened if r.council == demo["republic"])
    deadline = Deadline.objects.get(kind="control-review", subject_id=review.pk)
    assert (deadline.rule_id, deadline.due_date) == ("R-003-49", D(2026, 12, 31))
    later = next(r for r in control_reviews_open(today=D(2029, 8, 1), now=SENT) if r.council == demo["republic"])
    assert Deadline.objects.get(kind="control-review", subject_id=later.pk).due_date == D(2029, 9, 28)
    time_machine.move_to(at(D(2026, 12, 10)))
    sign_in("secretary")
    page = client.get(reverse("protocols:control_review", args=[review.pk])).content.decode()
    assert "R-003-49" in page and "05.01.2027" in page  # decision 1.1, in work
    assert client.post(reverse("protocols:control_review", args=[review.pk])).status_code == 302
    assert ControlReview.objects.get(pk=review.pk).reviewed_at is not None
    assert Deadline.objects.get(pk=deadline.pk).state == Deadline.State.MET
    with pytest.raises(ValidationError):
        control_review_done(actor=user_named("secretary"), review=review, now=SENT)


def periodic_rows(assignment):
    """The report dates' rows of a periodic assignment: kind → (due date, state)."""
    return {
        d.kind: (d.due_date, d.state)
        for d in Deadline.objects.filter(subject_id=assignment.pk, kind__startswith="periodic-").order_by("due_date")
    }


def extend(assignment, user_named, new_due_date, requested_on, decided_on):
    extension = control.extension_request(
        actor=user_named("sec_mvd"),
        assignment=assignment,
        new_due_date=new_due_date,
        reason="Нужны данные за квартал",
        now=at(requested_on),
    )
    control.extension_decide(actor=user_named("chair"), extension=extension, approve=True, now=at(decided_on))
    assignment.refresh_from_db()


OPEN = Deadline.State.OPEN


def test_an_extended_periodic_assignment_without_a_final_date_gets_report_dates_up_to_the_new_one(signed, user_named):
    """Monthly, no final date: it runs to 31 December 2026, its only report date (R-003-47). Extended to
    31 March 2027 (R-003-19): 31 December becomes a report date, 31 January 2027 (a Sunday) moves to Monday 1
    February, 28 February (a Sunday) to 1 March; 31 March is the execution row's."""
    decision = Decision.objects.get(item__protocol=signed, item__number=1)
    due = check_period(
        council=signed.council, kind="", shortened_on="", period="monthly", given_on=signed.meeting.date, due_date=None
    )
    assert due == D(2026, 12, 31)
    Decision.objects.filter(pk=decision.pk).update(period="monthly", due_date=due)
    protocol_dispatch(actor=user_named("secretary"), protocol=signed, now=SENT)
    lead = Assignment.objects.get(decision=decision, responsible=True)
    assert periodic_rows(lead) == {}
    extend(lead, user_named, D(2027, 3, 31), requested_on=D(2026, 12, 21), decided_on=D(2026, 12, 22))
    assert periodic_rows(lead) == {
        "periodic-2026-12-31": (D(2026, 12, 31), OPEN),
        "periodic-2027-02-01": (D(2027, 2, 1), OPEN),
        "periodic-2027-03-01": (D(2027, 3, 1), OPEN),
    }
    assert Deadline.objects.get(subject_id=lead.pk, kind="execution").due_date == D(2027, 3, 31)
    assert {d.rule_id for d in Deadline.objects.filter(subject_id=lead.pk, kind__startswith="periodic-")} == {
        "R-003-47"
    }


def test_report_dates_follow_an_extension_and_a_met_one_stays_met(signed, user_named):
    """Monthly to 31 March 2027, December reported on 30 December; extended to 31 May 2027: 31 March and
    30 April 2027 become report dates, 31 May is the execution row's; the met December row is untouched."""
    decision = Decision.objects.get(item__protocol=signed, item__number=1)
    Decision.objects.filter(pk=decision.pk).update(period="monthly", due_date=D(2027, 3, 31))
    protocol_dispatch(actor=user_named("secretary"), protocol=signed, now=SENT)
    lead = Assignment.objects.get(decision=decision, responsible=True)
    control.report_submit(actor=user_named("sec_mvd"), assignment=lead, text="За декабрь", now=at(D(2026, 12, 30)))
    met = Deadline.objects.get(subject_id=lead.pk, kind="periodic-2026-12-31")
    extend(lead, user_named, D(2027, 5, 31), requested_on=D(2027, 1, 11), decided_on=D(2027, 1, 12))
    assert periodic_rows(lead) == {
        "periodic-2026-12-31": (D(2026, 12, 31), Deadline.State.MET),
        "periodic-2027-02-01": (D(2027, 2, 1), OPEN),
        "periodic-2027-03-01": (D(2027, 3, 1), OPEN),
        "periodic-2027-03-31": (D(2027, 3, 31), OPEN),
        "periodic-2027-04-30": (D(2027, 4, 30), OPEN),
    }
    assert Deadline.objects.get(pk=met.pk).closed_at == met.closed_at

    # A final date brought before report dates already opened: the open ones after it are waived with the
    # reason, the met one stays (R-003-47).
    Assignment.objects.filter(pk=lead.pk).update(due_date=D(2027, 2, 15))
    lead.refresh_from_db()
    occurrences_follow(lead, actor=user_named("chair"), now=at(D(2027, 1, 13)), reason="R-003-19: срок изменён")
    rows = periodic_rows(lead)
    assert rows["periodic-2026-12-31"][1] == Deadline.State.MET and rows["periodic-2027-02-01"][1] == OPEN
    waived = Deadline.objects.filter(subject_id=lead.pk, kind__startswith="periodic-", state=Deadline.State.WAIVED)
    assert sorted(d.due_date for d in waived) == [D(2027, 3, 1), D(2027, 3, 31), D(2027, 4, 30)]
    assert {d.waive_reason for d in waived} == {"R-003-19: срок изменён"}
