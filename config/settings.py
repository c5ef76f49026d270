"""Rollcall settings: one module, configured by environment variables.

Defaults give a working development set-up with SQLite and no other services.
See the README's "Configuration" section for every variable.
"""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", True)

_DEV_SECRET_KEY = "django-insecure-dev-only-key-do-not-use-in-production"  # noqa: S105
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = _DEV_SECRET_KEY

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "crispy_forms",
    "crispy_bootstrap5",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "accounts",
    "routines",
    "classes",
    "students",
    "config",  # the project level: dashboards and the demo command
]

MIDDLEWARE = [
    # First, so the Server-Timing header's "total" covers nearly all of the request.
    "config.timing.ServerTimingMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "accounts.middleware.UserPreferencesMiddleware",
    # A body declared larger than REQUEST_MAX_BYTES gets the 413 page before it is read.
    "config.errors.RequestBodyLimitMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # After CSRF, sign-in and messages: a create form posted twice acts once.
    "accounts.once_middleware.OnceMiddleware",
    # Idle and absolute session timeouts; private, no-cache for signed-in pages (issue 16).
    "accounts.security.SessionTimeoutMiddleware",
    "accounts.security.PrivateCacheMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # The lockout page (429) for a password check the throttle refused.
    "accounts.security.PasswordLockMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        # Django's backend, timing each page's rendering for the Server-Timing header.
        "BACKEND": "config.timing.TimedDjangoTemplates",
        "NAME": "django",  # the alias Django's own backend has
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "accounts.context_processors.navigation",
                "accounts.language.menu",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------
# SQLite by default (zero set-up); PostgreSQL through DATABASE_URL.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Persistent connections buy nothing on SQLite and keep files locked in tests.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache, sessions ------------------------------------------------------
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "rollcall",
            # A Redis that is down costs a request a fraction of a second, not a hang:
            # cached pages are computed instead (routines/caching.py).
            "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.5},
        }
    }
    # Django's cached_db, going on from the database alone while Redis is down (nobody is
    # signed out, no 500: accounts/sessions.py).
    SESSION_ENGINE = "accounts.sessions"
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            # Per process; cached pages are stored compressed (routines/caching.py).
            "OPTIONS": {"MAX_ENTRIES": 1000},
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.db"

# --- Background tasks -------------------------------------------------------
# Deferrable work (a published version's PDFs) runs through Django's tasks API.
# "database": queued in the database and run by `manage.py db_worker`, which `make serve`
# starts beside gunicorn; "immediate": run in the process that enqueues it, once its
# transaction has committed (development and tests, where no worker runs).
TASK_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}
TASKS_BACKEND = os.environ.get("TASKS_BACKEND", "immediate" if DEBUG else "database")
if TASKS_BACKEND not in TASK_BACKENDS:
    raise ImproperlyConfigured(f"TASKS_BACKEND must be one of {', '.join(TASK_BACKENDS)}.")
TASKS = {"default": {"BACKEND": TASK_BACKENDS[TASKS_BACKEND]}}

# --- Authentication ---------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # Django's, with every password check throttled (accounts/throttle.py). Django's own
    # stays listed: sessions signed in without a password (email links) name it.
    "accounts.backends.ThrottledModelBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24  # a reset link lives one day
# The roster import's preview posts 8 fields for each of up to 500 rows.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 5000
# The largest request body taken at all: a larger one is answered 413 unread
# (config/errors.py), as are bodies over Django's limits. Below it, a photo over 5 MB or a
# roster over 2 MB gets its message beside the field, with the rest of the form kept.
REQUEST_MAX_BYTES = int(os.environ.get("REQUEST_MAX_BYTES", str(32 * 1024 * 1024)))

# Every password check is throttled (accounts/throttle.py), counted in the cache: 5 wrong
# passwords for an account from one address lock that pair for 15 minutes; 50 for an account
# from anywhere in an hour lock it for an hour, except from addresses where its owner gave
# the right password in the last 30 days.
PASSWORD_PAIR_LIMIT = 5
PASSWORD_PAIR_LOCK_SECONDS = 15 * 60
PASSWORD_ACCOUNT_LIMIT = 50
PASSWORD_ACCOUNT_WINDOW_SECONDS = 60 * 60
PASSWORD_KNOWN_ADDRESS_SECONDS = 30 * 24 * 60 * 60
# Sessions (accounts/security.py): signed out after 2 hours without use (teachers, curators),
# 14 days (students, and "Remember me"), and 30 days after signing in whatever the use.
SESSION_IDLE_SECONDS = 2 * 60 * 60
SESSION_IDLE_SECONDS_LONG = 14 * 24 * 60 * 60
SESSION_ABSOLUTE_SECONDS = 30 * 24 * 60 * 60
SESSION_COOKIE_AGE = SESSION_ABSOLUTE_SECONDS
# Behind a load balancer every request comes from the balancer. The client's address (the
# login lock's log, the sign-up throttle) is then read from X-Forwarded-For, but only when
# the request comes from one of these proxies (addresses or networks, comma-separated, e.g.
# "10.0.0.5,10.0.1.0/24"): like SECURE_PROXY_SSL_HEADER, a statement about the deployment.
# Empty (the default): the header is ignored, whoever sends it (accounts/clientip.py).
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES")
AXES_CLIENT_IP_CALLABLE = "accounts.clientip.client_ip"

