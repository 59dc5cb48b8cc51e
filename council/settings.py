"""Settings, read from the environment (django-environ).

With no environment at all the project runs as `make run` expects: an SQLite file and a
Celery broker on the file system under ``var/``, so nothing but Python is needed. Production sets
``DATABASE_URL``, ``CELERY_BROKER_URL`` (or ``REDIS_URL``), ``SECRET_KEY``, ``ALLOWED_HOSTS`` and
``DEBUG=false``; see the configuration table in README.md.
"""

from pathlib import Path

import environ
from csp.constants import NONCE, UNSAFE_HASHES
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
env = environ.Env()
env.read_env(BASE_DIR / ".env", overwrite=False)
VAR_DIR = Path(env.str("VAR_DIR", default=str(BASE_DIR / "var")))

DEBUG = env.bool("DEBUG", default=False)
# Production refuses to start on a key everybody can read in this file: with DEBUG off the key must
# come from the environment. The development key starts with "django-insecure-", which `check --deploy`
# reports as well.
SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. With DEBUG off (production) the secret key must come from the "
            "environment or the .env file: set SECRET_KEY to a long random string, for example the output of "
            "`python3 -c 'import secrets; print(secrets.token_urlsafe(50))'`. For development set DEBUG=true "
            "(`make run` does)."
        )
    SECRET_KEY = "django-insecure-development-key-only-for-make-run-0123456789abcdefghij"
# The key of the audit log's and the access log's seals (council/chain.py): from the environment, never in
# the database. Set it apart from SECRET_KEY and keep it: a changed key makes every recorded seal fail.
AUDIT_CHAIN_KEY = env.str("AUDIT_CHAIN_KEY", default="") or SECRET_KEY
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "simple_history",
    "axes",
    "rules.apps.AutodiscoverRulesConfig",
    "rest_framework",
    "council",
    "plans",
    "secretariat",
    "protocols",
    "territorial",
]

MIDDLEWARE = [
    "council.observability.RequestIdMiddleware",  # X-Request-ID into logs and tasks
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "council.navcache.RegistryVersionScope",  # the registry's version read once per request
    "council.middleware.PrivateResponsesMiddleware",  # Cache-Control: no-store on what a signed-in user sees
    "council.middleware.UserLanguageMiddleware",
    "council.middleware.TextOnlyQueryMiddleware",  # a NUL byte in a query: the 400 page
    "council.throttle.AddressThrottleMiddleware",  # floods from one address (anonymous pages, sign-ins)
    "council.links.SiteAddressMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "council.urls"
WSGI_APPLICATION = "council.wsgi.application"
ASGI_APPLICATION = "council.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "council.context_processors.navigation",
            ],
        },
    },
]

# Database: an SQLite file by default (make run); PostgreSQL in tests and production.
VAR_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'council.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
# The application's database role (council/db_roles.py): the owner, which runs `migrate`, grants it its
# privileges after every migration. Empty: the connecting role is also the owner (make run, the tests).
APP_DATABASE_ROLE = env.str("APP_DATABASE_ROLE", default="")
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
else:
    # The embedded default (SQLite) has no covering indexes; the dashboard's index is then a plain one.
    SILENCED_SYSTEM_CHECKS = ["models.W040"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "council.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Login throttling (django-axes): lock an account+address pair after repeated failures.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
# council/throttle.py: requests a minute from one address by visitors not signed in, and failed sign-ins
# from one address across usernames within AXES_COOLOFF_HOURS.
ANONYMOUS_REQUESTS_PER_MINUTE = env.int("ANONYMOUS_REQUESTS_PER_MINUTE", default=120)
LOGIN_FAILURES_PER_ADDRESS = env.int("LOGIN_FAILURES_PER_ADDRESS", default=10)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=0.5)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_CLIENT_IP_CALLABLE = "council.http.client_ip"  # the client's address behind the proxy, as signatures

# Languages: Kazakh (state language), Russian (official), English.
LANGUAGE_CODE = env.str("LANGUAGE_CODE", default="ru")
# How documents write a signer's name: "initial" gives "С. Абенов", "initials" gives "С.Н. Абенов"
# (council/official.py).
DOCUMENT_SIGNATURE_NAME = env.str("DOCUMENT_SIGNATURE_NAME", default="initials")
LANGUAGES = [
    ("kk", _("Kazakh")),
    ("ru", _("Russian")),
    ("en", _("English")),
]
# Our catalogs first; then Kazakh messages that Django itself leaves untranslated (admin, auth, core).
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale" / "django-supplement"]
FORMAT_MODULE_PATH = ["council.formats"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Asia/Almaty"
LANGUAGE_COOKIE_NAME = "council_language"
LANGUAGE_COOKIE_SAMESITE = "Lax"

STATIC_URL = "static/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if not DEBUG and env.bool("STATIC_MANIFEST", default=True)
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG or not env.bool("STATIC_MANIFEST", default=True)

# Mail: console in development, any backend through EMAIL_URL (smtp://user:pass@host:587/?tls=True).
vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="council@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Links in notices and e-mails; unset in development, the address the site is opened at (council/links.py).
SITE_URL = env.str("SITE_URL", default="")

# Celery: a broker on the file system by default, so `make run` needs no server.
BROKER_DIR = VAR_DIR / "broker"
REDIS_URL = env.str("REDIS_URL", default="")
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default=REDIS_URL or "filesystem://")
CELERY_BROKER_TRANSPORT_OPTIONS = (
    {
        "data_folder_in": str(BROKER_DIR / "queue"),
        "data_folder_out": str(BROKER_DIR / "queue"),
        "control_folder": str(BROKER_DIR / "control"),
        "store_processed": False,
    }
    if CELERY_BROKER_URL.startswith("filesystem")
    else {}
)
if CELERY_BROKER_URL.startswith("filesystem"):
    for folder in CELERY_BROKER_TRANSPORT_OPTIONS.values():
        if isinstance(folder, str):
            Path(folder).mkdir(parents=True, exist_ok=True)
