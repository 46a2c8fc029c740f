"""FirstStep's one settings module.

Every setting that differs between a laptop and production comes from an
environment variable (listed in .env.example). Development defaults are safe;
production (DJANGO_DEBUG=0) refuses to start without a secret key, and a value
that cannot be understood stops start-up with a message naming the variable.
"""

import os
import subprocess
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent
SHARED_DIR = BASE_DIR.parent / "shared"


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r} is not a boolean: use 1/0, true/false, yes/no.")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r} is not a whole number.") from None


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def database_from_url(url: str) -> dict:
    """DATABASE_URL (sqlite:///file or postgres://user:pass@host:port/name) as Django settings."""
    try:
        database = dj_database_url.parse(
            url, conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60), conn_health_checks=True
        )
    except ValueError as error:
        raise ImproperlyConfigured(f"DATABASE_URL={url!r}: {error}") from None
    engine = database.get("ENGINE")
    if engine == "django.db.backends.sqlite3":
        if not database["NAME"] or database["NAME"] == ":memory:":
            raise ImproperlyConfigured(f"DATABASE_URL={url!r} names no SQLite file.")
        database["NAME"] = str(BASE_DIR / database["NAME"])  # an absolute NAME stays as it is
        # Several gunicorn workers write to one file: take the write lock at the start of a
        # transaction and wait for it, instead of failing with "database is locked".
        database["OPTIONS"] = {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    elif engine in {"django.db.backends.postgresql", "django.db.backends.postgresql_psycopg2"}:
        if not database["NAME"]:
            raise ImproperlyConfigured(f"DATABASE_URL={url!r} names no PostgreSQL database.")
    else:
        raise ImproperlyConfigured(
            f"DATABASE_URL={url!r}: FirstStep runs on sqlite:///file.db or "
            "postgres://user@host:port/name."
        )
    return database


def release_name() -> str:
    """What tells one deploy of the code from the next: FIRSTSTEP_RELEASE, else the commit."""
    release = os.environ.get("FIRSTSTEP_RELEASE", "").strip()
    if release:
        return release
    try:
        return subprocess.run(  # noqa: S603 — fixed arguments
            ["git", "rev-parse", "--short=12", "HEAD"],  # noqa: S607
            cwd=BASE_DIR,
            capture_output=True,
            text=True,
            timeout=5,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "unreleased"


DEBUG = env_bool("DJANGO_DEBUG", True)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off.")
    SECRET_KEY = "development-only-not-secret-" + "x" * 40  # noqa: S105

ALLOWED_HOSTS = env_list(
    "DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]", "testserver"] if DEBUG else []
)
if not DEBUG and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("DJANGO_ALLOWED_HOSTS must be set when DJANGO_DEBUG is off.")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "crispy_forms",
    "crispy_bootstrap5",
    "screening",
    "content",
    "treatment",
    "admissions",
    "staffauth",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "firststep.i18n.LocaleMiddleware",  # Django's, plus language-neutral /api/ and /staff/
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "firststep.middleware.StaffIdleTimeoutMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = os.environ.get("FIRSTSTEP_ROOT_URLCONF", "firststep.urls")  # only bench/ sets it
WSGI_APPLICATION = "firststep.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "firststep.context_processors.help_lines",
                "firststep.i18n.page_languages",
            ],
        },
    },
]

DATABASES = {"default": database_from_url(os.environ.get("DATABASE_URL", "sqlite:///db.sqlite3"))}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "staff:login"
LOGIN_REDIRECT_URL = "staff:queue"

# English at /, Spanish at /es/ (firststep/urls.py); each name is shown in its own language.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("es", "Español")]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["firststep.formats"]
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", not DEBUG)
TIME_ZONE = os.environ.get("DJANGO_TIME_ZONE", "America/New_York")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
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

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Sessions live on the server (firststep.sessions: the database, and a cache every worker
# shares); the browser holds an opaque session id and nothing else. People's sessions end
# after two hours without a saved answer and their cookie when the browser closes; staff are
# also signed out after STAFF_IDLE_TIMEOUT_MINUTES idle (firststep.middleware).
SESSION_ENGINE = "firststep.sessions"
SESSION_CACHE_ALIAS = "sessions"
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 2 * 60 * 60)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# Messages too stay on the server, never in a cookie of their own.
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

# Security headers. The HTTPS-only ones switch on with production.
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
# Behind our own TLS-terminating proxy: trust its X-Forwarded-Proto, and take
# the client address from the last X-Forwarded-For hop (firststep.ratelimit).
BEHIND_PROXY = env_bool("DJANGO_BEHIND_PROXY", False)
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Nothing is loaded from anywhere but this server; no inline script runs.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "object-src": [CSP.NONE],
}

