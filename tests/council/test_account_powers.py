"""Who may hold and grant access (R-004-11): a council secretary keeps people's records but not the accounts
that carry a power (a listed category, a seat, a chair's post, an access log auditor's post), never assigns a
position category and never appoints a category's holder; every account change is an audit event."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from council.models import Appointment, AuditEvent, AuditVerb, Position, PositionCategory, User
from tests.analytics_world import build
from tests.factories import BodyFactory, PositionFactory

pytestmark = pytest.mark.django_db

TAKEN = {"password1": "taken-over-1234", "password2": "taken-over-1234", "set_usable_password": "true"}


@pytest.fixture
def w(demo, user_named):
    return build(demo, user_named)


@pytest.mark.parametrize("who", ["analyst", "acting_analyst", "auditor", "plain", "deputy_pg"])
def test_the_secretary_cannot_take_over_an_account_that_carries_a_power(client, w, who):
    """Finding 1 of the second trust round: the office's secretary set the analyst's password, signed in as
    the analyst and disclosed a material. Category holders, acting officials, the auditor, a member and the
    chair: their password, e-mail, login and activity are the administrators'."""
    person = w[who]
    User.objects.filter(pk=person.pk).update(home_council=w["office"])  # registered by the office, in its reach
    client.force_login(w["secretary"])
    password_url = reverse("admin:auth_user_password_change", args=[person.pk])
    assert client.get(password_url).status_code == 403
    assert client.post(password_url, TAKEN).status_code == 403
    page = client.get(reverse("admin:council_user_change", args=[person.pk]))
    assert page.status_code == 200 and not page.context["has_change_permission"]
    changed = client.post(
        reverse("admin:council_user_change", args=[person.pk]),
        {"username": "hijacked", "email": "evil@example.kz", "is_active": "", "preferred_language": "ru"},
    )
    assert changed.status_code == 403
    person.refresh_from_db()
    assert not person.check_password("taken-over-1234")
    assert (person.username, person.is_active) == (who, True) and person.email != "evil@example.kz"
    assert not AuditEvent.objects.filter(verb=AuditVerb.USER_ACCOUNT_CHANGE).exists()


def test_an_administrator_changes_such_an_account_and_the_change_is_an_audit_event(client, w, user_named):
    admin = user_named("admin")
    client.force_login(admin)
    response = client.post(reverse("admin:auth_user_password_change", args=[w["analyst"].pk]), TAKEN)
    assert response.status_code == 302
    w["analyst"].refresh_from_db()
    assert w["analyst"].check_password("taken-over-1234")
    event = AuditEvent.objects.get(verb=AuditVerb.USER_ACCOUNT_CHANGE, subject_id=w["analyst"].pk)
    assert event.actor == admin and event.subject_type == "council.user"
    assert event.data["fields"] and "taken-over-1234" not in str(event.data)


def test_a_secretary_edits_a_secretariat_employee_and_it_is_audited(client, user_named, demo):
    employee = user_named("oblast_sec_dp")
    client.force_login(user_named("oblast_secretary"))
    response = client.post(reverse("admin:auth_user_password_change", args=[employee.pk]), TAKEN)
    assert response.status_code == 302
    event = AuditEvent.objects.get(verb=AuditVerb.USER_ACCOUNT_CHANGE, subject_id=employee.pk)
    assert event.actor == user_named("oblast_secretary") and event.council == demo["oblast"]


def test_a_secretary_cannot_give_a_position_a_category(client, w):
    """Finding 2: the Position add form offered ``category`` to non-superusers; a new position of category 1,
    a seat and an appointment made its holder a reader of sensitive material."""
    client.force_login(w["secretary"])
    form = client.get(reverse("admin:council_position_add"))
    assert form.status_code == 200 and "category" not in form.context["adminform"].form.fields
    body = BodyFactory()
    first = PositionCategory.objects.get(number=1)
    response = client.post(
        reverse("admin:council_position_add"),
        {"body": body.pk, "title_ru": "Новая должность", "title_kk": "Жаңа лауазым", "category": first.pk},
    )
    assert response.status_code == 302
    assert Position.objects.get(body=body, title_ru="Новая должность").category is None


