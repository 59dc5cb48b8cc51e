"""The calendar: a month of meetings and deadlines per person and per council, and a personal iCal feed at a
secret, revocable address, read back with ``icalendar`` (times in Asia/Almaty)."""

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.urls import reverse
from icalendar import Calendar

from council.models import Deadline
from secretariat.models import CalendarFeed, Meeting
from tests.helpers import DAY

pytestmark = pytest.mark.django_db

ALMATY = ZoneInfo("Asia/Almaty")


def _cell(page, day):
    match = re.search(rf'<td class="month__day[^"]*" data-date="{day}">(.*?)</td>', page, re.S)
    return match.group(1)


def test_the_month_shows_the_meeting_and_the_secretarys_deadlines(client, sign_in, dispatched_meeting, time_machine):
    time_machine.move_to(DAY - dt.timedelta(days=10))
    Meeting.objects.filter(pk=dispatched_meeting.pk).update(time=dt.time(11, 0))
    due = Deadline.objects.filter(council=dispatched_meeting.council).order_by("due_date").first()
    sign_in("secretary")
    page = client.get(reverse("secretariat:calendar_month"), {"month": "2026-12"}).content.decode()
    cell = _cell(page, "2026-12-01")
    assert dispatched_meeting.get_absolute_url() in cell and "11:00" in cell
    # 16 December (Independence Day) is a day off, shaded.
    assert re.search(r'class="month__day month__day--off[^"]*" data-date="2026-12-16"', page)
    page = client.get(reverse("secretariat:calendar_month"), {"month": f"{due.due_date:%Y-%m}"}).content.decode()
    assert due.title_ru in _cell(page, due.due_date.isoformat())


def test_a_member_sees_the_meeting_but_not_the_secretariats_deadlines(client, sign_in, dispatched_meeting):
    sign_in("member_knb")
    page = client.get(reverse("secretariat:council_calendar", args=["republic"]), {"month": "2026-12"})
    page = page.content.decode()
    assert dispatched_meeting.get_absolute_url() in _cell(page, "2026-12-01")
    assert "month__deadline" not in page
    sign_in("oblast_member_dp")  # another council's calendar does not open
    assert client.get(reverse("secretariat:council_calendar", args=["republic"])).status_code == 404


@pytest.mark.parametrize("month", ["2026-13", "12-2026", "1999-12", "2026-1x"])
def test_a_malformed_month_is_refused_with_the_reason(client, sign_in, demo, month):
    sign_in("member_knb", "en")
    response = client.get(reverse("secretariat:calendar_month"), {"month": month})
    assert response.status_code == 400 and "YYYY-MM" in response.content.decode()


def test_the_ical_feed_carries_meetings_and_deadlines_in_almaty_time_and_can_be_revoked(
    client, sign_in, user_named, dispatched_meeting, time_machine
):
    time_machine.move_to(DAY - dt.timedelta(days=10))
    Meeting.objects.filter(pk=dispatched_meeting.pk).update(time=dt.time(11, 0))
    sign_in("secretary")
    page = client.post(reverse("secretariat:calendar_feed"), {"action": "create"}, follow=True).content.decode()
    url = re.search(r'id="feed-url" type="text" readonly value="([^"]+)"', page).group(1)
    token = url.rsplit("/", 1)[1].removesuffix(".ics")
    stored = CalendarFeed.objects.get(person=user_named("secretary"))
    assert token not in stored.token_hash and len(stored.token_hash) == 64  # only its SHA-256 is kept
    assert 'id="feed-url"' not in client.get(reverse("secretariat:calendar_month")).content.decode()  # shown once

    calendar_app = Client()  # no sign-in: a calendar application
    response = calendar_app.get(url)
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    cal = Calendar.from_ical(response.content)
    events = {str(e["uid"]): e for e in cal.walk("VEVENT")}
    meeting = events[f"meeting-{dispatched_meeting.pk}@council-secretariat"]
    begins = meeting.decoded("dtstart")
    assert begins == dt.datetime(2026, 12, 1, 11, 0, tzinfo=ALMATY)
    assert str(begins.tzinfo) == "Asia/Almaty" and begins.utcoffset() == dt.timedelta(hours=5)
    assert meeting.decoded("dtend") - begins == dt.timedelta(hours=2)
    assert str(meeting["url"]).endswith(dispatched_meeting.get_absolute_url())
    assert [str(tz["tzid"]) for tz in cal.walk("VTIMEZONE")] == ["Asia/Almaty"]
    deadlines = Deadline.objects.filter(council=dispatched_meeting.council, state__in=Deadline.ACTIVE_STATES)
    assert deadlines.exists()
    for d in deadlines:
        event = events[f"deadline-{d.pk}@council-secretariat"]
        assert event.decoded("dtstart") == d.due_date and d.title in str(event["summary"])

    # A member's feed has the meeting but none of the secretariat's deadlines.
    sign_in("member_knb")
    page = client.post(reverse("secretariat:calendar_feed"), {"action": "create"}, follow=True).content.decode()
    member_url = re.search(r'id="feed-url" type="text" readonly value="([^"]+)"', page).group(1)
    member_events = [str(e["uid"]) for e in Calendar.from_ical(calendar_app.get(member_url).content).walk("VEVENT")]
    assert member_events == [f"meeting-{dispatched_meeting.pk}@council-secretariat"]

    # A new address replaces the old one; revoking ends it.
    sign_in("secretary")
    page = client.post(reverse("secretariat:calendar_feed"), {"action": "create"}, follow=True).content.decode()
    new_url = re.search(r'id="feed-url" type="text" readonly value="([^"]+)"', page).group(1)
    assert calendar_app.get(url).status_code == 404 and calendar_app.get(new_url).status_code == 200
    client.post(reverse("secretariat:calendar_feed"), {"action": "revoke"})
    assert calendar_app.get(new_url).status_code == 404
    assert not CalendarFeed.objects.filter(person=user_named("secretary")).exists()


