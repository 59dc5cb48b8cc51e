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


def test_the_page_of_a_held_meeting_is_kept_until_its_protocol_moves(client, sign_in, voted, user_named, time_machine):
    """The page of a held meeting holds no form for the secretary: it is kept (council.navcache), read again
    without a query on the agenda; the draft protocol sent for agreement (R-000-11b) shows on the next view."""
    import datetime as dt

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from protocols import services as protocol_services

    time_machine.move_to(DAY)
    sign_in("secretary", "en")
    url = voted.meeting.get_absolute_url()
    first = client.get(url).content.decode()
    with CaptureQueriesContext(connection) as again:
        second = client.get(url).content.decode()
    assert second[second.index("<main") :] == first[first.index("<main") :]
    assert not [q for q in again.captured_queries if "secretariat_agendaitem" in q["sql"]]
    assert f'<span class="badge">{voted.get_status_display()}</span>' in first
    protocol_services.protocol_send_for_agreement(
        actor=user_named("secretary"), protocol=voted, agree_by=dt.date(2026, 12, 3), now=DAY
    )
    voted.refresh_from_db()
    page = client.get(url).content.decode()
    assert f'<span class="badge">{voted.get_status_display()}</span>' in page
    assert f'<span class="badge">{voted.get_status_display()}</span>' not in first


def test_a_member_s_receipt_is_recorded_and_the_secretary_sees_it_at_once(
    client, sign_in, dispatched_meeting, user_named, time_machine
):
    """R-000-10e: a member opening the dispatched agenda is recorded (their own page kept or not); the
    secretary's list of who opened it shows them on the next view."""
    from secretariat.models import Receipt

    time_machine.move_to(DAY)
    member = user_named("member_knb")
    sign_in("secretary", "en")
    url = dispatched_meeting.get_absolute_url()
    before = _between(client.get(url).content.decode(), 'id="receipts"', "</section>")
    assert f"{member.display_name}: " in before and "not opened yet" in before.split(member.display_name)[1][:80]
    sign_in("member_knb", "en")
    assert client.get(url).status_code == 200
    assert client.get(url).status_code == 200
    assert Receipt.objects.filter(meeting=dispatched_meeting, person=member).count() == 1
    sign_in("secretary", "en")
    after = _between(client.get(url).content.decode(), 'id="receipts"', "</section>")
    assert "not opened yet" not in after.split(member.display_name)[1][:80]