def test_a_secretary_cannot_appoint_anyone_to_a_position_of_a_listed_category(client, w, user_named):
    secretary = w["secretary"]
    secretary.preferred_language = "en"
    secretary.save(update_fields=["preferred_language"])
    category_position = Appointment.objects.get(person=w["analyst"]).position
    newcomer = User.objects.create(username="newcomer", home_council=w["office"])
    client.force_login(secretary)
    response = client.post(
        reverse("admin:council_appointment_add"),
        {"person": newcomer.pk, "position": category_position.pk, "kind": "acting", "start": "2026-11-01"},
    )
    assert response.status_code == 200
    assert "only an administrator appoints them" in str(response.context["adminform"].form.errors["position"])
    assert not Appointment.objects.filter(person=newcomer).exists()
    # nor offers it to choose
    search = client.get(
        reverse("admin:autocomplete"),
        {"app_label": "council", "model_name": "appointment", "field_name": "position", "term": ""},
    )
    assert str(category_position.pk) not in {r["id"] for r in search.json()["results"]}


def test_the_composition_import_does_not_appoint_to_a_category_position(client, w):
    """The import reuses a position of the same body and title: for a category position the row is refused."""
    position = Appointment.objects.get(person=w["analyst"]).position
    csv = (
        "body_code;body_name_ru;position_ru;position_kk;seat_kind;role;username;full_name_ru;full_name_kk;email;start\n"
        f"{position.body.code};Орган;{position.title_ru};Лауазым;permanent;member;mole;Крот;Крот;;01.02.2026\n"
    )
    secretary = w["secretary"]
    secretary.preferred_language = "en"
    secretary.save(update_fields=["preferred_language"])
    client.force_login(secretary)
    url = reverse("admin:council_council_import", args=[w["office"].pk])
    preview = client.post(url, {"file": SimpleUploadedFile("c.csv", csv.encode())})
    [rejected] = preview.context["rejected"]
    assert "is of a listed category" in " ".join(rejected.errors)
    client.post(url, {"payload": preview.context["payload"]})
    assert not User.objects.filter(username="mole").exists()


def test_the_import_reuses_the_first_of_two_positions_of_one_title(client, user_named, demo):
    """Two positions of one title in one body (admin allows it) made the import fail with a server error."""
    body = BodyFactory(code="twin-body")
    twins = [PositionFactory(body=body, title_ru="Начальник", title_kk="Бастық") for _ in range(2)]
    csv = (
        "body_code;body_name_ru;position_ru;position_kk;seat_kind;role;username;full_name_ru;full_name_kk;email;start\n"
        "twin-body;Орган;Начальник;Бастық;permanent;member;twin_head;Близнец;Егіз;;01.02.2026\n"
    )
    client.force_login(user_named("oblast_secretary"))
    url = reverse("admin:council_council_import", args=[demo["oblast"].pk])
    preview = client.post(url, {"file": SimpleUploadedFile("c.csv", csv.encode())})
    assert preview.status_code == 200 and preview.context["accepted"] == 1
    assert client.post(url, {"payload": preview.context["payload"]}).status_code == 302
    assert Appointment.objects.get(person__username="twin_head").position == twins[0]


def test_a_person_changing_their_own_password_is_an_audit_event(client, sign_in, user_named):
    sign_in("member_mvd")
    response = client.post(
        reverse("password_change"),
        {"old_password": "demo-pass-123", "new_password1": "New-pass-2026!x", "new_password2": "New-pass-2026!x"},
    )
    assert response.status_code == 302
    member = user_named("member_mvd")
    member.refresh_from_db()
    assert member.check_password("New-pass-2026!x")
    event = AuditEvent.objects.get(verb=AuditVerb.USER_ACCOUNT_CHANGE, subject_id=member.pk)
    assert event.actor == member and event.data["fields"] == ["password"] and "New-pass" not in str(event.data)
