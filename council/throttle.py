"""Throttles against floods from one address: anonymous requests per minute (the public pages, the login
page), and failed sign-ins across usernames (one password tried on many accounts, which the per-account
lockout of django-axes does not see). Counted in the shared cache (Redis): every process counts together.
With the cache unreachable nothing is refused (logged): the site stays open rather than shut."""

import logging
import time

from django.conf import settings
from django.contrib.auth.signals import user_login_failed
from django.core.cache import cache
from django.dispatch import receiver
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from .http import client_ip
from .navcache import CACHE_ERRORS

log = logging.getLogger(__name__)

EXEMPT = ("/healthz", "/readyz", "/static/", "/favicon.ico")


def _count(key, timeout):
    """Add one to ``key`` (made with ``timeout`` seconds to live) and return the count, or 0 without a cache."""
    try:
        cache.add(key, 0, timeout)
        return cache.incr(key)
    except (*CACHE_ERRORS, ValueError):  # unreachable, or the key expired between the two calls
        log.warning("throttle: %s not counted", key)
        return 0


def _read(key):
    try:
        return cache.get(key) or 0
    except CACHE_ERRORS:
        return 0


def _login_failures_key(address):
    return f"throttle:login-failed:{address}"


@receiver(user_login_failed, dispatch_uid="council.throttle.login_failed")
def _login_failed(sender, credentials, request=None, **kwargs):
    if request is not None:
        _count(_login_failures_key(client_ip(request)), int(settings.AXES_COOLOFF_TIME * 3600))


def _refused(request, message):
    response = render(request, "429.html", {"message": message}, status=429)
    response["Retry-After"] = "60"
    return response


class AddressThrottleMiddleware:
    """``ANONYMOUS_REQUESTS_PER_MINUTE`` requests a minute from one address for visitors who are not signed
    in, then 429 until the minute is over; a sign-in from an address with ``LOGIN_FAILURES_PER_ADDRESS``
    failed sign-ins (any usernames) in the last ``AXES_COOLOFF_HOURS`` is refused until they age out. People
    who are signed in are never counted: a flood of the public pages does not slow their work to a stop."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (user is None or not user.is_authenticated) and not request.path.startswith(EXEMPT):
            address = client_ip(request)
            minute = int(time.time() // 60)
            if _count(f"throttle:anon:{address}:{minute}", 120) > settings.ANONYMOUS_REQUESTS_PER_MINUTE:
                return _refused(request, _("Too many requests from your address. Wait a minute and try again."))
            if (
                request.method == "POST"
                and request.path == reverse("login")
                and _read(_login_failures_key(address)) >= settings.LOGIN_FAILURES_PER_ADDRESS
            ):
                return _refused(
                    request,
                    _(
                        "Too many failed sign-ins from your address. Try again in half an hour, "
                        "or ask the administrator."
                    ),
                )
        return self.get_response(request)
