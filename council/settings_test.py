"""Test settings: the real PostgreSQL and Redis of the machine, unless the environment says otherwise."""

import os
import re

# Parallel workers (pytest-xdist sets PYTEST_XDIST_WORKER to gw0, gw1, …) each get their own database
# (pytest-django adds the worker to its name), their own Redis database for the cache and the broker (so a
# worker empties only its own cache and runs only its own tasks) and their own media folder.
_worker = re.fullmatch(r"gw(\d+)", os.environ.get("PYTEST_XDIST_WORKER", ""))
_worker_number = int(_worker.group(1)) + 1 if _worker else 0


def _per_worker(url):
    """The Redis URL's database number moved on by the worker's number (the controller's environment, which
    the workers inherit, names the database it would use itself)."""
    base, _, number = url.rpartition("/")
    if not _worker or not base.startswith("redis") or not number.isdigit():
        return url
    return f"{base}/{(int(number) + _worker_number) % 16}"


os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/council")
os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/0")
os.environ.setdefault("CELERY_BROKER_URL", os.environ["REDIS_URL"])
if _worker and not os.environ.get("COUNCIL_TEST_WORKER_URLS"):
    os.environ["REDIS_URL"] = _per_worker(os.environ["REDIS_URL"])
    os.environ["CELERY_BROKER_URL"] = _per_worker(os.environ["CELERY_BROKER_URL"])
    os.environ["COUNCIL_TEST_WORKER_URLS"] = "1"  # moved once per process
os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("STATIC_MANIFEST", "false")
os.environ.setdefault("SECRET_KEY", "test-only-key-never-used-outside-the-test-suite-0123456789abcdefghij")

from .settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = VAR_DIR / (f"test-media-{_worker_number}" if _worker else "test-media")  # noqa: F405
AXES_ENABLED = True
# The whole suite comes from 127.0.0.1: the address throttles are tested with their own low limits.
ANONYMOUS_REQUESTS_PER_MINUTE = 10**9
LOGIN_FAILURES_PER_ADDRESS = 10**9
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405 - whitenoise expects it
AXES_VERBOSE = False
