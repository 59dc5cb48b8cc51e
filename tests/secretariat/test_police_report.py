"""A police chief's report to the public (seed 002) lives by its own profile: no materials deadline, no
agenda dispatch, no quorum; its deadlines are the publication 10 calendar days before (R-002-8.2) and the
protocol on the day (R-002-12, R-002-14)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from council.models import Deadline
from protocols.models import Protocol
from secretariat.meeting_day import attendance_record, meeting_hold
from secretariat.models import AgendaItem, Meeting
from tests.helpers import at, roster
from tests.police import police_body, schedule_report

pytestmark = pytest.mark.django_db
NOW = at(dt.date(2026, 12, 1))


def deadlines_of_meeting(meeting):
    from django.contrib.contenttypes.models import ContentType

    return Deadline.objects.filter(
        subject_type=ContentType.objects.get_for_model(Meeting), subject_id=meeting.pk
    ) | Deadline.objects.filter(
        subject_type=ContentType.objects.get_for_model(AgendaItem),
        subject_id__in=AgendaItem.objects.filter(meeting=meeting).values("pk"),
    )


def test_a_police_report_never_opens_a_coordination_councils_deadline(demo):
    """R-002-4..R-002-8: scheduling opens the publication only; no R-000-10b materials, no R-000-10e agenda,
    nothing of another seed's rules."""
    report = schedule_report(now=NOW)
    rows = list(deadlines_of_meeting(report.meeting).values_list("kind", "rule_id"))
    assert rows == [("publication", "R-002-8.2")]
    assert not Deadline.objects.filter(council=report.council).exclude(rule_id__startswith="R-002-").exists()


@pytest.mark.parametrize(
    "report_day, due",
    [
        (dt.date(2027, 2, 18), dt.date(2027, 2, 8)),  # ten calendar days before, a Monday
        (dt.date(2027, 3, 3), dt.date(2027, 2, 19)),  # 21 February is a Sunday: back to Friday the 19th
    ],
)
def test_the_announcement_is_due_ten_calendar_days_before_the_report(demo, report_day, due):
    """R-002-8.2, Decision: calendar days (ten working days before 18 February 2027 would be 4 February);
    a day off moves back to the previous working day."""
    report = schedule_report(date=report_day, now=NOW)
    deadline = Deadline.objects.get(kind="publication", subject_id=report.meeting.pk)
    assert deadline.due_date == due
    rules = report.council.profile.rules["R-002-8.2"]
    assert (rules["amount"], rules["unit"], rules["direction"]) == (10, "calendar_days", "before")


def test_the_report_is_held_without_an_agenda_or_a_quorum_and_its_protocol_is_due_the_same_day(demo):
    """R-002-4, R-002-12, R-002-14: held in person straight from the schedule; the protocol's deadline is
    the day of the report."""
    report = schedule_report(date=dt.date(2027, 2, 18), now=NOW)
    council, _chief, secretary = police_body()
    day = at(dt.date(2027, 2, 18), 16)
    meeting = report.meeting
    attendance_record(
        actor=secretary, meeting=meeting, presence={e.seat.pk: "present" for e in roster(meeting)}, now=day
    )
    meeting_hold(actor=secretary, meeting=meeting, now=day)
    protocol = Protocol.objects.get(meeting=meeting)
    deadline = Deadline.objects.get(kind="protocol", subject_id=protocol.pk)
    assert (deadline.rule_id, deadline.due_date) == ("R-002-12", dt.date(2027, 2, 18))


def test_a_coordination_council_meeting_is_still_held_only_after_its_agenda_is_sent(demo, user_named):
    """R-000-10e: the straight move to held is only for a profile that sends no agenda."""
    from secretariat.services import meeting_schedule

    secretary = user_named("secretary")
    meeting = meeting_schedule(actor=secretary, council=demo["republic"], date=dt.date(2026, 12, 10), now=NOW)
    with pytest.raises(ValidationError, match="agenda"):
        meeting_hold(actor=secretary, meeting=meeting, now=at(dt.date(2026, 12, 10), 16))


def test_a_report_is_held_in_the_year_after_the_reporting_year(demo):
    """R-002-4: the report on 2026 is held in 2027."""
    with pytest.raises(ValidationError) as exc:
        schedule_report(date=dt.date(2026, 12, 20), now=NOW)
    assert "R-002-4" in str(exc.value)