def test_the_month_is_kept_until_a_meeting_is_scheduled(client, sign_in, demo, user_named, approved_item, time_machine):
    """The month's table is kept (council.navcache): seen again it reads no meeting; a meeting scheduled on
    the council shows on the next view, with the materials deadline it opens (R-000-10b)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from secretariat.services import meeting_schedule
    from tests.helpers import NOW

    time_machine.move_to(NOW)
    sign_in("secretary")
    url = reverse("secretariat:calendar_month")
    first = client.get(url, {"month": "2027-01"}).content.decode()
    assert "month__meeting" not in _cell(first, "2027-01-22")
    with CaptureQueriesContext(connection) as again:
        second = client.get(url, {"month": "2027-01"}).content.decode()
    assert _cell(second, "2027-01-22") == _cell(first, "2027-01-22")
    assert not [q for q in again.captured_queries if "secretariat_meeting" in q["sql"]]
    meeting = meeting_schedule(
        actor=user_named("secretary"),
        council=demo["republic"],
        date=dt.date(2027, 1, 22),
        now=NOW,
        plan_items=[approved_item],
    )
    page = client.get(url, {"month": "2027-01"}).content.decode()
    assert meeting.get_absolute_url() in _cell(page, "2027-01-22")


def test_a_crowded_day_shows_its_first_deadlines_and_links_to_the_rest(client, sign_in, demo, time_machine):
    """The republic secretariat's month holds hundreds of deadlines: a day shows its first four, and "+N more"
    opens the list of that day's deadlines, every one of them."""
    from tests.factories import DeadlineFactory

    time_machine.move_to(DAY - dt.timedelta(days=10))
    for n in range(6):
        DeadlineFactory(
            council=demo["republic"], due_date=dt.date(2026, 12, 10), title_ru=f"Срок дня {n}", title_kk=f"Күн {n}"
        )
    sign_in("secretary", "en")
    page = client.get(reverse("secretariat:calendar_month"), {"month": "2026-12"}).content.decode()
    cell = _cell(page, "2026-12-10")
    assert cell.count('class="month__deadline') == 4
    link = re.search(r'<li class="month__more"><a href="([^"]+)">\+2 more deadlines</a>', cell)
    assert link, cell
    listing = client.get(link.group(1).replace("&amp;", "&"))
    assert listing.status_code == 200
    shown = listing.content.decode()
    assert all(f"Срок дня {n}" in shown for n in range(6))
    assert "Due on 10.12.2026." in shown
    assert "Срок дня" not in _cell(page, "2026-12-11")


def test_a_malformed_day_of_the_deadlines_list_is_refused_with_the_reason(client, sign_in, demo):
    sign_in("secretary", "en")
    for bad in ("2026-13-01", "10.12.2026", "x" * 300, "1899-01-01"):
        response = client.get(reverse("my_deadlines"), {"due": bad})
        assert response.status_code == 400, bad
        assert "Enter the date as YYYY-MM-DD." in response.content.decode()
