"""Links in notices and e-mails use SITE_URL; in development, when it is not set, the address the site was
opened at (never a port written into the code)."""

import pytest
from django.core import mail
from django.test import Client

from council import links
from council.models import Notification
from council.notify import email_notifications

pytestmark = pytest.mark.django_db


@pytest.fixture
def fresh(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    links._remembered["origin"] = None
    yield settings
    links._remembered["origin"] = None


def _emailed_link(user_named, now):
    user = user_named("member_mvd")
    n = Notification.objects.create(
        recipient=user, key="test:link", title="Проверка", body="Текст", url="/meetings/7/", created_at=now
    )
    mail.outbox.clear()
    email_notifications(ids=[n.pk], now=now)
    return mail.outbox[0].body.splitlines()[-1]


def test_the_e_mail_links_to_site_url_when_it_is_set(fresh, user_named):
    from tests.helpers import NOW

    fresh.SITE_URL = "https://kc.example.kz/"
    assert _emailed_link(user_named, NOW) == "https://kc.example.kz/meetings/7/"


def test_in_development_the_e_mail_links_to_the_address_the_site_was_opened_at(fresh, user_named):
    from tests.helpers import NOW

    fresh.SITE_URL, fresh.DEBUG = "", True
    fresh.ALLOWED_HOSTS = ["*"]
    Client().get("/accounts/login/", HTTP_HOST="192.168.1.20:8123")
    links._remembered["origin"] = None  # another process (the worker) reads what the site remembered
    assert _emailed_link(user_named, NOW) == "http://192.168.1.20:8123/meetings/7/"


def test_without_site_url_in_production_nothing_is_guessed_and_deploy_check_warns(fresh, user_named):
    from tests.helpers import NOW

    fresh.SITE_URL, fresh.DEBUG = "", False
    Client().get("/accounts/login/")
    assert _emailed_link(user_named, NOW) == "/meetings/7/"
    assert [w.id for w in links.site_url_is_set(None)] == ["council.W001"]
    fresh.SITE_URL = "https://kc.example.kz"
    assert links.site_url_is_set(None) == []


def test_no_port_is_written_into_the_settings():
    import pathlib

    root = pathlib.Path(__file__).resolve().parents[2]
    for name in ("council/settings.py", "council/notify.py", "council/links.py", "secretariat/services/agenda.py"):
        assert ":8000" not in (root / name).read_text(), name