# One cache for every worker and server: Redis when REDIS_URL is set (production, and any
# deployment with more than one server), else this process's memory (make run, tests).
# It holds rate-limit counters and public fragments only, never one person's data. The key
# prefix changes with each release, so a deploy never serves what the old code rendered.
# "sessions" is no cache of pages but the second store of the sessions (firststep.sessions):
# it must be shared by every worker, so without Redis it is a directory on this machine
# (SESSION_CACHE_DIR), readable by this user only, never per-process memory.
REDIS_URL = os.environ.get("REDIS_URL", "").strip()
CACHE_KEY_PREFIX = f"firststep:{release_name()}"
SESSION_CACHE_DIR = Path(os.environ.get("SESSION_CACHE_DIR", "") or BASE_DIR / "var" / "sessions")
if REDIS_URL:
    _redis = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        # A stopped Redis must cost a request milliseconds, not a hung worker.
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
    }
    CACHES = {
        "default": {**_redis, "KEY_PREFIX": CACHE_KEY_PREFIX, "TIMEOUT": 3600},
        # Sessions outlive a release: their prefix does not change with it.
        "sessions": {**_redis, "KEY_PREFIX": "firststep-sessions", "TIMEOUT": SESSION_COOKIE_AGE},
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "firststep",
            "KEY_PREFIX": CACHE_KEY_PREFIX,
            "TIMEOUT": 3600,
        },
        "sessions": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(SESSION_CACHE_DIR),
            "TIMEOUT": SESSION_COOKIE_AGE,
            "OPTIONS": {"MAX_ENTRIES": 200_000},
        },
    }

# Public fragments only (a facility's search card, keyed on its id, last change and language):
# in each process's memory, not Redis, so a search never waits on the network for twenty
# cards and keeps working when Redis is down. Finite, and new with each release.
CACHES["fragments"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "fragments",
    "KEY_PREFIX": CACHE_KEY_PREFIX,
    "TIMEOUT": 600,
    "OPTIONS": {"MAX_ENTRIES": 5000},
}

# Staff logins: lock out after repeated failures (django-axes).
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = 1  # hours
AXES_RESET_ON_SUCCESS = True
# The pair (username, address) is locked, never the account alone nor the address alone:
# nobody can lock a colleague out by typing their name wrongly, from anywhere.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "staff/locked_out.html"
AXES_CLIENT_IP_CALLABLE = "firststep.ratelimit.client_ip"

# Staff are signed out after this long without a request (firststep.middleware).
STAFF_IDLE_TIMEOUT = env_int("STAFF_IDLE_TIMEOUT_MINUTES", 30) * 60
# The name staff see in their authenticator app (django-otp TOTP).
OTP_TOTP_ISSUER = "FirstStep"

# How long a screening nobody sent to admissions is kept (purge_screenings).
SCREENING_RETENTION_DAYS = env_int("SCREENING_RETENTION_DAYS", 30)

# Requests per client per minute (firststep.ratelimit); 0 switches a limit off.
RATE_LIMITS = {
    "screening_submit": env_int("RATE_LIMIT_SCREENING_SUBMIT", 10),
    "admissions_send": env_int("RATE_LIMIT_ADMISSIONS_SEND", 5),
    "reference_lookup": env_int("RATE_LIMIT_REFERENCE_LOOKUP", 20),
    "api_assess": env_int("RATE_LIMIT_API_ASSESS", 60),
    "listing_report": env_int("RATE_LIMIT_LISTING_REPORT", 5),
    "result_page": env_int("RATE_LIMIT_RESULT_PAGE", 30),
    "result_pdf": env_int("RATE_LIMIT_RESULT_PDF", 10),
}

# How long an identical retry of a finished questionnaire (a double click, "Try again"
# after an outage) still finds the screening it stored; after that its one-time
# submission id is refused for good (screening.services).
SUBMISSION_RETRY_SECONDS = env_int("SUBMISSION_RETRY_SECONDS", 10 * 60)
# Where the quick exit lands: a neutral site that says nothing about this one.
QUICK_EXIT_URL = os.environ.get("QUICK_EXIT_URL", "https://www.weather.gov/")
# How long a supervisor's one-time authenticator setup link works (staffauth).
STAFF_INVITATION_HOURS = env_int("STAFF_INVITATION_HOURS", 72)

LOG_LEVEL = os.environ.get("DJANGO_LOG_LEVEL", "INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # References open a person's screening: they never reach the log.
    "filters": {"redact_references": {"()": "admissions.log_filters.RedactReferences"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["redact_references"]}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    # Replace Django's own handlers, which would print request paths unfiltered.
    "loggers": {
        name: {"handlers": ["console"], "level": LOG_LEVEL, "propagate": False}
        for name in ("django", "django.server")
    },
}

# --- Email to staff (admissions.notifications) ---------------------------------------------
# New-referral notices and the overdue digest: never health data, never the person's details.
# Django 6.1's MAILERS (the EMAIL_* settings are deprecated, so these names are only ours).
# Development prints emails to the console unless EMAIL_HOST is set; production always sends
# by SMTP, to EMAIL_HOST or a mail server on localhost. docs/deploy.md, "Email".
_email_host = os.environ.get("EMAIL_HOST", "")
_email_port = env_int("EMAIL_PORT", 587 if _email_host else 25)
MAILERS = {
    "default": (
        {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": _email_host or "localhost",
                "port": _email_port,
                "username": os.environ.get("EMAIL_HOST_USER", ""),
                "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
                "use_tls": env_bool("EMAIL_USE_TLS", _email_port == 587),
                "use_ssl": env_bool("EMAIL_USE_SSL", _email_port == 465),
                "timeout": env_int("EMAIL_TIMEOUT", 10),
            },
        }
        if _email_host or not DEBUG
        else {"BACKEND": "django.core.mail.backends.console.EmailBackend"}
    )
}
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "FirstStep <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Links in those emails point here (the staff queue, a case).
FIRSTSTEP_SITE_URL = os.environ.get("FIRSTSTEP_SITE_URL", "http://127.0.0.1:8000")
