"""What a secretary and a member meet on the pages: body pickers limited to the council's registry, a
meeting held today no longer "upcoming", the attendance and the receipts still on the page after the
meeting, the agenda PDF closed to members until it is sent (R-000-10e), and the monitoring group's
quorum counted by personal participation (seed 001, 3.4) as a profile setting."""

import datetime as dt

import pytest
from django.urls import reverse

from council.models import Body
from secretariat.counting import Presence, SeatPresence, quorum
from tests.helpers import DAY, NOW

pytestmark = pytest.mark.django_db

OBLAST_BODY = "Департамент полиции Алматинской области"
REPUBLIC_BODY = "Министерство внутренних дел Республики Казахстан"


def options(page):
    import re

    return set(re.findall(r"<option value=\"\d+\"[^>]*>([^<]+)</option>", page))


def test_the_republic_councils_pickers_offer_only_its_own_bodies(approved_item, held, client, sign_in, time_machine):
    """Plan item, proposal and decision forms of the republic council list the bodies of its registry (a
    seat or a secretariat employee on it), never an oblast's department."""
    time_machine.move_to(DAY)
    sign_in("secretary")
    protocol_item = held.protocols.get().items.get(number=1)
    for url in (
        reverse("plans:item_new", args=[approved_item.plan.pk]),
        reverse("protocols:decision_new", args=[protocol_item.pk]),
    ):
        offered = options(client.get(url).content.decode())
        assert REPUBLIC_BODY in offered and OBLAST_BODY not in offered, url
    sign_in("member_mvd")
    offered = options(client.get(reverse("plans:proposal_new", args=["republic"])).content.decode())
    assert REPUBLIC_BODY in offered and OBLAST_BODY not in offered


def test_a_picker_refuses_a_body_outside_the_registry(approved_item, client, sign_in, time_machine):
    time_machine.move_to(NOW)
    sign_in("secretary")
    outsider = Body.objects.get(code="almaty-obl-dp")
    response = client.post(
        reverse("plans:item_new", args=[approved_item.plan.pk]),
        {"question_kk": "Сұрақ", "question_ru": "Вопрос", "responsible_body": outsider.pk},
    )
    assert response.status_code == 200  # the form comes back with its error, nothing saved
    assert not approved_item.plan.items.filter(question_ru="Вопрос").exists()


def test_a_meeting_held_today_is_listed_as_past_not_upcoming(held, client, sign_in, time_machine):
    time_machine.move_to(DAY)
    sign_in("secretary")
    page = client.get(reverse("secretariat:meeting_list", args=["republic"])).content.decode()
    url = reverse("secretariat:meeting_detail", args=[held.pk])
    coming, past = (
        page.split("Проведённые и прошедшие")[0].split("Предстоящие")[-1],
        page.split("Проведённые и прошедшие")[-1],
    )
    assert url not in coming and url in past


def test_after_holding_the_meeting_page_keeps_attendance_and_who_opened_the_pack(
    held, user_named, client, sign_in, time_machine
):
    from secretariat.models import Receipt

    Receipt.objects.create(meeting=held, person=user_named("member_knb"), opened_at=DAY - dt.timedelta(days=2))
    time_machine.move_to(DAY)
    sign_in("secretary")
    page = client.get(reverse("secretariat:meeting_detail", args=[held.pk])).content.decode()
    attendance = page.split('id="sat-h"')[1].split("</section>")[0]
    assert "Гульнар Талгатовна Касымова" in attendance  # the acting minister of justice, marked acting
    receipts = page.split('id="receipts-h"')[1].split("</section>")[0]
    assert "Ержан Маратович Сагинтаев: 29.11.2026" in receipts


def test_a_member_cannot_open_the_agenda_pdf_before_it_is_sent(
    approved_item, scheduled_item, client, sign_in, time_machine
):
    """R-000-10e: members read the agenda with its documents once it is sent; the secretariat earlier."""
    time_machine.move_to(NOW)
    url = reverse("secretariat:meeting_agenda_pdf", args=[scheduled_item.meeting.pk, "ru"])
    sign_in("member_knb")
    assert client.get(url).status_code == 403
    assert url not in client.get(scheduled_item.meeting.get_absolute_url()).content.decode()  # no link either
    sign_in("secretary")
    assert client.get(url).status_code == 200
    assert url in client.get(scheduled_item.meeting.get_absolute_url()).content.decode()


def test_the_monitoring_groups_quorum_counts_personal_participation_and_the_setting_decides():
    """Seed 001, 3.4 "путем личного участия": with the group's setting an acting official does not count;
    with the council's (R-000-9d) the acting official counts."""
    police = [SeatPresence(i, True, Presence.PRESENT, "police") for i in (1, 2)] + [
        SeatPresence(3, True, Presence.ACTING, "police")
    ]
    bar = [SeatPresence(4, True, Presence.PRESENT, "bar"), SeatPresence(5, True, Presence.PRESENT, "bar")]
    police[1] = SeatPresence(2, True, Presence.ABSENT, "police")
    rule = {"kind": "each_side_majority"}
    assert quorum(rule, police + bar, acting_counts=True).reached  # police 2 of 3
    assert not quorum(rule, police + bar, acting_counts=False).reached  # police 1 of 3


def test_the_monitoring_group_profile_does_not_count_acting_officials_and_the_council_does(demo):
    from council.deadline_services import council_profile

    assert council_profile(demo["group"]).typed.acting_counts_for_quorum is False
    assert council_profile(demo["republic"]).typed.acting_counts_for_quorum is True


def test_the_search_filter_offers_the_bodies_of_the_councils_the_user_sees(demo, client, sign_in, time_machine):
    time_machine.move_to(NOW)
    sign_in("member_mvd")  # a member of the republic council only
    offered = options(client.get(reverse("protocols:search")).content.decode())
    assert "МВД" in offered and "ДП области" not in offered  # short names
