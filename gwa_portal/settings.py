"""Settings for GWA-Portal: one module, configured through environment variables (12-factor).

With nothing set you get a development portal on SQLite with eager Celery and console mail.
Production (DJANGO_DEBUG=0) refuses to start without a secret key and allowed hosts.
"""

from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import environ
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

DEBUG = env.bool("DJANGO_DEBUG", default=True)

if DEBUG:
    SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="dev-only-insecure-key-change-me-" + "x" * 32)
    ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
else:
    SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="")
    ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=[])
    if len(SECRET_KEY) < 50 or not ALLOWED_HOSTS:
        raise ImproperlyConfigured(
            "Production needs DJANGO_SECRET_KEY (50+ characters) and DJANGO_ALLOWED_HOSTS."
        )

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django_filters",
    "auditlog",
    "gwa_portal.core",
    "quartiere",
    "netzwerk",
    "befragung",
    "cockpit",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "gwa_portal.core.request_guard.RequestGuardMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "gwa_portal.core.middleware.IdleTimeoutMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "gwa_portal.core.middleware.RequireMfaMiddleware",
    # After authentication: stamps the acting user on audit log entries written in the request.
    "auditlog.middleware.AuditlogMiddleware",
]

ROOT_URLCONF = "gwa_portal.urls"
WSGI_APPLICATION = "gwa_portal.wsgi.application"

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
                "gwa_portal.core.context_processors.navigation",
            ],
            "builtins": ["django.templatetags.i18n", "django.templatetags.static"],
        },
    },
]

# Django's form renderer, drawing the stock widget templates in Python (core/form_renderer.py).
FORM_RENDERER = "gwa_portal.core.form_renderer.FormRenderer"

# Database: SQLite by default, PostgreSQL (psycopg 3 with Django's pool) via DATABASE_URL.
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'var' / 'db.sqlite3'}")
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # PostgreSQL's JIT compiles the plan of every query above jit_above_cost; for the portal's
    # one-off aggregates (results, report) that costs 30–120 ms and saves nothing.
    if not env.bool("DATABASE_JIT", default=False):
        DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
    if env.bool("DATABASE_POOL", default=True):
        DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
            "min_size": env.int("DATABASE_POOL_MIN", default=1),
            "max_size": env.int("DATABASE_POOL_MAX", default=10),
            "timeout": 10,
        }
    else:
        DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
else:
    # A file, not memory, so that test threads (live server, Celery worker) share real data.
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / "var" / "test_db.sqlite3")}
    # The covering index of befragung.Antwort (INCLUDE) is a plain index on SQLite.
    SILENCED_SYSTEM_CHECKS = ["models.W040"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache (allauth rate limits, used TOTP codes, survey rate limits): Redis via REDIS_URL, else
# local memory. While Redis is unreachable the backend serves from a per-process local cache
# (gwa_portal/core/cache.py) and /healthz/ answers 503.
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "gwa_portal.core.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {
                "socket_connect_timeout": env.float("REDIS_TIMEOUT", default=0.5),
                "socket_timeout": env.float("REDIS_TIMEOUT", default=0.5),
            },
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_USER_MODEL = "core.User"
# Django's and allauth's backends, loading the signed-in user and its TOTP state in one query.
AUTHENTICATION_BACKENDS = [
    "gwa_portal.core.auth_backends.ModelBackend",
    "gwa_portal.core.auth_backends.AuthenticationBackend",
]
# Django's database sessions, read with one plain SELECT (gwa_portal/core/sessions.py).
SESSION_ENGINE = "gwa_portal.core.sessions"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "start"
LOGOUT_REDIRECT_URL = "start"

