"""Every message the interface shows has a Kazakh and a Russian translation."""

import json
import subprocess
from pathlib import Path

import pytest

LOCALE = Path(__file__).resolve().parents[1] / "locale"


@pytest.mark.parametrize(
    "catalog",
    [
        "kk/LC_MESSAGES/django.po",
        "ru/LC_MESSAGES/django.po",
        "django-supplement/kk/LC_MESSAGES/django.po",
        "django-supplement/kk/LC_MESSAGES/djangojs.po",
    ],
)
def test_catalog_is_complete_and_valid(catalog):
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(LOCALE / catalog)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "untranslated" not in result.stderr, result.stderr
    assert "fuzzy" not in result.stderr, result.stderr


def test_kazakh_admin_login_has_no_english(client):
    response = client.get("/admin/login/", HTTP_ACCEPT_LANGUAGE="kk")
    text = response.content.decode()
    assert "Кеңес хатшылығы: әкімшілендіру" in text
    for english in ("Username", "Password", "Log in", "Django"):
        assert english not in text


def test_kazakh_admin_calendar_widget_has_no_english(client, demo, user_named):
    user = user_named("admin")
    user.preferred_language = "kk"
    user.save()
    client.force_login(user)
    script = client.get("/admin/jsi18n/").content.decode()  # the catalog is JSON with \u escapes
    assert json.dumps("Желтоқсан") in script and json.dumps("Күнді таңдаңыз") in script