# --- Email ------------------------------------------------------------------
# Development prints emails to the console. With DEBUG off they go to the SMTP server
# (EMAIL_HOST…) unless EMAIL_BACKEND names another backend on purpose: sign-in, invitation
# and reset links never land in a log by default, and `check --deploy` warns about a
# backend that delivers nothing (config/checks.py).
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND") or (
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend"
)
EMAIL_FILE_PATH = os.environ.get("EMAIL_FILE_PATH", str(BASE_DIR / ".mail"))
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Rollcall <no-reply@rollcall.test>")

# --- Internationalisation -------------------------------------------------
# English (UK) first: a browser asking for plain "en", or for an English Rollcall does not
# list, gets British dates (1 December, 18:30); "en-US" gets American ones. Each language is
# named in itself, as language menus do. A signed-in user's choice on their settings page wins
# (accounts.middleware.UserPreferencesMiddleware).
LANGUAGE_CODE = "en-gb"
LANGUAGES = [("en-gb", "English (UK)"), ("en-us", "English (US)"), ("fr", "Français")]
# Date and time formats per language (Django's own, adjusted): config/formats/<locale>/.
FORMAT_MODULE_PATH = ["config.formats"]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = os.environ.get("TIME_ZONE", "Europe/London")
USE_I18N = True
USE_TZ = True

# --- Static and media -----------------------------------------------------
STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Media (technique photos, stored PDFs) on S3-compatible object storage when a bucket is
# named, so that every app server and the task worker see the same files (docs/deploy.md).
# Credentials come from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (or the instance's role).
# Photos are served at AWS_S3_CUSTOM_DOMAIN (a CDN, or nginx in front of the bucket's
# techniques/ prefix), unsigned, since published versions keep their addresses; PDFs are
# only ever served through the app.
AWS_STORAGE_BUCKET_NAME = os.environ.get("AWS_STORAGE_BUCKET_NAME", "")
MEDIA_PUBLIC_URL = ""  # the public address of stored media when not under MEDIA_URL
MEDIA_ORIGINS: list[str] = []  # where pages may load media images from (CSP img-src)
if AWS_STORAGE_BUCKET_NAME:
    from botocore.config import Config as _BotoConfig

    AWS_S3_ENDPOINT_URL = os.environ.get("AWS_S3_ENDPOINT_URL") or None
    AWS_S3_REGION_NAME = os.environ.get("AWS_S3_REGION_NAME") or None
    AWS_LOCATION = os.environ.get("AWS_LOCATION", "")  # a prefix inside the bucket
    AWS_S3_CUSTOM_DOMAIN = os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None
    AWS_S3_URL_PROTOCOL = os.environ.get("AWS_S3_URL_PROTOCOL", "https:")
    AWS_QUERYSTRING_AUTH = env_bool("AWS_QUERYSTRING_AUTH", not AWS_S3_CUSTOM_DOMAIN)
    AWS_S3_FILE_OVERWRITE = False  # an upload never replaces a file a version points to
    AWS_S3_ADDRESSING_STYLE = os.environ.get("AWS_S3_ADDRESSING_STYLE") or None
    # Storage that is down costs an upload a few seconds and a message, never a hang.
    AWS_S3_CLIENT_CONFIG = _BotoConfig(
        connect_timeout=float(os.environ.get("AWS_S3_CONNECT_TIMEOUT", "2")),
        read_timeout=float(os.environ.get("AWS_S3_READ_TIMEOUT", "10")),
        retries={"max_attempts": 2, "mode": "standard"},
    )
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage"}
    if AWS_S3_CUSTOM_DOMAIN:
        MEDIA_PUBLIC_URL = f"{AWS_S3_URL_PROTOCOL}//{AWS_S3_CUSTOM_DOMAIN.rstrip('/')}/"
        MEDIA_ORIGINS = [f"{AWS_S3_URL_PROTOCOL}//{AWS_S3_CUSTOM_DOMAIN.split('/')[0]}"]
    elif AWS_S3_ENDPOINT_URL:
        MEDIA_ORIGINS = ["/".join(AWS_S3_ENDPOINT_URL.split("/")[:3])]
    else:
        MEDIA_ORIGINS = ["https://*.amazonaws.com"]

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# --- Security ---------------------------------------------------------------
# A strict policy on every response: no inline script or style, nothing off-site.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:", *MEDIA_ORIGINS],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False  # htmx reads the token from the page, not the cookie
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
    CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_SSL_REDIRECT_EXEMPT = [r"^healthz$"]

# --- Logging: everything to stdout ----------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    # No invitation, reset or other secret link in a log line (config/redact.py).
    "filters": {"redact": {"()": "config.redact.RedactSecrets"}},
    "handlers": {
        "stdout": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "plain",
            "filters": ["redact"],
        }
    },
    "root": {"handlers": ["stdout"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "weasyprint": {"level": "ERROR"},  # it warns about CSS it ignores, once per PDF
        "fontTools": {"level": "WARNING"},
        # A line per task is worth having from the worker, not in `make run`'s console
        # (failures are logged by classes.tasks either way).
        "django_tasks": {"level": "WARNING" if DEBUG else "INFO"},
    },
}