# django-allauth: login by email, no username, no public sign-up, rate limits on (defaults).
ACCOUNT_ADAPTER = "gwa_portal.core.adapters.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[GWA-Portal] "
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/5m/key",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "change_password": "5/m/user",
}
# Behind a reverse proxy every request comes from the proxy's address. One setting tells
# allauth (login limits) and befragung/rate_limit.py (survey limit) where the client's address
# is: TRUSTED_PROXY_COUNT proxies that append to X-Forwarded-For (the compose setup: 1), or a
# header a single trusted proxy sets (TRUSTED_CLIENT_IP_HEADER, e.g. X-Real-IP). Unset means
# REMOTE_ADDR, right when clients connect directly.
ALLAUTH_TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
ALLAUTH_TRUSTED_CLIENT_IP_HEADER = env.str("TRUSTED_CLIENT_IP_HEADER", default="") or None
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "GWA-Portal"
# One 30-second step of clock drift either way, as RFC 6238 recommends.
MFA_TOTP_TOLERANCE = 1
# allauth refuses TOTP setup while the account has an unverified address, against sign-up
# squatting. There is no sign-up here (the Fachstelle enters every address), and merely opening
# /accounts/email/ records the address as unverified, which locked Fachstelle accounts out of
# the setup their role requires.
MFA_ALLOW_UNVERIFIED_EMAIL = True

LANGUAGE_CODE = "de"
LANGUAGES = [("de", _("Deutsch"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            # whitenoise's compressed manifest storage, each URL computed once per process
            else "gwa_portal.core.static_storage.StaticFilesStorage"
        )
    },
}
MEDIA_ROOT = BASE_DIR / "var" / "media"

# Mail: Django 6.1 configures mail through MAILERS, built here from EMAIL_URL.
# smtp://user:pass@host:587?tls=1 · smtps://host:465 · console:// · locmem://


