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
    employee = User.objects.get(username="oblast_sec_dp")  # of the oblast secretariat, with no seat
    response = admin_get(client, user_named("oblast_secretary"), "admin:council_user_change", employee.pk)
    assert response.status_code == 200 and response.context["has_change_permission"]
    fields = response.context["adminform"].form.fields
    assert "email" in fields
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
        assert client.get(url).status_code == 200
    for i in range(40):
        person = UserFactory(username=f"oblast_person_{i}", home_council=demo["oblast"])
        Appointment.objects.create(position=position, person=person, kind="acting", start="2026-01-01")
    with django_assert_max_num_queries(len(before.captured_queries)):
        assert client.get(url).status_code == 200


# Values, not only choices: what an admin form accepts is checked against the councils the user keeps
# (R-000-8 a council's secretariat manages that council; R-000-14 the republic oversees, read-only).


def republic_chair_position(demo):
    return Seat.objects.get(council=demo["republic"], role=Seat.Role.CHAIR).position


def test_an_oblast_secretary_cannot_make_themselves_acting_chair_of_the_republic(client, user_named, demo, today):
    from council.roles import Role, council_roles

    secretary = user_named("oblast_secretary")
    secretary.preferred_language = "en"
    secretary.save(update_fields=["preferred_language"])
    client.force_login(secretary)
    response = client.post(
        reverse("admin:council_appointment_add"),
        {
            "person": secretary.pk,
            "position": republic_chair_position(demo).pk,
            "kind": "acting",
            "start": "2026-11-01",
            "basis": "",
        },
    )
    assert response.status_code == 200  # the form again, with the reason
    assert "sits on a council you do not keep" in str(response.context["adminform"].form.errors["position"])
    assert not Appointment.objects.filter(person=secretary, kind="acting").exists()
    fresh = User.objects.get(pk=secretary.pk)
    assert Role.CHAIR not in council_roles(fresh, demo["republic"], today)


def test_an_oblast_secretary_cannot_appoint_another_councils_person(client, user_named, demo, sign_in):
    sign_in("oblast_secretary", "en")
    chair = user_named("chair")
    own_position = Seat.objects.filter(council=demo["oblast"]).first().position
    response = client.post(
        reverse("admin:council_appointment_add"),
        {"person": chair.pk, "position": own_position.pk, "kind": "acting", "start": "2026-11-01", "basis": ""},
    )
    assert response.status_code == 200
    assert "not of the councils you keep" in str(response.context["adminform"].form.errors["person"])
    assert not Appointment.objects.filter(person=chair, position=own_position).exists()
    # and so the republic chair's account stays out of reach
    password_page = client.get(reverse("admin:auth_user_password_change", args=[chair.pk]))
    assert password_page.status_code in (302, 403, 404)


def test_an_account_with_a_role_in_another_council_is_not_editable_by_one_council(client, user_named, demo):
    """A person who sits on the oblast council and also serves the republic: the oblast secretary may
    read their record but not change it or its password."""
    person = user_named("oblast_member_dp")
    republic_position = Seat.objects.filter(council=demo["republic"]).exclude(role=Seat.Role.CHAIR).first().position
    Appointment.objects.create(position=republic_position, person=person, kind="acting", start="2026-11-01")
    client.force_login(user_named("oblast_secretary"))
    assert client.get(reverse("admin:auth_user_password_change", args=[person.pk])).status_code == 403
    page = client.get(reverse("admin:council_user_change", args=[person.pk]))
    assert page.status_code == 200 and not page.context["has_change_permission"]
    response = client.post(
        reverse("admin:auth_user_password_change", args=[person.pk]),
        {"password1": "taken-over-1234", "password2": "taken-over-1234"},
    )
    assert response.status_code == 403
    assert not User.objects.get(pk=person.pk).check_password("taken-over-1234")


def test_an_oblast_secretary_still_edits_their_own_people(client, user_named, demo):
    """People of the council who carry no power (here an employee of its secretariat); a member's account,
    whose password votes and signs, is the administrators' (R-004-11)."""
    client.force_login(user_named("oblast_secretary"))
    employee, member = user_named("oblast_sec_dp"), user_named("oblast_member_dp")
    assert client.get(reverse("admin:auth_user_password_change", args=[employee.pk])).status_code == 200
    assert client.get(reverse("admin:auth_user_password_change", args=[member.pk])).status_code == 403


