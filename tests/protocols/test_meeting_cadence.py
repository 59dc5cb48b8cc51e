"""R-001-3b: the monitoring group meets at least once every two months. One rule, counted in one place
(``plans.coverage.meeting_gaps``), used by the plan's coverage warning and by the compliance dashboard."""

import datetime as dt

import pytest
from django.urls import reverse

from plans.coverage import coverage_warnings, meeting_gaps
from secretariat.models import Meeting
from tests.helpers import NOW, at

pytestmark = pytest.mark.django_db
D = dt.date


def test_a_group_meeting_exactly_every_two_months_has_no_gap():
    """15 January, 15 March, 15 May: two months apart each, no gap; to 20 July, more than two months."""
    dates = [D(2027, 1, 15), D(2027, 3, 15), D(2027, 5, 15)]
    assert meeting_gaps(start=D(2027, 1, 1), end=D(2027, 7, 15), meeting_dates=dates) == []
    assert meeting_gaps(start=D(2027, 1, 1), end=D(2027, 7, 20), meeting_dates=dates) == [
        (D(2027, 5, 15), D(2027, 7, 20))
    ]
    # The last meeting before the period counts: 20 November 2026 to 15 January 2027 is under two months.
    assert meeting_gaps(start=D(2027, 1, 1), end=D(2027, 2, 1), meeting_dates=[D(2026, 11, 20), D(2027, 1, 15)]) == []
    assert meeting_gaps(start=D(2027, 1, 1), end=D(2027, 2, 1), meeting_dates=[D(2026, 11, 10), D(2027, 1, 15)]) == [
        (D(2026, 11, 10), D(2027, 1, 15))
    ]
    # The plan's coverage warning counts the same way.
    warnings = coverage_warnings(
        start=D(2027, 1, 1),
        end=D(2027, 3, 31),
        min_meetings={"per": "two_months", "count": 1},
        meeting_dates=[D(2027, 1, 15), D(2027, 3, 15)],
        items_without_responsible=[],
    )
    assert warnings == []


def _held(council, day, user):
    return Meeting.objects.create(
        council=council, date=day, status=Meeting.Status.HELD, created_by=user, created_at=NOW
    )


def test_the_dashboard_judges_the_group_by_the_gap_not_by_meetings_per_quarter(
    demo, user_named, client, sign_in, time_machine
):
    """A group held 15 January, 15 March and 14 May 2027: one meeting in the second quarter is not below the
    minimum; on 20 July 2027 the stretch since 14 May is more than two months and is shown."""
    group, secretary = demo["group"], user_named("group_secretary")
    for day in (D(2027, 1, 15), D(2027, 3, 15), D(2027, 5, 14)):
        _held(group, day, secretary)
    url = reverse("protocols:compliance")
    time_machine.move_to(at(D(2027, 7, 10)))
    sign_in("group_secretary")
    page = client.get(url, {"council": group.code, "year": 2027}).content.decode()
    assert "R-001-3b" in page and "badge--bad" not in page
    time_machine.move_to(at(D(2027, 7, 20)))
    sign_in("group_secretary")
    page = client.get(url, {"council": group.code, "year": 2027}).content.decode()
    assert "14.05.2027" in page and "20.07.2027" in page and "badge--bad" in page
