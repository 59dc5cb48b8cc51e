"""Settings of the application under benchmark: production settings (DEBUG off, compressed static files),
served over plain HTTP on 127.0.0.1, with a baseline view and a per-request query count."""

import os

os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("SESSION_COOKIE_SECURE", "false")
os.environ.setdefault("CSRF_COOKIE_SECURE", "false")
os.environ.setdefault("STATIC_MANIFEST", "false")
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost")
from bench.db import BENCH_SECRET_KEY  # noqa: E402

os.environ["SECRET_KEY"] = BENCH_SECRET_KEY

from council.settings import *  # noqa: E402,F403

ROOT_URLCONF = "bench.urls"
MIDDLEWARE = ["bench.urls.QueryCountMiddleware", *MIDDLEWARE]  # noqa: F405
AXES_ENABLED = False
# The load client is one address sending thousands of requests a minute: the address throttles would refuse it.
ANONYMOUS_REQUESTS_PER_MINUTE = LOGIN_FAILURES_PER_ADDRESS = 10**9
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "ERROR"}}