def mailers_from_url(url):
    parts = urlsplit(url)
    scheme = parts.scheme
    if scheme == "console":
        return {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
    if scheme == "locmem":
        return {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    if scheme not in ("smtp", "smtps"):
        raise ImproperlyConfigured(f"EMAIL_URL: unknown scheme {scheme!r}")
    query = parse_qs(parts.query)
    options = {
        "host": parts.hostname or "localhost",
        "port": parts.port or (465 if scheme == "smtps" else 25),
        "username": unquote(parts.username or ""),
        "password": unquote(parts.password or ""),
        "use_ssl": scheme == "smtps",
        "use_tls": query.get("tls", ["0"])[0] in ("1", "true"),
        "timeout": 20,
    }
    return {
        "default": {"BACKEND": "django.core.mail.backends.smtp.EmailBackend", "OPTIONS": options}
    }


EMAIL_URL = env.str("EMAIL_URL", default="console://" if DEBUG else "smtp://localhost:25")
MAILERS = mailers_from_url(EMAIL_URL)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="GWA-Portal <gwa@langenhagen.example>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
GWA_ORGANIZER_EMAIL = env.str("GWA_ORGANIZER_EMAIL", default="fachstelle-gwa@langenhagen.example")
# A public base URL for links in mails sent from Celery, where there is no request.
GWA_BASE_URL = env.str("GWA_BASE_URL", default="http://127.0.0.1:8000")

# Uploaded workbooks (gwa_portal/core/uploads.py): the unpacked size of all zip members together,
# checked before the file is parsed, and the rows per sheet.
UPLOAD_MAX_UNCOMPRESSED_BYTES = env.int("UPLOAD_MAX_UNCOMPRESSED_BYTES", default=10 * 1024 * 1024)
UPLOAD_MAX_ROWS = env.int("UPLOAD_MAX_ROWS", default=5000)
# A request body beyond this is refused before it is read (core/request_guard.py); the largest
# upload a form takes is 2 MB.
UPLOAD_MAX_REQUEST_BYTES = env.int("UPLOAD_MAX_REQUEST_BYTES", default=5 * 1024 * 1024)

MAP_TILE_URL = env.str("MAP_TILE_URL", default="https://tile.openstreetmap.org/{z}/{x}/{y}.png")
MAP_TILE_ATTRIBUTION = env.str("MAP_TILE_ATTRIBUTION", default="© OpenStreetMap-Mitwirkende")

# Celery: no broker means tasks run eagerly in-process (development, plain `make test`).
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_TRANSPORT_OPTIONS = {"socket_connect_timeout": 3, "socket_timeout": 5}
CELERY_BEAT_SCHEDULE = {
    "clear-expired-sessions": {
        "task": "gwa_portal.core.tasks.clear_expired_sessions",
        "schedule": 60 * 60 * 24,
    },
    "netzwerk-sweep-unsent": {
        "task": "netzwerk.tasks.sweep_unsent",
        "schedule": 60,
    },
    "netzwerk-send-due-reminders": {
        "task": "netzwerk.tasks.send_due_reminders",
        "schedule": 5 * 60,
    },
    "netzwerk-sweep-protokollversand": {
        "task": "netzwerk.mail_jobs.sweep_protokollversand",
        "schedule": 5 * 60,
    },
    "netzwerk-sweep-nachrueck-mails": {
        "task": "netzwerk.mail_jobs.sweep_nachrueck_mails",
        "schedule": 5 * 60,
    },
    "befragung-sweep-survey-invitations": {
        "task": "befragung.tasks.sweep_survey_invitations",
        "schedule": 5 * 60,
    },
    "befragung-flush-waiting-answers": {
        "task": "befragung.tasks.flush_waiting_answers",
        "schedule": 15 * 60,
    },
    "cockpit-purge-audit-log": {
        "task": "cockpit.tasks.purge_audit_log",
        "schedule": crontab(hour=3, minute=30),
    },
    "netzwerk-remind-overdue-aufgaben": {
        "task": "netzwerk.mail_jobs.remind_overdue_aufgaben",
        "schedule": crontab(hour=7, minute=0, day_of_week="mon"),
    },
}

# Security. The CSP is on everywhere so that development catches inline scripts and styles.
_tile_origin = "{0.scheme}://{0.hostname}".format(urlsplit(MAP_TILE_URL.replace("{s}", "a")))
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:", _tile_origin],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 60 * 60 * 10
# Signed-in users are signed out after this many seconds without a request (ASVS 7.3.1; the
# stamp has one-minute resolution). SESSION_COOKIE_AGE stays the absolute limit.
SESSION_IDLE_TIMEOUT = env.int("SESSION_IDLE_TIMEOUT", default=30 * 60)
if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
    SECURE_REDIRECT_EXEMPT = [r"^healthz/$"]
    SECURE_HSTS_SECONDS = env.int("DJANGO_HSTS_SECONDS", default=60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    # No token of a link (RSVP, calendar feed, password reset) in any log line.
    "filters": {"redact_tokens": {"()": "gwa_portal.core.redaction.RedactTokens"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["redact_tokens"],
        }
    },
    "root": {"handlers": ["console"], "level": env.str("DJANGO_LOG_LEVEL", default="INFO")},
    "loggers": {"django.request": {"level": "WARNING"}},
}

# /healthz/ names its backends and errors only to callers sending `Authorization: Bearer
# <HEALTHZ_TOKEN>` (and to signed-in admins); everyone else sees ok/error per check.
HEALTHZ_TOKEN = env.str("HEALTHZ_TOKEN", default="")

# GWA-specific: MFA is required for the Fachstelle; the demo account is exempt in DEBUG only.
GWA_MFA_REQUIRED_ROLES = ["fachstelle"]
GWA_PAGE_SIZE = 25
# Survey submissions per client and survey in 10 minutes (befragung/rate_limit.py). Only the
# benchmark raises it (its load clients all come from 127.0.0.1).
BEFRAGUNG_RATE_LIMIT = env.int("BEFRAGUNG_RATE_LIMIT", default=10)
# Gap analysis: this many active Angebote for one Quartier, Handlungsfeld and Zielgruppe
# mark a possible parallel structure (the page lets the user choose 2–10 per request).
GWA_PARALLEL_THRESHOLD = env.int("GWA_PARALLEL_THRESHOLD", default=3)

# django-auditlog: which models are recorded is decided in cockpit/audit.py (the
# anonymous survey tables never are). No IP addresses and no client-chosen correlation ids are
# stored: the trail needs who and what, not where from.
AUDITLOG_DISABLE_REMOTE_ADDR = True
AUDITLOG_CID_HEADER = None
# Entries older than this many days are deleted by a nightly beat task (audit_bereinigen by hand).
GWA_AUDIT_RETENTION_DAYS = env.int("GWA_AUDIT_RETENTION_DAYS", default=730)

# django-filter: the empty option of every choice filter.
FILTERS_EMPTY_CHOICE_LABEL = _("– alle –")
