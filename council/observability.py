"""Logs a machine can read: one JSON object a line, each with the request id of the request it belongs to,
carried into the Celery tasks that request queued; a failed task logged with its arguments.

The request id comes from the proxy (nginx sets ``X-Request-ID`` on every request, replacing a client's) or
is made here, is answered in the response's ``X-Request-ID`` and rides with every task published while the
request runs (a message header read back when the task starts). Every log record gets ``request_id``
(a log record factory), so any handler, and the JSON formatter, can show it.
"""

import datetime as dt
import json
import logging
import re
import uuid
from contextvars import ContextVar

from celery.signals import before_task_publish, task_failure, task_postrun, task_prerun

log = logging.getLogger("council.tasks")

request_id_var: ContextVar[str] = ContextVar("request_id", default="")
VALID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")
HEADER = "request_id"

_base_factory = logging.getLogRecordFactory()


def _record_with_request_id(*args, **kwargs):
    record = _base_factory(*args, **kwargs)
    record.request_id = request_id_var.get()
    return record


if not getattr(_base_factory, "_council_request_id", False):
    _record_with_request_id._council_request_id = True
    logging.setLogRecordFactory(_record_with_request_id)


class RequestIdFilter(logging.Filter):
    """On the console handler: a record made before this module was imported gets ``request_id`` too."""

    def filter(self, record):
        if not hasattr(record, "request_id"):
            record.request_id = request_id_var.get()
        return True


class RequestIdMiddleware:
    """The request's id (the proxy's X-Request-ID when well formed, else a new one), set for the logs and
    the tasks of this request and answered in X-Request-ID."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        given = request.headers.get("X-Request-ID", "")
        request_id = given if VALID.match(given) else uuid.uuid4().hex
        request.request_id = request_id
        token = request_id_var.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            request_id_var.reset(token)
        response["X-Request-ID"] = request_id
        return response


# The attributes every LogRecord has; anything else on a record came through ``extra=`` and is logged too.
_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {"message", "asctime", "request_id"}


class JsonFormatter(logging.Formatter):
    """One JSON object a line: time (UTC), level, logger, message, request_id, the record's extra fields and
    the exception's traceback, if any."""

    def format(self, record):
        payload = {
            "time": dt.datetime.fromtimestamp(record.created, dt.UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", ""),
        }
        payload.update({k: v for k, v in vars(record).items() if k not in _STANDARD and not k.startswith("_")})
        if record.exc_info:
            payload["exception"] = self.formatException(record.exc_info)
        return json.dumps(payload, ensure_ascii=False, default=repr)


@before_task_publish.connect(dispatch_uid="council.request_id.publish")
def _carry_request_id(headers=None, **kwargs):
    request_id = request_id_var.get()
    if headers is not None and request_id:
        headers.setdefault(HEADER, request_id)


def task_request_id(task):
    """The request id a task was published with ('' when beat or a command sent it)."""
    request = task.request
    found = getattr(request, HEADER, None) or (getattr(request, "headers", None) or {}).get(HEADER)
    return found if isinstance(found, str) and VALID.match(found) else ""


@task_prerun.connect(dispatch_uid="council.request_id.prerun")
def _take_request_id(task=None, **kwargs):
    request_id_var.set(task_request_id(task) if task is not None else "")


@task_postrun.connect(dispatch_uid="council.request_id.postrun")
def _drop_request_id(**kwargs):
    request_id_var.set("")


@task_failure.connect(dispatch_uid="council.task_failure.log")
def _log_failure(sender=None, task_id=None, exception=None, args=None, kwargs=None, **rest):
    """A task that failed for good (retries, if any, used up): its name, id, arguments and traceback."""
    log.error(
        "task %s failed: %s",
        getattr(sender, "name", sender),
        exception.__class__.__name__ if exception else "",
        extra={
            "task": getattr(sender, "name", str(sender)),
            "task_id": task_id,
            "task_args": args,
            "task_kwargs": kwargs,
        },  # fmt: skip
        exc_info=(type(exception), exception, exception.__traceback__) if exception else None,
    )
