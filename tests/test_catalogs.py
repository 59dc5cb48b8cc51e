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


def test_the_catalogs_hold_every_message_of_the_code(tmp_path):
    """A message added to the code without `make messages-update` would show in English: extract the messages
    of a copy of the tree and find each of them in the Kazakh and Russian catalogs."""
    import shutil
    import sys

    root = LOCALE.parent
    copy = tmp_path / "tree"
    shutil.copytree(
        root,
        copy,
        ignore=shutil.ignore_patterns(".venv", "var", "staticfiles", ".git", "node_modules", "test-results", "*.mo"),
    )
    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "makemessages",
            "-l",
            "kk",
            "--no-location",
            "--ignore=tests",
            "--ignore=bench",
            "--ignore=staticfiles",
            "-v0",
        ],
        cwd=copy,
        check=True,
        env={**__import__("os").environ, "DEBUG": "true"},
    )

    def msgids(path):
        result = subprocess.run(["msgcat", "--no-wrap", str(path)], capture_output=True, text=True, check=True)
        return {line[len('msgid "') : -1] for line in result.stdout.splitlines() if line.startswith('msgid "')}

    extracted = msgids(copy / "locale/kk/LC_MESSAGES/django.po") - {""}
    for language in ("kk", "ru"):
        missing = extracted - msgids(LOCALE / language / "LC_MESSAGES/django.po")
        assert not missing, f"{language}: run `make messages-update` and translate: {sorted(missing)[:10]}"
