"""The project's skeleton: settings, migrations, demo data, health check, language, access."""

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from council.demo import BODIES, REPUBLIC_SECRETARIAT
from council.models import Appointment, Body, Council, CouncilOfficer, Seat, User
from council.selectors import council_composition

pytestmark = pytest.mark.django_db


def test_tests_run_on_postgresql_and_redis():
    assert connection.vendor == "postgresql"
    assert settings.CELERY_BROKER_URL.startswith("redis://")
    assert settings.TIME_ZONE == "Asia/Almaty"


def test_models_and_migrations_agree():
    call_command("makemigrations", check=True, dry_run=True, verbosity=0)


def test_demo_council_has_the_composition_of_seed_000(demo, today):
    """R-000-6, R-000-7, R-000-8: the chair, six permanent members, one delegated, secretariat per body."""
    composition = council_composition(council=demo["republic"], day=today)
    assert len(composition.permanent) == 6
    assert len(composition.delegated) == 1
    chair = next(s for s in composition.seats if s.seat.role == Seat.Role.CHAIR)
    assert chair.seat.position.title_ru == "Генеральный прокурор Республики Казахстан"
    assert chair.seat.position.title_kk == "Қазақстан Республикасының Бас Прокуроры"
    assert composition.delegated[0].seat.position.body.code == "afm"
    assert composition.secretary.person.username == "secretary"
    assert sorted(o.body.code for o in composition.secretariat) == sorted(b for b, _ in REPUBLIC_SECRETARIAT)
    # One secretariat employee from each body whose head is a permanent member.
    assert {o.body_id for o in composition.secretariat} == {s.seat.position.body_id for s in composition.permanent}
    justice = next(s for s in composition.seats if s.seat.position.body.code == "mju")
    assert [a.person.username for a in justice.acting] == ["acting_mju"]


def test_loading_demo_twice_changes_nothing(demo, today):
    from council.demo import load_demo

    counts = [m.objects.count() for m in (Body, Council, Seat, Appointment, CouncilOfficer, User)]
    load_demo(today=today, password="other")
    assert [m.objects.count() for m in (Body, Council, Seat, Appointment, CouncilOfficer, User)] == counts
    assert Body.objects.count() == len(BODIES)


def test_healthz_reports_database_and_broker(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["database"] == "ok"
    assert body["broker"] == "ok"


def test_healthz_fails_when_the_broker_does_not_answer(client, settings):
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["broker"].startswith("error")


def test_anonymous_user_is_sent_to_login(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_language_switch_is_remembered_on_the_account(client, user_named):
    user = user_named("member_mvd")
    client.force_login(user)
    response = client.post(reverse("set_language"), {"language": "kk", "next": "/"})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.preferred_language == "kk"
    page = client.get("/")
    assert page.headers["Content-Language"] == "kk"
    assert '<html lang="kk">' in page.content.decode()


def test_language_switch_refuses_foreign_redirects(client, user_named):
    client.force_login(user_named("member_mvd"))
    response = client.post(reverse("set_language"), {"language": "ru", "next": "https://evil.example/"})
    assert response["Location"] == "/"


@pytest.mark.parametrize(
    ("username", "republic", "oblast"),
    [
        ("secretary", 200, 200),  # the republic secretariat controls territorial councils (R-000-8)
        ("sec_mvd", 200, 200),
        ("member_mvd", 200, 404),
        ("acting_mju", 200, 404),
        ("oblast_secretary", 404, 200),
        ("oblast_member_dp", 404, 200),
    ],
)
def test_council_page_is_visible_only_to_those_with_a_role(client, user_named, username, republic, oblast):
    client.force_login(user_named(username))
    assert client.get(reverse("council_detail", args=["republic"])).status_code == republic
    assert client.get(reverse("council_detail", args=["almaty-oblast"])).status_code == oblast


def test_council_page_shows_composition_on_a_chosen_date(client, sign_in, today, time_machine):
    time_machine.move_to(today)
    sign_in("secretary")
    url = reverse("council_detail", args=["republic"])

    def members(**params):  # the composition tables, without the change log below them
        return client.get(url, params).content.decode().split('id="history-h"')[0]

    now = members()
    assert "Гульнар Талгатовна Касымова" in now  # acting for the Minister of Justice around today
    before = members(on="2024-06-01")
    assert "Гульнар Талгатовна Касымова" not in before
    assert "Динара Сериковна Ахметова" in before
    bad = client.get(url, {"on": "31.02.2026"})
    assert bad.status_code == 200
    assert 'aria-invalid="true"' in bad.content.decode()


def test_login_is_throttled_after_repeated_failures(client, demo):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": "secretary", "password": "wrong"})
    response = client.post(reverse("login"), {"username": "secretary", "password": "demo-pass-123"})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_login_with_right_password_reaches_home(client, demo):
    response = client.post(reverse("login"), {"username": "secretary", "password": "demo-pass-123"}, follow=True)
    assert response.status_code == 200
    # The demo secretary prefers Kazakh: the council's Kazakh name is shown after login.
    assert "жөніндегі үйлестіру кеңесі" in response.content.decode()
