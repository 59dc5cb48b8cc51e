"""Before scheduling a meeting whose lead times have passed, or creating a plan for a period under way, the
secretary sees the deadlines that will be late and confirms (R-000-10b, R-000-10a.contributions, R-000-10e,
R-000-9a.proposals)."""

import datetime as dt

import pytest
from django.urls import reverse

from plans.models import Plan
from secretariat.models import Meeting
from tests.helpers import NOW

pytestmark = pytest.mark.django_db


@pytest.fixture
def secretary(client, user_named, time_machine):
    time_machine.move_to(NOW)  # Monday 23 November 2026
    user = user_named("secretary")
    user.preferred_language = "en"
    user.save(update_fields=["preferred_language"])
    client.force_login(user)
    return user


def test_a_meeting_in_ten_days_is_scheduled_only_after_the_warning(client, demo, secretary):
    """A meeting on Thursday 3 December 2026: its materials were due 20 calendar days before (13 November,
    a Friday, R-000-10b); the agenda is due 30 November (R-000-10e), still ahead."""
    url = reverse("secretariat:meeting_new", args=["republic"])
    response = client.post(url, {"date": "2026-12-03"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "These lead times of the regulation have passed already" in page
    assert "R-000-10b" in page and "13.11.2026" in page and "6 working days late" in page
    assert "R-000-10e" not in page
    assert not Meeting.objects.filter(council=demo["republic"], date=dt.date(2026, 12, 3)).exists()
    response = client.post(url, {"date": "2026-12-03", "confirm_late": "1"})
    assert response.status_code == 302
    assert Meeting.objects.filter(council=demo["republic"], date=dt.date(2026, 12, 3)).exists()


def test_a_meeting_with_time_enough_is_scheduled_at_once(client, demo, secretary):
    response = client.post(reverse("secretariat:meeting_new", args=["republic"]), {"date": "2027-02-25"})
    assert response.status_code == 302
    assert Meeting.objects.filter(council=demo["republic"], date=dt.date(2027, 2, 25)).exists()


def test_a_plan_for_a_half_year_under_way_asks_for_confirmation(client, demo, secretary):
    """The plan for 1 July – 31 December 2026, drafted on 23 November: the period has begun and the members'
    proposals were due 30 calendar days before it (R-000-9a.proposals)."""
    url = reverse("plans:plan_list", args=["republic"])
    response = client.post(url, {"period": "half_year", "start": "2026-07-01"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Deadlines of this plan have passed already" in page
    assert "The plan&#x27;s period has begun" in page or "The plan's period has begun" in page
    assert "R-000-9a.proposals" in page
    assert not Plan.objects.filter(council=demo["republic"], start=dt.date(2026, 7, 1)).exists()
    response = client.post(url, {"period": "half_year", "start": "2026-07-01", "confirm_late": "1"})
    assert response.status_code == 302
    assert Plan.objects.filter(council=demo["republic"], start=dt.date(2026, 7, 1)).exists()
    # The next half-year has time enough: no warning.
    assert client.post(url, {"period": "half_year", "start": "2027-07-01"}).status_code == 302
