"""A meeting held today is no longer "coming"; after holding, its page keeps the roster as it sat and who
opened the pack (R-000-10e, R-000-9d)."""

import pytest
from django.urls import reverse

from secretariat import services
from tests.helpers import DAY

pytestmark = pytest.mark.django_db


def _between(page, start, end):
    return page[page.index(start) : page.index(end, page.index(start))]


def test_a_meeting_held_today_is_listed_under_held_not_coming(client, sign_in, held, time_machine):
    time_machine.move_to(DAY)  # the meeting's own day, 1 December 2026, after it was held
    sign_in("member_mvd", "en")
    page = client.get(reverse("secretariat:meeting_list", args=["republic"])).content.decode()
    coming = _between(page, "<h2>Coming</h2>", "<h2>Held and past</h2>")
    past = page[page.index("<h2>Held and past</h2>") :]
    assert held.get_absolute_url() not in coming
    assert held.get_absolute_url() in past and "01.12.2026" in past


def test_after_holding_the_page_keeps_the_roster_and_who_opened_the_pack(
    client, sign_in, dispatched_meeting, user_named, time_machine
):
    from secretariat.meeting_day import attendance_record, meeting_hold
    from tests.helpers import everyone

    member = user_named("member_knb")
    opened_at = DAY.replace(hour=9, minute=30)
    services.receipt_record(user=member, meeting=dispatched_meeting, now=opened_at)
    secretary = user_named("secretary")
    attendance_record(
        actor=secretary, meeting=dispatched_meeting, presence=everyone(dispatched_meeting, absent=["knb"]), now=DAY
    )
    meeting_hold(actor=secretary, meeting=dispatched_meeting, now=DAY)

    time_machine.move_to(DAY)
    sign_in("secretary")
    page = client.get(dispatched_meeting.get_absolute_url()).content.decode()
    opened = _between(page, 'id="receipts"', "</section>")
    assert f"{member.display_name}: 01.12.2026 09:30" in opened
    assert "ещё не открыто" in opened  # the others
    sat = _between(page, 'id="sat"', "</section>")
    rows = sat.split("<tr>")
    assert any(member.display_name in r and "отсутствует" in r for r in rows)
    assert any(user_named("acting_mju").display_name in r and "представлен исполняющим обязанности" in r for r in rows)
