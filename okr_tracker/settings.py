"""Settings for the BMA KPI tracker.

Everything that differs between a laptop and production comes from the environment;
the defaults are safe for `make run` on one machine (SQLite, DEBUG on, localhost only).
"""
from datetime import timedelta
from pathlib import Path
import os

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


DEBUG = env_bool("DJANGO_DEBUG", True)
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set when DJANGO_DEBUG=0")
    SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"
ALLOWED_HOSTS = [
    host.strip()
    for host in os.environ.get("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",")
    if host.strip()
]
CSRF_TRUSTED_ORIGINS = [
    origin.strip()
    for origin in os.environ.get("DJANGO_CSRF_TRUSTED_ORIGINS", "").split(",")
    if origin.strip()
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "simple_history",
    "import_export",
    "okr_tracker.axes_app.AxesConfig",  # django-axes, named in Thai
    "okr_tracker",
    "districts",
    "indicators",
    "reports",
    "notifications",
    "accounts",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "okr_tracker.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "okr_tracker.middleware.RenamedBackendMiddleware",
    "okr_tracker.middleware.ThaiFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "okr_tracker.middleware.AbsoluteSessionLimitMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "okr_tracker.middleware.RefusalMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into its lockout page.
    "axes.middleware.AxesMiddleware",
]

# Password guessing is slowed: after AXES_FAILURE_LIMIT wrong passwords for one username from one
# address, that pair is locked out for AXES_COOLOFF_MINUTES (django-axes, attempts in the database).
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "okr_tracker.auth_backend.Backend"]
# A backend's old path → its path now: sessions made before an upgrade that renamed it stay logged in.
RENAMED_AUTHENTICATION_BACKENDS = {"django.contrib.auth.backends.ModelBackend": "okr_tracker.auth_backend.Backend"}
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", 5))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", 15)))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_IPWARE_PROXY_COUNT = int(os.environ.get("AXES_PROXY_COUNT", 0))

ROOT_URLCONF = "okr_tracker.urls"

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
                "okr_tracker.context_processors.menu",
            ],
        },
    },
    {
        # Plain-text mail (templates/notifications/*.txt) is rendered without HTML escaping: a comment
        # ‹"ไม่ตรง" & …› arrives as typed, not as &quot;…&amp;. (There is no HTML part to escape.)
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "NAME": "mail_text",
        "DIRS": [BASE_DIR / "templates"],
        "OPTIONS": {"autoescape": False},
    },
]

WSGI_APPLICATION = "okr_tracker.wsgi.application"

# SQLite is the embedded default. WAL lets readers proceed while one office writes, and
# IMMEDIATE transactions take the write lock at BEGIN, so concurrent saves wait for the
# lock (up to `timeout` seconds) instead of failing with "database is locked" on upgrade.
SQLITE_OPTIONS = {
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
}
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}", conn_max_age=60, conn_health_checks=True
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {**SQLITE_OPTIONS, **DATABASES["default"].get("OPTIONS", {})}
    DATABASES["default"]["CONN_MAX_AGE"] = 0

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Argon2 first (memory-hard; two thirds of PBKDF2's CPU per log-in here, which is what limits a deadline
# rush of log-ins on a small server); each worker thread checking a password holds ~100 MiB for ~0.2 s.
# The others stay so that older hashes still work: they are re-hashed with Argon2 at the next log-in.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# django-import-export: the whole file in one transaction; xlsx only; the file kept between preview
# and confirm lives in the database, so any app server can confirm what another previewed.
IMPORT_EXPORT_USE_TRANSACTIONS = True
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "add"
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "view"
IMPORT_EXPORT_TMP_STORAGE_CLASS = "okr_tracker.import_storage.DatabaseStorage"
IMPORT_EXPORT_SKIP_ADMIN_LOG = False

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "th"
LANGUAGES = [("th", "ไทย"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale_thirdparty"]
TIME_ZONE = "Asia/Bangkok"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))
# Uploaded evidence: in the database by default (app servers share nothing but PostgreSQL, and
# `make backup` holds the files); DJANGO_FILE_STORAGE=filesystem keeps them in DJANGO_MEDIA_ROOT
# instead, which must then be a directory every app server shares and is backed up separately.
FILE_STORAGE = os.environ.get("DJANGO_FILE_STORAGE", "database")
if FILE_STORAGE not in {"database", "filesystem"}:
    raise ImproperlyConfigured("DJANGO_FILE_STORAGE must be 'database' or 'filesystem'")
STORAGES = {
    "default": {"BACKEND": "okr_tracker.storage.DatabaseFileStorage" if FILE_STORAGE == "database"
                else "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "media"))

# Mail, through Django's e-mail framework and the outbox (notifications/). With no EMAIL_HOST (as
# under `make run`) mails are printed on the console instead of sent.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend" if EMAIL_HOST else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "10"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "ระบบติดตามตัวชี้วัด กทม. <kpi-noreply@localhost>")
# The public address links in mails point to (the nginx site in production).
# The public address that mail links start with. Production must set it (`check --deploy` fails
# without it: links would point at the development default).
SITE_URL_IS_SET = bool(os.environ.get("SITE_URL"))
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")
# Mail never goes out inside a user's request: it is queued in the request's transaction and sent
# after the commit in a thread of its own ("thread"), or only by `send_outbox` on its timer ("timer").
# "inline" sends in the committing thread: for tests that read the relay right after a commit.
OUTBOX_DELIVERY = os.environ.get("OUTBOX_DELIVERY", "thread")
# A new fiscal year's quarters get a reporting deadline this many days after each quarter ends
# (the administrator changes any of them in the admin).
REPORTING_DEADLINE_DAYS = int(os.environ.get("REPORTING_DEADLINE_DAYS", 15))
# "Forgotten password": at most this many requests an hour for one address, and from one client.
PASSWORD_RESETS_PER_ADDRESS_HOUR = int(os.environ.get("PASSWORD_RESETS_PER_ADDRESS_HOUR", 3))
PASSWORD_RESETS_PER_CLIENT_HOUR = int(os.environ.get("PASSWORD_RESETS_PER_CLIENT_HOUR", 10))
# A link to set a password (invitation, forgotten password) works for 3 days.
PASSWORD_RESET_TIMEOUT = int(os.environ.get("PASSWORD_RESET_TIMEOUT", 3 * 24 * 60 * 60))

# Cache: in the database, so every app server sees the same entries; what is cached (dashboard
# figures) is keyed by version stamps that every write bumps (indicators/versions.py), so an
# entry is never stale on any server the moment a write commits.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "okr_cache",
                      "TIMEOUT": 24 * 60 * 60, "OPTIONS": {"MAX_ENTRIES": 20000}}}

# Sessions end after SESSION_IDLE_SECONDS without a request and, whatever the activity,
# SESSION_ABSOLUTE_SECONDS after login. The idle clock is renewed at most every
# SESSION_RENEW_SECONDS (okr_tracker/middleware.py), not by a database write on every request.
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_IDLE_SECONDS", 2 * 60 * 60))
SESSION_SAVE_EVERY_REQUEST = False
SESSION_RENEW_SECONDS = int(os.environ.get("SESSION_RENEW_SECONDS", 5 * 60))
SESSION_ABSOLUTE_SECONDS = int(os.environ.get("SESSION_ABSOLUTE_SECONDS", 12 * 60 * 60))
SESSION_COOKIE_HTTPONLY = True
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000
CSRF_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", True)
    CSRF_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", True)
    LANGUAGE_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", True)
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
}
