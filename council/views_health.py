"""Endpoints for the proxy, load balancers and monitoring, and the favicon browsers ask for by itself.

``/readyz``: may this replica take requests (its database answers)? The proxy and the container's health
check ask it often, so it does one query and nothing else. ``/healthz``: the whole stack (database, Redis
cache, Celery broker, the worker's last heartbeat) for monitoring; 503 when any of them fails.
"""

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponsePermanentRedirect, JsonResponse
from django.templatetags.static import static
from django.views.decorators.cache import cache_control, never_cache
from kombu import Connection

from .models import Heartbeat


def _database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")


def _cache():
    """The cache (Redis in production) keeps and gives back a value."""
    cache.set("healthz-probe", "ok", timeout=10)
    if cache.get("healthz-probe") != "ok":
        raise RuntimeError("cache lost the value")


def _broker():
    with Connection(settings.CELERY_BROKER_URL, transport_options=settings.CELERY_BROKER_TRANSPORT_OPTIONS) as conn:
        conn.ensure_connection(max_retries=1, timeout=2)


def _check(probe):
    try:
        probe()
    except Exception as exc:  # noqa: BLE001 - any failure is reported, not raised
        return f"error: {exc.__class__.__name__}"
    return "ok"


@never_cache
def healthz(request):
    """For monitoring: does the database answer, does the cache (Redis) keep a value, does the broker answer;
    when the worker last ran the heartbeat task."""
    checks = {"database": _check(_database), "cache": _check(_cache), "broker": _check(_broker)}
    if checks["database"] == "ok":
        beat = Heartbeat.objects.filter(name="worker").values_list("at", flat=True).first()
        checks["worker_last_seen"] = beat.isoformat() if beat else None
    healthy = all(checks[name] == "ok" for name in ("database", "cache", "broker"))
    return JsonResponse({"status": "ok" if healthy else "error", **checks}, status=200 if healthy else 503)


@never_cache
def readyz(request):
    """For the proxy and the container's health check: 200 when this replica can serve (its database
    answers), 503 otherwise."""
    state = _check(_database)
    return JsonResponse({"status": state}, status=200 if state == "ok" else 503)


@cache_control(max_age=7 * 24 * 60 * 60, public=True)
def favicon(request):
    """Browsers ask for /favicon.ico on pages that name no icon (admin's): the site's icon."""
    return HttpResponsePermanentRedirect(static("img/favicon.svg"))
