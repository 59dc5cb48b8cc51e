"""Production refuses an unsafe start (no SECRET_KEY with DEBUG off), and the signer's address behind the
TLS proxy comes from X-Forwarded-For only when the proxy is configured, from the entry the trusted proxy
appended, never from what the client wrote in the header."""

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import RequestFactory
from django.urls import reverse

from council.http import client_ip

ROOT = Path(__file__).resolve().parents[2]
ALMATY = dt.timezone(dt.timedelta(hours=5))


def run_python(tmp_path, args, **variables):
    """Python in a fresh process whose environment holds only ``variables`` (as a server's would)."""
    env = {k: os.environ[k] for k in ("PATH", "HOME", "LANG") if k in os.environ}
    env.update(VAR_DIR=str(tmp_path), **variables)
    return subprocess.run([sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)


def test_settings_refuse_to_start_without_a_secret_key_when_debug_is_off(tmp_path):
    for variables in ({"DEBUG": "false"}, {"DEBUG": "false", "SECRET_KEY": ""}, {}):
        result = run_python(tmp_path, ["-c", "import council.settings"], **variables)
        assert result.returncode != 0, variables
        assert "django.core.exceptions.ImproperlyConfigured: SECRET_KEY is not set" in result.stderr


def test_settings_start_with_a_secret_key_or_in_development(tmp_path):
    show = "import council.settings as s; print(s.DEBUG, s.SECRET_KEY)"
    production = run_python(tmp_path, ["-c", show], DEBUG="false", SECRET_KEY="k" * 20 + "production-key-from-env")
    assert production.returncode == 0, production.stderr
    assert production.stdout.split() == ["False", "k" * 20 + "production-key-from-env"]
    development = run_python(tmp_path, ["-c", show], DEBUG="true")  # what `make run` sets
    assert development.returncode == 0, development.stderr
    assert development.stdout.split()[0] == "True"
    assert development.stdout.split()[1].startswith("django-insecure-")  # check --deploy would flag it


def test_the_deploy_check_of_make_test_passes_with_a_key_and_fails_without_one(tmp_path):
    check = ["manage.py", "check", "--deploy", "--fail-level", "WARNING"]
    common = {
        "DEBUG": "false",
        "ALLOWED_HOSTS": "council.example.kz",
        "SITE_URL": "https://council.example.kz",  # as make test passes it
        "DJANGO_SETTINGS_MODULE": "council.settings",
    }
    ok = run_python(tmp_path, check, SECRET_KEY=os.urandom(36).hex(), **common)
    assert ok.returncode == 0, ok.stderr
    refused = run_python(tmp_path, check, **common)
    assert refused.returncode != 0
    assert "SECRET_KEY is not set" in refused.stderr


def request(remote="10.0.0.2", forwarded=None):
    headers = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().post("/", **headers)


def test_without_the_proxy_setting_the_connection_address_is_the_client(settings):
    settings.BEHIND_TLS_PROXY = False
    assert client_ip(request("203.0.113.50", forwarded="198.51.100.23")) == "203.0.113.50"
    assert client_ip(request("203.0.113.50")) == "203.0.113.50"


def test_behind_the_proxy_the_address_it_appended_is_the_client(settings):
    settings.BEHIND_TLS_PROXY, settings.TRUSTED_PROXY_COUNT = True, 1
    assert client_ip(request(forwarded="198.51.100.23")) == "198.51.100.23"
    assert client_ip(request(forwarded="2001:db8::7")) == "2001:db8::7"


def test_a_spoofed_leftmost_forwarded_entry_is_ignored(settings):
    settings.BEHIND_TLS_PROXY, settings.TRUSTED_PROXY_COUNT = True, 1
    assert client_ip(request(forwarded="1.2.3.4, 198.51.100.23")) == "198.51.100.23"
    assert client_ip(request(forwarded="1.2.3.4,198.51.100.23")) == "198.51.100.23"


def test_with_two_trusted_proxies_the_second_entry_from_the_right_is_the_client(settings):
    settings.BEHIND_TLS_PROXY, settings.TRUSTED_PROXY_COUNT = True, 2
    assert client_ip(request(forwarded="1.2.3.4, 198.51.100.23, 10.0.0.9")) == "198.51.100.23"
    # Fewer entries than proxies: the request did not come through all of them.
    assert client_ip(request(forwarded="198.51.100.23")) == "10.0.0.2"


def test_a_missing_or_malformed_forwarded_header_falls_back_to_the_connection(settings):
    settings.BEHIND_TLS_PROXY, settings.TRUSTED_PROXY_COUNT = True, 1
    assert client_ip(request()) == "10.0.0.2"
    assert client_ip(request(forwarded="")) == "10.0.0.2"
    assert client_ip(request(forwarded="1.2.3.4, <script>")) == "10.0.0.2"


@pytest.mark.django_db
def test_the_signature_records_the_signers_address_behind_the_proxy(
    presented, user_named, client, settings, time_machine
):
    settings.BEHIND_TLS_PROXY, settings.TRUSTED_PROXY_COUNT = True, 1
    time_machine.move_to(dt.datetime(2026, 12, 7, 11, tzinfo=ALMATY))
    client.force_login(user_named("chair"))
    response = client.post(
        reverse("protocols:protocol_sign", args=[presented.pk]),
        {"password": "demo-pass-123"},
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.23",
    )
    assert response.status_code == 302
    assert presented.signatures.get().ip_address == "198.51.100.23"
