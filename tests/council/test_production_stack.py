"""The shipped serving configuration: gunicorn's gthread workers are not held by idle connections (the stall
a browser's pre-opened connections caused with sync workers), and the Dockerfile, docker-compose.yml, the
nginx configuration, the benchmark and the settings agree with each other."""

import http.client
import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
NGINX = (ROOT / "deploy" / "nginx" / "council.conf").read_text()
COMPOSE = (ROOT / "docker-compose.yml").read_text()


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def gunicorn_server():
    """gunicorn as the stack starts it (``--config gunicorn.conf.py``), one worker with two threads."""
    procs = []

    def start(*extra):
        port = free_port()
        db = settings.DATABASES["default"]
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "council.settings_test",
            "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
            "GUNICORN_BIND": f"127.0.0.1:{port}",
            "GUNICORN_WORKERS": "1",
            "GUNICORN_THREADS": "2",
            "GUNICORN_ACCESSLOG": "",
        }
        command = [sys.executable, "-m", "gunicorn", "council.wsgi:application", "--config", "gunicorn.conf.py"]
        proc = subprocess.Popen([*command, *extra], cwd=ROOT, env=env, start_new_session=True)
        procs.append(proc)
        for _ in range(150):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.2)
        return port

    yield start
    for proc in procs:
        proc.terminate()
        proc.wait(timeout=30)


def get(conn, path):
    conn.request("GET", path)
    response = conn.getresponse()
    response.read()
    return response.status


@pytest.mark.django_db
def test_idle_connections_do_not_hold_the_workers(gunicorn_server):
    """As Chromium does: connections that made one request and stay open (keep-alive), more of them than
    the worker has threads, plus a connection opened and never used. A new request is still answered; with
    gunicorn's sync workers (one thread) it waits for the worker's timeout (60 s) and this socket's timeout
    fails it."""
    port = gunicorn_server()
    kept = [http.client.HTTPConnection("127.0.0.1", port, timeout=20) for _ in range(6)]
    for conn in kept:
        assert get(conn, "/readyz") == 200  # then left open and idle
    fresh = [socket.create_connection(("127.0.0.1", port)) for _ in range(1)]
    try:
        for _ in range(3):
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
            assert get(conn, "/readyz") == 200
            conn.close()
        # The kept connections still serve their next request.
        assert all(get(conn, "/readyz") == 200 for conn in kept)
    finally:
        for conn in kept:
            conn.close()
        for sock in fresh:
            sock.close()


def test_gunicorn_runs_gthread_workers_from_the_environment(monkeypatch):
    import runpy

    monkeypatch.setenv("GUNICORN_WORKERS", "3")
    monkeypatch.setenv("GUNICORN_THREADS", "8")
    config = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    assert (config["worker_class"], config["workers"], config["threads"]) == ("gthread", 3, 8)


def test_every_deployment_starts_gunicorn_with_the_shared_configuration():
    dockerfile = (ROOT / "Dockerfile").read_text()
    bench = (ROOT / "bench" / "pages.py").read_text()
    assert re.search(r'"--config",\s*"gunicorn.conf.py"', dockerfile)
    assert re.search(r'"--config",\s*"gunicorn.conf.py"', bench)
    assert "--config gunicorn.conf.py" in COMPOSE
    for text in (dockerfile, COMPOSE, bench):
        assert "--workers" not in text  # workers come from GUNICORN_WORKERS


def test_the_proxy_accepts_what_the_application_accepts():
    """nginx's body limit is UPLOAD_MAX_BYTES plus 1 MiB for the form's other fields: a file just over the
    limit reaches the application, which refuses it with its own translated message."""
    size = re.search(r"client_max_body_size (\d+)m;", NGINX)
    limit = int(re.search(r'UPLOAD_MAX_BYTES: "(\d+)"', COMPOSE).group(1))
    assert limit == settings.UPLOAD_MAX_BYTES == 20 * 1024 * 1024
    assert int(size.group(1)) * 1024 * 1024 == limit + 1024 * 1024