def test_a_secretariat_place_for_another_councils_person_is_refused(client, user_named, demo):
    """The inline on the council page: adding the republic chair as an oblast secretariat employee would put
    their account in the oblast secretary's hands."""
    oblast = demo["oblast"]
    client.force_login(user_named("oblast_secretary"))
    url = reverse("admin:council_council_change", args=[oblast.pk])
    form = client.get(url).context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and k in form.fields}
    data.update(
        {"seats-TOTAL_FORMS": 0, "seats-INITIAL_FORMS": 0, "seats-MIN_NUM_FORMS": 0, "seats-MAX_NUM_FORMS": 1000}
    )
    data.update(
        {
            "officers-TOTAL_FORMS": 1,
            "officers-INITIAL_FORMS": 0,
            "officers-MIN_NUM_FORMS": 0,
            "officers-MAX_NUM_FORMS": 1000,
            "officers-0-council": oblast.pk,
            "officers-0-role": "secretariat",
            "officers-0-person": user_named("chair").pk,
            "officers-0-start": "2026-11-01",
        }
    )
    response = client.post(url, data)
    assert response.status_code == 200
    assert not oblast.officers.filter(person__username="chair").exists()


def test_autocomplete_and_list_filters_offer_only_the_councils_kept(client, user_named, demo):
    client.force_login(user_named("oblast_secretary"))
    found = client.get(
        reverse("admin:autocomplete"),
        {"app_label": "council", "model_name": "appointment", "field_name": "position", "term": ""},
    ).json()
    ids = {int(r["id"]) for r in found["results"]}
    assert republic_chair_position(demo).pk not in ids
    assert ids  # the oblast's own positions are offered
    people = client.get(
        reverse("admin:autocomplete"),
        {"app_label": "council", "model_name": "appointment", "field_name": "person", "term": ""},
    ).json()
    usernames = {r["text"] for r in people["results"]}
    assert not any("Абенов" in u or "Әбенов" in u for u in usernames)  # the republic chair
    # The republic secretary reads the territorial councils (R-000-14): the filter offers those, and not
    # the monitoring group, which is outside their councils.
    client.force_login(user_named("secretary"))
    changelist = client.get(reverse("admin:council_appointment_changelist"))
    cl = changelist.context["cl"]
    offered = {str(c["display"]) for spec in cl.filter_specs for c in spec.choices(cl)}
    assert str(demo["republic"]) in offered and str(demo["oblast"]) in offered
    assert str(demo["group"]) not in offered


def test_a_history_revert_is_not_a_way_around_view_only(client, user_named, demo):
    """django-simple-history's revert page checks only the right to view: the republic secretary, who reads
    the oblast council, must not rename it through it (R-000-14 oversight is read-only)."""
    oblast = demo["oblast"]
    version = oblast.history.order_by("history_id").first()
    client.force_login(user_named("secretary"))
    url = reverse("admin:council_council_simple_history", args=[oblast.pk, version.history_id])
    assert client.get(url).status_code == 200  # history stays readable
    response = client.post(url, {"name_ru": "ВЗЛОМ", "name_kk": "x", "short_name_ru": "x", "short_name_kk": "x"})
    assert response.status_code == 403
    assert Council.objects.get(pk=oblast.pk).name_ru != "ВЗЛОМ"


def test_a_signed_protocol_is_not_reverted_even_by_an_administrator(client, user_named, signed):
    version = signed.history.order_by("history_id").first()
    client.force_login(user_named("admin"))
    url = reverse("admin:protocols_protocol_simple_history", args=[signed.pk, version.history_id])
    assert client.post(url, {}).status_code == 403
    signed.refresh_from_db()
    assert signed.status == "signed" and signed.number


def test_a_position_held_by_another_councils_person_cannot_be_seated(client, user_named, demo):
    """Seating an unseated position would bring its holder (a republic person) into the oblast council and out
    of the republic secretary's hands."""
    from council.admin_scope import eligible_positions
    from council.models import Body

    outsider = user_named("member_mvd")
    loose = Position.objects.create(body=Body.objects.get(code="mju"), title_ru="Советник", title_kk="Кеңесші")
    Appointment.objects.create(position=loose, person=outsider, kind="holder", start="2026-01-01")
    client.force_login(user_named("oblast_secretary"))
    request = client.get(reverse("admin:index")).wsgi_request
    assert not eligible_positions(request).filter(pk=loose.pk).exists()


def test_a_secretary_cannot_appoint_themselves_nor_set_a_chairs_password(client, user_named, demo):
    secretary = user_named("oblast_secretary")
    client.force_login(secretary)
    chair_position = Seat.objects.get(council=demo["oblast"], role=Seat.Role.CHAIR).position
    response = client.post(
        reverse("admin:council_appointment_add"),
        {"person": secretary.pk, "position": chair_position.pk, "kind": "acting", "start": "2026-11-01", "basis": ""},
    )
    assert response.status_code == 200 and "person" in response.context["adminform"].form.errors
    assert not Appointment.objects.filter(person=secretary).exists()
    oblast_chair = Appointment.objects.filter(position=chair_position, kind="holder").first().person
    password = client.post(
        reverse("admin:auth_user_password_change", args=[oblast_chair.pk]),
        {"password1": "taken-over-1234", "password2": "taken-over-1234"},
    )
    assert password.status_code == 403
    assert not User.objects.get(pk=oblast_chair.pk).check_password("taken-over-1234")
