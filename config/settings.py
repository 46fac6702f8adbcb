"""Laget's one settings module. Everything that differs between machines comes from the environment.

Defaults are the production ones (secure cookies, HSTS, no debug); `make demo` turns on DEBUG and
plain HTTP, and the test run overrides what it needs in tests/settings.py.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
# Without SECRET_KEY, management commands (migrations, checks) still run on a key that `check --deploy` flags,
# and the web server and the Celery worker refuse to start (config/wsgi.py, config/celery.py).
SECRET_KEY_IS_SET = bool(env_str("SECRET_KEY"))
SECRET_KEY = env_str("SECRET_KEY") or "django-insecure-development-only-key-never-served-0123456789"  # noqa: S105
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "guardian",
    "simple_history",
    "axes",
    # Laget's apps from the bottom layer up (tests/test_architecture.py): an app imports only the ones before it.
    # seed_demo and the start pages' panels follow this order.
    "organisation",
    "measures",
    "cases",
    "consent",
    "collaboration",
    "reminders",
    "reports",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Before anything can read a body: a too large request is refused at once (413).
    "organisation.middleware.RequestSizeLimitMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "organisation.locale.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "organisation.middleware.SessionLifetimeMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "organisation.middleware.NoStoreMiddleware",
    # Axes last, as its documentation asks: it turns lockouts into the lockout page.
    "axes.middleware.AxesMiddleware",
]

# Request bodies: no page takes more than the measure CSV import's 1 MB (measures/forms.py) plus the form
# around it. Within that, uploads stay in memory (no temporary files) and Django's own limits match.
MAX_REQUEST_BYTES = env_int("MAX_REQUEST_BYTES", 2 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = MAX_REQUEST_BYTES
FILE_UPLOAD_MAX_MEMORY_SIZE = MAX_REQUEST_BYTES
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000  # the largest form (a measure with all 150 partner services ticked) is far below
DATA_UPLOAD_MAX_NUMBER_FILES = 10

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "organisation.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'var' / 'laget.sqlite3'}"),
        conn_max_age=env_int("CONN_MAX_AGE", 600),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "organisation.User"
AUTHENTICATION_BACKENDS = [
    # Axes first, so a locked-out account is refused before its password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "guardian.backends.ObjectPermissionBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24  # one day: the link in an invitation must survive a night
# Password reset requests per hour, per address and per client address; more get the same "sent" page and
# no e-mail. A whole municipal office may share one address, hence the larger second figure.
PASSWORD_RESET_LIMIT_PER_EMAIL = env_int("PASSWORD_RESET_LIMIT_PER_EMAIL", 3)
PASSWORD_RESET_LIMIT_PER_IP = env_int("PASSWORD_RESET_LIMIT_PER_IP", 10)

# Sessions: an idle timeout (activity pushes the expiry forward, at most once a minute) and an absolute lifetime.
SESSION_IDLE_MINUTES = env_int("SESSION_IDLE_MINUTES", 30)
SESSION_COOKIE_AGE = SESSION_IDLE_MINUTES * 60
# Messages ("Tiltaket «…» er lagt til") in the server-side session, not in a cookie: a cookie is signed, not
# encrypted, and travels with every request.
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"
# The idle timeout: organisation.middleware.SessionLifetimeMiddleware moves the expiry on at most once a minute.
SESSION_SAVE_EVERY_REQUEST = False
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_ABSOLUTE_HOURS = env_int("SESSION_ABSOLUTE_HOURS", 12)

# Lockout per (e-mail, IP): a municipal office behind one NAT address must not be locked out by one
# person's typing, and a stranger must not lock out a colleague from elsewhere.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_ENABLE_ACCESS_FAILURE_LOG = True  # every failed login is kept, not only the running counter
# The login form's field is "username" (holding the e-mail); case variants count as the same account.
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "organisation.auth.axes_username"
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_HTTP_RESPONSE_CODE = 429
# The client's address: behind TRUSTED_PROXY_COUNT proxies it is read from X-Forwarded-For (organisation.auth.
# client_ip), otherwise REMOTE_ADDR. AXES_IPWARE_PROXY_COUNT is the variable's old name.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", env_int("AXES_IPWARE_PROXY_COUNT", 0))
AXES_CLIENT_IP_CALLABLE = "organisation.auth.client_ip"

# django-guardian: no anonymous user row; object permissions only (see organisation/access.py).
ANONYMOUS_USER_NAME = None
GUARDIAN_MONKEY_PATCH_USER = False

LANGUAGE_CODE = "nb"
LANGUAGES = [("nb", _("Norsk bokmål")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Oslo"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "var" / "static")))
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
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "var" / "media")))

REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# The role the running app connects as, when `migrate` runs as the tables' owner (the production shape): it gets
# only INSERT and SELECT on the access log, the stafettlogg and the history tables (cases/protection.py).
DATABASE_RUNTIME_ROLE = env_str("DATABASE_RUNTIME_ROLE", "")

# Cases: the deadlines of a new concern (seeds/001_…: the guardians are told "innen fire uker"; the staff member
# and their leader decide whether to close or go on to level 1 within CASE_DECISION_DAYS).
CASE_GUARDIANS_CONTACT_DAYS = env_int("CASE_GUARDIANS_CONTACT_DAYS", 28)
CASE_DECISION_DAYS = env_int("CASE_DECISION_DAYS", 14)

# Celery: Redis in production. Without a broker (the demo) tasks run in-process at once.
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", REDIS_URL or "memory://")
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", not (REDIS_URL or env_str("CELERY_BROKER_URL")))
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
# A task taken by a worker that dies is delivered again after this long (acks_late + reject on worker lost).
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": env_int("CELERY_VISIBILITY_TIMEOUT", 60 * 60 * 6)}
CELERY_TIMEZONE = TIME_ZONE
# Queuing must never hang a worker on a broker that is down: a few quick tries, then the outbox row stays pending
# and the next sweep queues it again (reminders/services.py).
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 3, "interval_start": 0.2, "interval_step": 0.5, "interval_max": 1}
CELERY_BROKER_CONNECTION_TIMEOUT = 5
# Beat: what is due is kept in the database, never as long countdowns in the broker (a Redis visibility timeout
# would deliver those twice); the sweep finds it every few minutes.
CELERY_BEAT_SCHEDULE = {
    "reminders-sweep": {"task": "reminders.tasks.sweep_due", "schedule": env_int("REMINDER_SWEEP_SECONDS", 300)},
    "reminders-digest": {
        "task": "reminders.tasks.send_digests",
        "schedule": crontab(hour=env_int("REMINDER_DIGEST_HOUR", 7), minute=0),
    },
}
if CELERY_BROKER_URL.startswith("filesystem://"):
    # The embedded default (`make demo`): a broker in files under var/celery/, no Redis needed.
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(BASE_DIR / "var" / "celery" / "queue"),
        "data_folder_out": str(BASE_DIR / "var" / "celery" / "queue"),
        "processed_folder": str(BASE_DIR / "var" / "celery" / "processed"),
        "control_folder": str(BASE_DIR / "var" / "celery" / "control"),
        "store_processed": False,
    }
# A reminder still waiting to be sent this long after it was queued (its task lost while Redis was down) is
# queued again by the next sweep; sending is idempotent, so a slow task queued twice still sends once.
REMINDER_REQUEUE_SECONDS = env_int("REMINDER_REQUEUE_SECONDS", 600)
# The address links in e-mail point to (a sweep has no request to read it from).
LAGET_BASE_URL = env_str("LAGET_BASE_URL", "http://127.0.0.1:8000")

# E-mail (Django 6.1 MAILERS). EMAIL_BACKEND=file writes each message to EMAIL_FILE_PATH (the demo does).
_email_backend = env_str("EMAIL_BACKEND", "smtp")
if _email_backend == "file":
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "OPTIONS": {"file_path": env_str("EMAIL_FILE_PATH", str(BASE_DIR / "var" / "mail"))},
        }
    }
else:
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": env_str("EMAIL_HOST", "localhost"),
                "port": env_int("EMAIL_PORT", 25),
                "username": env_str("EMAIL_HOST_USER"),
                "password": env_str("EMAIL_HOST_PASSWORD"),
                "use_tls": env_bool("EMAIL_USE_TLS", False),
                "timeout": 30,
            },
        }
    }
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Laget <ikke-svar@laget.invalid>")

# HTTPS. On unless explicitly turned off (the demo on http://127.0.0.1:8000 turns it off).
HTTPS = env_bool("HTTPS", not DEBUG)
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
if HTTPS:
    # The __Host- prefix binds the cookie to this exact host over HTTPS (ASVS 3.3.3).
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
SECURE_HSTS_SECONDS = 31_536_000 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
if env_bool("BEHIND_TLS_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    # Designsystemet draws its icons as data: SVGs.
    "img-src": [CSP.SELF, "data:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}

# The annual report shows every count from 1 to this minus one about children or cases as "<k", with
# secondary suppression (reports/suppression.py). A small municipality may want it higher.
REPORT_SUPPRESSION_THRESHOLD = env_int("REPORT_SUPPRESSION_THRESHOLD", 5)
if REPORT_SUPPRESSION_THRESHOLD < 3:  # 1 or 2 would show single children: refuse rather than suppress nothing
    raise ImproperlyConfigured("REPORT_SUPPRESSION_THRESHOLD must be 3 or more.")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "axes": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        # Django's own console handler would print every line a second time beside the root's.
        "django": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}