def test_the_proxy_and_the_application_agree_on_tls_forwarding_and_downloads():
    """One proxy that terminates TLS and appends to X-Forwarded-For: BEHIND_TLS_PROXY with
    TRUSTED_PROXY_COUNT 1; the internal download location is the one the application names."""
    assert 'BEHIND_TLS_PROXY: "true"' in COMPOSE
    assert 'TRUSTED_PROXY_COUNT: "1"' in COMPOSE
    assert NGINX.count("proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;") == 1
    assert "proxy_set_header X-Forwarded-Proto $scheme;" in NGINX
    assert "ssl_certificate " in NGINX and "listen 443 ssl" in NGINX
    prefix = re.search(r"X_ACCEL_REDIRECT_PREFIX: (\S+)", COMPOSE).group(1)
    internal = re.search(r"location (\S+) \{\n\s+internal;\n\s+alias /srv/media/;", NGINX)
    assert internal and internal.group(1) == prefix
    assert "media:/srv/media:ro" in COMPOSE
    assert re.search(r"location /static/ \{[^}]*max-age=31536000, immutable", NGINX)


@pytest.mark.django_db
def test_the_security_policy_allows_no_inline_code_but_admins_one_hashed_style(client, demo, user_named):
    """No 'unsafe-inline' anywhere; the admin history list's style attribute is allowed by its hash alone;
    /favicon.ico leads to the site's icon (admin pages ask for it)."""
    client.force_login(user_named("admin"))
    for url in ("/", f"/admin/council/council/{demo['republic'].pk}/history/"):
        response = client.get(url)
        assert response.status_code == 200
        policy = response["Content-Security-Policy"]
        assert "unsafe-inline" not in policy
        assert "script-src 'self'" in policy and "style-src 'self'" in policy
    assert "style-src-attr 'unsafe-hashes' 'sha256-XMXSevYjgSjXgRafBFDvtjwX+yyWLrxfso9DcNZ9UXM='" in policy
    assert 'style="border-top: 0"' in response.content.decode()
    favicon = client.get("/favicon.ico")
    assert favicon.status_code == 301 and favicon["Location"].endswith("img/favicon.svg")


def test_the_stack_runs_a_worker_per_queue_and_a_scheduled_backup():
    from council.celery import app

    routed = {route["queue"] for route in settings.CELERY_TASK_ROUTES.values()} | {app.conf.task_default_queue}
    assert routed == {"celery", "mail"}
    assert "worker --queues=celery " in COMPOSE and "worker --queues=mail " in COMPOSE
    assert "python manage.py backup" in COMPOSE and "BACKUP_KEEP: ${BACKUP_KEEP:-14}" in COMPOSE
    assert "--queues=celery,mail" in (ROOT / "Procfile.dev").read_text()  # make run: one worker for both


def test_the_stack_connects_as_a_role_that_owns_nothing_and_migrates_as_the_owner():
    """Finding 10 of the second trust round: the image's owner "council", a superuser, was the role of every
    service. Now the one-shot "migrate" service connects as the owner and grants council_app its privileges
    (APP_DATABASE_ROLE); every other service connects as council_app; deploy/postgres/roles.sh makes both
    roles without superuser rights and the database owned by the owner."""
    app_url = "DATABASE_URL: postgres://council_app:${COUNCIL_APP_PASSWORD:?"
    owner_url = "DATABASE_URL: postgres://council:${COUNCIL_OWNER_PASSWORD:?"
    assert app_url in COMPOSE.split("services:")[0]  # the environment every service shares
    migrate = COMPOSE.split("\n  migrate:\n", 1)[1].split("\n\n", 1)[0]
    assert owner_url in migrate and "APP_DATABASE_ROLE: council_app" in migrate
    assert "manage.py migrate" in migrate and COMPOSE.count("manage.py migrate") == 1
    assert "condition: service_completed_successfully" in COMPOSE
    assert "./deploy/postgres/roles.sh:/docker-entrypoint-initdb.d/roles.sh:ro" in COMPOSE
    roles = (ROOT / "deploy" / "postgres" / "roles.sh").read_text()
    assert "CREATE ROLE council LOGIN NOSUPERUSER" in roles and "CREATE ROLE council_app LOGIN NOSUPERUSER" in roles
    assert "CREATE DATABASE council OWNER council" in roles
    assert "AUDIT_CHAIN_KEY: ${AUDIT_CHAIN_KEY:?" in COMPOSE
