"""Django admin per council: an oblast secretary manages only their own council; the republic
secretariat reads territorial councils; nothing leaks across councils (R-000-8, R-000-14)."""

import pytest
from django.urls import reverse

from council.models import Appointment, Council, Position, Seat, User
from tests.factories import CouncilFactory, OfficerFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def other_oblast(demo):
    """A second oblast council with its own secretary and a member."""
    council = CouncilFactory(
        code="karaganda-oblast", name_ru="Координационный совет Карагандинской области", parent=demo["republic"]
    )
    secretary = UserFactory(username="karaganda_secretary", is_staff=True, home_council=council)
    OfficerFactory(council=council, person=secretary, role="secretary", body=None)
    UserFactory(username="karaganda_person", full_name_ru="Житель Караганды", home_council=council)
    return council


def admin_get(client, user, name, *args, **params):
    client.force_login(user)
    return client.get(reverse(name, args=args), params)


def test_oblast_secretary_sees_only_their_council(client, user_named, demo, other_oblast):
    response = admin_get(client, user_named("oblast_secretary"), "admin:council_council_changelist")
    assert response.status_code == 200
    shown = {c.code for c in response.context["cl"].result_list}
    assert shown == {"almaty-oblast"}


def test_oblast_secretary_cannot_open_another_council(client, user_named, demo, other_oblast):
    for council in (demo["republic"], other_oblast):
        response = admin_get(client, user_named("oblast_secretary"), "admin:council_council_change", council.pk)
        assert response.status_code == 302  # the admin sends it home: the object is not theirs


def test_oblast_secretary_sees_only_their_people(client, user_named, demo, other_oblast):
    response = admin_get(client, user_named("oblast_secretary"), "admin:council_user_changelist")
    usernames = {u.username for u in response.context["cl"].result_list}
    assert "oblast_member_dp" in usernames
    assert "karaganda_person" not in usernames
    assert "member_mvd" not in usernames


def test_oblast_secretary_edits_their_council_composition(client, user_named, demo):
    oblast = demo["oblast"]
    client.force_login(user_named("oblast_secretary"))
    url = reverse("admin:council_council_change", args=[oblast.pk])
    page = client.get(url)
    assert page.status_code == 200
    form = page.context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and k in form.fields}
    seats = list(oblast.seats.order_by("order"))
    officers = list(oblast.officers.all())
    data.update(
        {
            "seats-TOTAL_FORMS": len(seats),
            "seats-INITIAL_FORMS": len(seats),
            "seats-MIN_NUM_FORMS": 0,
            "seats-MAX_NUM_FORMS": 1000,
            "officers-TOTAL_FORMS": len(officers),
            "officers-INITIAL_FORMS": len(officers),
            "officers-MIN_NUM_FORMS": 0,
            "officers-MAX_NUM_FORMS": 1000,
        }
    )
    for i, s in enumerate(seats):
        data.update(
            {
                f"seats-{i}-id": s.pk,
                f"seats-{i}-council": oblast.pk,
                f"seats-{i}-order": s.order,
                f"seats-{i}-position": s.position_id,
                f"seats-{i}-kind": s.kind,
                f"seats-{i}-role": s.role,
                f"seats-{i}-side": s.side,
                f"seats-{i}-valid_from": s.valid_from.isoformat(),
            }
        )
    data[f"seats-{len(seats) - 1}-kind"] = Seat.Kind.DELEGATED
    for i, o in enumerate(officers):
        data.update(
            {
                f"officers-{i}-id": o.pk,
                f"officers-{i}-council": oblast.pk,
                f"officers-{i}-role": o.role,
                f"officers-{i}-body": o.body_id or "",
                f"officers-{i}-person": o.person_id,
                f"officers-{i}-start": o.start.isoformat(),
            }
        )
    data["name_ru"] = "Координационный совет Алматинской области (новое наименование)"
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    oblast.refresh_from_db()
    assert oblast.name_ru.endswith("(новое наименование)")
    assert oblast.seats.get(pk=seats[-1].pk).kind == Seat.Kind.DELEGATED
    assert oblast.history.count() >= 2  # the change is in the history


def test_republic_secretariat_reads_territorial_councils_but_does_not_edit(client, user_named, demo, other_oblast):
    secretary = user_named("secretary")
    response = admin_get(client, secretary, "admin:council_council_changelist")
    shown = {c.code for c in response.context["cl"].result_list}
    assert shown == {"republic", "almaty-oblast", "karaganda-oblast"}
    page = admin_get(client, secretary, "admin:council_council_change", demo["oblast"].pk)
    assert page.status_code == 200
    assert not page.context["has_change_permission"]
    own = admin_get(client, secretary, "admin:council_council_change", demo["republic"].pk)
    assert own.context["has_change_permission"]


def test_oblast_secretary_cannot_post_into_another_council(client, user_named, demo):
    client.force_login(user_named("oblast_secretary"))
    response = client.post(
        reverse("admin:council_council_change", args=[demo["republic"].pk]), {"name_ru": "Взлом", "name_kk": "x"}
    )
    assert response.status_code in (302, 403)
    assert Council.objects.get(pk=demo["republic"].pk).name_ru != "Взлом"


def test_appointments_list_is_scoped(client, user_named, demo):
    response = admin_get(client, user_named("oblast_secretary"), "admin:council_appointment_changelist")
    assert response.status_code == 200
    people = {a.person.username for a in response.context["cl"].result_list}
    assert "oblast_member_dp" in people and "member_mvd" not in people


def test_a_secretary_cannot_grant_permissions(client, user_named, demo):
    member = User.objects.get(username="oblast_member_dp")
    response = admin_get(client, user_named("oblast_secretary"), "admin:council_user_change", member.pk)
    assert response.status_code == 200
    fields = response.context["adminform"].form.fields
    assert "is_superuser" not in fields and "user_permissions" not in fields and "is_staff" not in fields


def test_member_without_a_secretariat_role_has_no_admin(client, user_named, demo):
    member = user_named("oblast_member_dp")
    member.is_staff = True
    member.save()
    response = admin_get(client, member, "admin:index")
    assert response.status_code == 200
    assert response.context["app_list"] == []


def test_admin_changelists_keep_a_constant_query_count(client, user_named, demo, django_assert_max_num_queries):
    position = Position.objects.filter(seats__council=demo["oblast"]).first()
    client.force_login(user_named("oblast_secretary"))
    url = reverse("admin:council_user_changelist")
    with django_assert_max_num_queries(30) as before:
        client.get(url)
    for i in range(40):
        person = UserFactory(username=f"oblast_person_{i}", home_council=demo["oblast"])
        Appointment.objects.create(position=position, person=person, kind="acting", start="2026-01-01")
    with django_assert_max_num_queries(len(before.captured_queries)):
        client.get(url)
