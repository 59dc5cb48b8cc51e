"""Health, readiness and logs: /healthz checks the database, Redis and the broker, /readyz the database; every
request has an id (the proxy's X-Request-ID or a new one) that its log lines and the Celery tasks it queued
carry; a failed task is logged with its arguments; notification e-mails have a queue of their own."""

import json
import logging
import time

import pytest
from celery.contrib.testing.worker import start_worker

from council.celery import app
from council.observability import JsonFormatter, request_id_var

pytestmark = pytest.mark.django_db


@app.task(name="tests.observability.says")
def says(text):
    logging.getLogger("council.test").warning("the task says %s", text)


@app.task(name="tests.observability.refuses")
def refuses(number, *, reason):
    raise ValueError(f"refused {number}: {reason}")


def test_healthz_checks_the_database_redis_and_the_broker(client, settings):
    body = client.get("/healthz").json()
    assert (body["status"], body["database"], body["cache"], body["broker"]) == ("ok", "ok", "ok", "ok")
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                                   "LOCATION": "redis://127.0.0.1:1/0"}}  # fmt: skip
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["cache"].startswith("error")


def test_readyz_answers_when_the_database_does(client):
    response = client.get("/readyz")
    assert response.status_code == 200 and response.json() == {"status": "ok"}


def test_a_request_carries_the_proxys_id_or_gets_one(client):
    assert client.get("/readyz", HTTP_X_REQUEST_ID="6f1c2a9e0b7d4c1e8a3f5b2d9c0e7a14")["X-Request-ID"] == (
        "6f1c2a9e0b7d4c1e8a3f5b2d9c0e7a14"
    )
    made = client.get("/readyz", HTTP_X_REQUEST_ID="<script>")["X-Request-ID"]
    assert made != "<script>" and len(made) == 32
    assert client.get("/readyz")["X-Request-ID"] != client.get("/readyz")["X-Request-ID"]


def test_log_lines_are_json_with_the_request_id():
    token = request_id_var.set("req-42")
    try:
        record = logging.getLogger("council.test").makeRecord(
            "council.test", logging.WARNING, __file__, 1, "Протокол %s", ("№ 1",), None, extra={"council": "republic"}
        )
    finally:
        request_id_var.reset(token)
    line = json.loads(JsonFormatter().format(record))
    assert line["message"] == "Протокол № 1"
    assert (line["level"], line["request_id"], line["council"]) == ("WARNING", "req-42", "republic")


class Kept(logging.Handler):
    def __init__(self):
        super().__init__()
        self.records = []

    def emit(self, record):
        self.records.append(record)


@pytest.mark.django_db(transaction=True)
def test_a_task_queued_by_a_request_logs_with_its_request_id():
    """Published while a request runs, the task's log lines in the worker (over Redis) carry that request's
    id; a task sent outside any request has none."""
    kept = Kept()
    logger = logging.getLogger("council.test")
    logger.addHandler(kept)
    # Its own level: a worker started earlier in this process leaves the root logger at its log level (error).
    logger.setLevel(logging.INFO)
    app.control.purge()
    try:
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
            token = request_id_var.set("req-from-the-page")
            try:
                says.delay("hello")
            finally:
                request_id_var.reset(token)
            says.delay("from beat")
            deadline = time.monotonic() + 20
            while len(kept.records) < 2 and time.monotonic() < deadline:
                time.sleep(0.1)
    finally:
        logger.removeHandler(kept)
        logger.setLevel(logging.NOTSET)
    said = {r.getMessage(): r.request_id for r in kept.records}
    assert said == {"the task says hello": "req-from-the-page", "the task says from beat": ""}


def test_a_failed_task_is_logged_with_its_arguments(caplog):
    caplog.set_level(logging.ERROR, logger="council.tasks")
    refuses.apply(args=[7], kwargs={"reason": "no quorum"}, headers={"request_id": "req-7"})
    [record] = [r for r in caplog.records if r.name == "council.tasks"]
    line = json.loads(JsonFormatter().format(record))
    assert line["message"] == "task tests.observability.refuses failed: ValueError"
    assert (line["task_args"], line["task_kwargs"]) == ([7], {"reason": "no quorum"})
    assert "ValueError: refused 7: no quorum" in line["exception"]


def test_notification_emails_have_a_queue_of_their_own():
    route = app.amqp.router.route({}, "council.tasks.notification_email")
    assert route["queue"].name == "mail"
    assert app.amqp.router.route({}, "council.tasks.deadline_sweep")["queue"].name == "celery"
