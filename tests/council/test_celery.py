"""Celery runs tasks end to end: on Redis in tests, and on the serverless defaults of `make run`."""

import os
import socket
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path
from urllib.request import urlopen

import pytest
from celery.contrib.testing.worker import start_worker

from council.celery import app
from council.models import Heartbeat
from council.tasks import heartbeat
from tests import template_db

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db(transaction=True)
def test_heartbeat_task_runs_in_a_worker_over_redis():
    app.control.purge()
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
        heartbeat.delay()
        deadline = time.monotonic() + 20
        while not Heartbeat.objects.filter(name="worker").exists() and time.monotonic() < deadline:
            time.sleep(0.1)
    assert Heartbeat.objects.filter(name="worker").exists()


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for(predicate, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return False


def test_make_run_defaults_serve_login_and_run_a_task(tmp_path):
    """No settings at all: SQLite under var/, the file-system broker, a worker that runs the task."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_URL", "REDIS_URL", "CELERY_"))}
    env.update(DJANGO_SETTINGS_MODULE="council.settings", VAR_DIR=str(tmp_path), DEBUG="true", PYTHONUNBUFFERED="1")
    python = sys.executable
    migrate = [python, "manage.py", "migrate", "--noinput", "-v0"]
    # The migrations from an empty file run once per set of migrations (tests/template_db.py); make run's
    # own migrate then runs on the copy under var/, as it does on every start.
    template_db.sqlite_copy(
        tmp_path / "council.sqlite3",
        lambda path: subprocess.run(migrate, cwd=ROOT, env={**env, "DATABASE_URL": f"sqlite:///{path}"}, check=True),
    )
    subprocess.run(migrate, cwd=ROOT, env=env, check=True)
    port = _free_port()
    web = subprocess.Popen(
        [python, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    worker = subprocess.Popen(
        [python, "-m", "celery", "-A", "council", "worker", "--pool=solo", "--loglevel=WARNING"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:

        def login_page_ok():
            try:
                with urlopen(f"http://127.0.0.1:{port}/accounts/login/", timeout=2) as r:
                    return r.status == 200 and b'name="password"' in r.read()
            except OSError:
                return False

        assert _wait_for(login_page_ok, 30)
        send = "import django; django.setup(); from council.tasks import heartbeat; heartbeat.delay()"
        subprocess.run([python, "-c", send], cwd=ROOT, env=env, check=True)

        def heartbeat_recorded():
            # Read in the SQLite file the worker writes to, as any other process would; read-only, so a
            # missing file is an error here rather than an empty database made by the probe.
            database = f"file:{tmp_path / 'council.sqlite3'}?mode=ro"
            with closing(sqlite3.connect(database, uri=True, timeout=5)) as db:
                query = f"SELECT count(*) FROM {Heartbeat._meta.db_table} WHERE name = 'worker'"
                return db.execute(query).fetchone()[0] == 1

        assert _wait_for(heartbeat_recorded, 40)
        assert (tmp_path / "council.sqlite3").exists()
    finally:
        for proc in (web, worker):
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