CELERY_TASK_IGNORE_RESULT = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
CELERY_WORKER_HIJACK_ROOT_LOGGER = False  # the worker logs through LOGGING (JSON, with the request id)
# Two queues: "celery" (the sweep, the heartbeat, everything else) and "mail" (notification e-mails), so a slow
# mail server never delays the sweep; docker-compose.yml runs one worker per queue, `make run` one for both.
CELERY_TASK_ROUTES = {
    "council.tasks.notification_email": {"queue": "mail"},
    "council.tasks.notification_emails": {"queue": "mail"},
}

CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

# Content Security Policy (django-csp 4): every asset is served by the application itself. No 'unsafe-inline':
# an inline <script> or <style> a template needs carries nonce="{{ request.csp_nonce }}" (the nonce is added
# to the header only on responses that use it); the one inline style attribute of the admin pages
# (django-simple-history's history list: style="border-top: 0") is allowed by its hash.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", NONCE],
        "style-src": ["'self'", NONCE],
        "style-src-attr": [UNSAFE_HASHES, "'sha256-XMXSevYjgSjXgRafBFDvtjwX+yyWLrxfso9DcNZ9UXM='"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

# Security: strict unless DEBUG. Behind a TLS-terminating proxy (BEHIND_TLS_PROXY) the scheme comes from
# X-Forwarded-Proto and the client's address from X-Forwarded-For: the entry appended by the first of the
# TRUSTED_PROXY_COUNT proxies, counted from the right (council.http.client_ip); never otherwise.
BEHIND_TLS_PROXY = env.bool("BEHIND_TLS_PROXY", default=False)
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=1)
if BEHIND_TLS_PROXY and TRUSTED_PROXY_COUNT < 1:
    raise ImproperlyConfigured("TRUSTED_PROXY_COUNT must be 1 or more when BEHIND_TLS_PROXY is on.")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=8 * 60 * 60)
if not DEBUG:
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=True)
    CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=True)
    LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
    if BEHIND_TLS_PROXY:
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]

# Uploads (materials, justification notes): the limits users are told about.
UPLOAD_MAX_BYTES = env.int("UPLOAD_MAX_BYTES", default=20 * 1024 * 1024)
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
# Downloads handed to the reverse proxy (nginx X-Accel-Redirect): after the permission and SHA-256 checks the
# response names the file under this internal location and the proxy sends it, so no Python worker is held
# by a slow client. Empty (the default): the application sends the file itself (council.files).
X_ACCEL_REDIRECT_PREFIX = env.str("X_ACCEL_REDIRECT_PREFIX", default="")
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Backups (`manage.py backup`, `manage.py restore`, council/backup.py): where they are written and how many
# of the newest are kept.
BACKUP_DIR = Path(env.str("BACKUP_DIR", default=str(VAR_DIR / "backups")))
BACKUP_KEEP = env.int("BACKUP_KEEP", default=14)

# Logs: one JSON object a line with the request id (council/observability.py) unless LOG_FORMAT=plain; plain
# text by default with DEBUG (make run).
LOG_FORMAT = env.str("LOG_FORMAT", default="plain" if DEBUG else "json")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s]: %(message)s"},
        "json": {"()": "council.observability.JsonFormatter"},
    },
    "filters": {"request_id": {"()": "council.observability.RequestIdFilter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT, "filters": ["request_id"]}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

# Demo accounts (`manage.py load_demo`) all share this password; printed by `make run` only with DEBUG.
DEMO_PASSWORD = env.str("DEMO_PASSWORD", default="council-demo-2026")

# The read API (/api/oparl/v1/, Django REST framework): JSON only, GET only, a throttle per token.
REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
OPARL_THROTTLE_RATE = env.str("OPARL_THROTTLE_RATE", default="600/min")

# PAdES signatures of frozen protocols (council/pdf_signing.py): the organisation's PKCS#12 file and its
# password; ``make run`` makes a self-signed demo certificate. PDF_SIGNER overrides the backend.
PDF_SIGNING_PKCS12 = env.str("PDF_SIGNING_PKCS12", default="")
PDF_SIGNING_PASSWORD = env.str("PDF_SIGNING_PASSWORD", default="")
PDF_SIGNER = env.str("PDF_SIGNER", default="")
