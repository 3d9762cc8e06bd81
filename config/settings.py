"""Remedy settings: one module, driven by environment variables with safe defaults.

Development needs nothing set: DEBUG is on, the database is a SQLite file in the repository.
Production sets DEBUG=0, SECRET_KEY, ALLOWED_HOSTS and DATABASE_URL (PostgreSQL).
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", True)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "dev-only-insecure-key-never-use-in-production-remedy"  # noqa: S105

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "config.static.RemedyStaticFilesConfig",  # django.contrib.staticfiles (config/static.py)
    "django.forms",  # the form renderer reads Django's own widget templates through TEMPLATES
    "guardian",
    "simple_history",
    "viewflow",
    "viewflow.workflow",
    # Security: mandatory TOTP 2FA with backup codes, login lockout, CSP.
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "two_factor",
    # Passkeys / security keys (WebAuthn) as a phishing-resistant second factor beside TOTP.
    "two_factor.plugins.webauthn",
    "axes",
    "csp",
    "casework",
    "deadlines",
    "security",
    "workflows",
    "communications",
    "monitoring",
    "reporting",
    "accounts",
    "notifications",
    "operations",
    "publication",
    "demo",
    # Background tasks (deadline reminders): Django's tasks API via the django-tasks backport.
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Static files from STATIC_ROOT, compressed and with hashed names, without nginx's help.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "accounts.signals.PreferredLanguageMiddleware",  # the language chosen on /account/
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "security.duress.DuressSessionMiddleware",  # after OTP: serves a duress session empty
    "django.contrib.messages.middleware.MessageMiddleware",
    "security.middleware.SessionTimeoutMiddleware",
    "security.middleware.RequireTwoFactorMiddleware",
    "security.middleware.NoStoreForAuthenticatedMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, so it can turn a lockout raised by the auth backend into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

# Every form renders with Bootstrap 5 (config/forms.py, templates/forms/field.html).
FORM_RENDERER = "config.forms.BootstrapFormRenderer"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "notifications.context_processors.notifications",
            ],
        },
    },
]

REMEDY_DATABASE_RUNTIME_URL = os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
DATABASES = {
    "default": dj_database_url.parse(
        REMEDY_DATABASE_RUNTIME_URL,
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
    )
}
# PostgreSQL: DATABASE_URL is the runtime role (owns nothing, append-only access log, no DDL);
# DATABASE_MIGRATE_URL is the owner role of the same database, used only by `manage.py migrate`
# (security.db_roles, docs/security.md "Database roles").
REMEDY_DATABASE_MIGRATE_URL = os.environ.get("DATABASE_MIGRATE_URL", "")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "casework.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses locked-out username+IP pairs
    # Django's ModelBackend that also recognises a duress password, at the same cost.
    "security.duress.DuressAwareModelBackend",
    "guardian.backends.ObjectPermissionBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "cases:list"
LOGOUT_REDIRECT_URL = "login"

# Argon2id first: new and re-saved passwords use it; older hashes are upgraded at next login.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("ru", _("Russian")), ("kk", _("Kazakh"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = os.environ.get("TIME_ZONE", "Asia/Almaty")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
# Production: `collectstatic` writes compressed (gzip, Brotli when installed) copies with hashed
# names, which WhiteNoise serves with far-future caching. Development reads the source folders.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "config.static.HashedStaticStorage"
        if env_bool("REMEDY_HASHED_STATIC", not DEBUG)
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "var" / "media"))
# Where document bytes live (casework.storage): "filesystem" (MEDIA_ROOT) or "s3" (S3-compatible
# object storage through django-storages, `pip install ".[s3]"`, for several app servers).
# Remedy encrypts them in both. The S3 settings are django-storages' own names.
REMEDY_DOCUMENT_STORAGE = os.environ.get("REMEDY_DOCUMENT_STORAGE", "filesystem")
if REMEDY_DOCUMENT_STORAGE == "s3":
    AWS_STORAGE_BUCKET_NAME = os.environ.get("AWS_STORAGE_BUCKET_NAME", "")
    AWS_S3_ENDPOINT_URL = os.environ.get("AWS_S3_ENDPOINT_URL") or None  # MinIO, Ceph...
    AWS_S3_REGION_NAME = os.environ.get("AWS_S3_REGION_NAME") or None
    AWS_LOCATION = os.environ.get("AWS_LOCATION", "documents")  # the key prefix
    # Credentials come from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY in the environment (boto3
    # reads them itself) or the machine's role: never from this file.
MEDIA_URL = "/media-not-served/"  # documents are only ever served through permission-checked views
# The DejaVu TTFs (Cyrillic with the Kazakh letters) shipped with the filings; the security app's
# printable cards embed them too, by path, without importing the communications app.
REMEDY_PDF_FONT_DIR = Path(
    os.environ.get("REMEDY_PDF_FONT_DIR", BASE_DIR / "communications" / "fonts")
)

# Uploads: the hard limit on one document; checked in the form, not only by the web server.
REMEDY_MAX_UPLOAD_BYTES = int(os.environ.get("REMEDY_MAX_UPLOAD_BYTES", str(25 * 1024 * 1024)))
# A request body without files (form fields) is read into memory: at most 5 MB of it. A file
# part goes to memory up to 2.5 MB, then to a temporary file that never grows past the limit.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000
DATA_UPLOAD_MAX_NUMBER_FILES = 10
FILE_UPLOAD_MAX_MEMORY_SIZE = int(2.5 * 1024 * 1024)
FILE_UPLOAD_HANDLERS = [
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "security.uploads.BoundedTemporaryFileUploadHandler",
]
FILE_UPLOAD_PERMISSIONS = 0o600

# The organisation's case reference prefix: KIBHR-2026-0001.
# Statistics: a figure below this many cases is shown as "<k" to readers who may not open the
# cases behind it (analysts; branch heads for other branches). Agencies use 5 or 10.
REMEDY_STATISTICS_MIN_COUNT = int(os.environ.get("REMEDY_STATISTICS_MIN_COUNT", "5"))
# The public precedent database: the address its static export is served at (sitemap, feed).
REMEDY_PUBLIC_SITE_URL = os.environ.get("REMEDY_PUBLIC_SITE_URL", "")
REMEDY_CASE_REFERENCE_PREFIX = os.environ.get("REMEDY_CASE_REFERENCE_PREFIX", "KIBHR")
REMEDY_ORGANISATION_NAME = os.environ.get(
    "REMEDY_ORGANISATION_NAME",
    "Kazakhstan International Bureau for Human Rights and the Rule of Law",
)
# The organisation's name in the other languages filings are written in (casework.names).
REMEDY_ORGANISATION_NAME_RU = os.environ.get(
    "REMEDY_ORGANISATION_NAME_RU",
    "Казахстанское международное бюро по правам человека и соблюдению законности",
)
REMEDY_ORGANISATION_NAME_KK = os.environ.get(
    "REMEDY_ORGANISATION_NAME_KK",
    "Адам құқықтары және заңдылықты сақтау жөніндегі Қазақстан халықаралық бюросы",
)
# Where communications to the UN Human Rights Committee go (cover letter of the package).
REMEDY_OHCHR_PETITIONS_EMAIL = os.environ.get("REMEDY_OHCHR_PETITIONS_EMAIL", "petitions@ohchr.org")

# guardian: no anonymous user row; Remedy never grants anything to anonymous visitors.
ANONYMOUS_USER_NAME = None
GUARDIAN_RAISE_403 = False
GUARDIAN_RENDER_403 = False

# simple-history: history is evidence; nobody reverts it from the admin.
SIMPLE_HISTORY_REVERT_DISABLED = True
SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"

# --- Security (docs/security.md) ---------------------------------------------------------
# Two-factor login: every staff account needs a TOTP device; backup codes are the fallback.
OTP_TOTP_ISSUER = "Remedy"
TWO_FACTOR_REMEMBER_COOKIE_AGE = None  # never "trust this browser": a seized laptop must ask
TWO_FACTOR_PATCH_ADMIN = False  # the admin login is replaced by ours in config/urls.py
# WebAuthn (two_factor.plugins.webauthn): the relying party is the host Remedy is served from
# unless REMEDY_WEBAUTHN_RP_ID pins it (a passkey works only on the host it was made for).
TWO_FACTOR_WEBAUTHN_RP_NAME = "Remedy"
TWO_FACTOR_WEBAUTHN_RP_ID = os.environ.get("REMEDY_WEBAUTHN_RP_ID") or None
TWO_FACTOR_WEBAUTHN_UV_REQUIREMENT = "preferred"  # a PIN or fingerprint where the key has one

# Sessions: an absolute lifetime and an idle timeout (security.middleware).
SESSION_COOKIE_AGE = int(os.environ.get("REMEDY_SESSION_MAX_AGE", str(10 * 60 * 60)))
REMEDY_SESSION_IDLE_TIMEOUT = int(os.environ.get("REMEDY_SESSION_IDLE_TIMEOUT", str(30 * 60)))
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# Login lockout (django-axes): 5 failures for one username from one IP lock that pair out.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("REMEDY_LOCKOUT_MINUTES", "30")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_CALLABLE = "security.axes.login_username"  # wizard field names
AXES_LOCKOUT_TEMPLATE = "security/locked_out.html"
AXES_VERBOSE = False
# Behind a reverse proxy set REMEDY_TRUSTED_PROXY_COUNT so lockout keys on the client's IP.
AXES_IPWARE_PROXY_COUNT = int(os.environ.get("REMEDY_TRUSTED_PROXY_COUNT", "0")) or None
AXES_IPWARE_META_PRECEDENCE_ORDER = (
    ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"] if AXES_IPWARE_PROXY_COUNT else ["REMOTE_ADDR"]
)

# Unusual-reading alerts (security.alerts): more than this many distinct restricted/secret cases
# read, or documents of them downloaded, by one account within the window → administrators are
# told (a notice and an "alert" access-log row), once per window.
REMEDY_ALERT_WINDOW_MINUTES = int(os.environ.get("REMEDY_ALERT_WINDOW_MINUTES", "60"))
REMEDY_ALERT_READS_PER_WINDOW = int(os.environ.get("REMEDY_ALERT_READS_PER_WINDOW", "20"))
REMEDY_ALERT_DOWNLOADS_PER_WINDOW = int(os.environ.get("REMEDY_ALERT_DOWNLOADS_PER_WINDOW", "30"))

# Content Security Policy: only our own files; no inline script, no third-party origin.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}

# HTTPS in production: secure cookies, HSTS, redirect to https.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if not DEBUG:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    # A monitor on the server itself asks http://127.0.0.1:8000/health/ directly.
    SECURE_REDIRECT_EXEMPT = [r"^health/$"]
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(365 * 24 * 60 * 60)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
    if env_bool("REMEDY_BEHIND_TLS_PROXY", False):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# Encryption keys (casework.storage, backup_remedy): base64 of 32 random bytes each.
# REMEDY_DOCUMENT_KEYS is comma-separated, the current key first, older keys after it until
# `manage.py rotate_document_keys` has re-encrypted everything. Development falls back to a
# public dev-only key; production without keys fails `check --deploy` and every document read.
REMEDY_DOCUMENT_KEYS = env_list("REMEDY_DOCUMENT_KEYS")
if not REMEDY_DOCUMENT_KEYS and DEBUG:
    REMEDY_DOCUMENT_KEYS = ["cmVtZWR5LWRldi1vbmx5LWRvY3VtZW50LWtleS0wMDE="]  # DEV_DOCUMENT_KEY
REMEDY_BACKUP_KEY = os.environ.get("REMEDY_BACKUP_KEY", "")

# Background tasks (docs/deadlines.md): queued in the database, run by `manage.py db_worker`.
# Tests set REMEDY_TASKS_BACKEND=django_tasks.backends.immediate.ImmediateBackend (or override).
TASKS = {
    "default": {
        "BACKEND": os.environ.get("REMEDY_TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}
# Absolute links in e-mails (reminders): the address staff use to reach Remedy.
REMEDY_BASE_URL = os.environ.get("REMEDY_BASE_URL", "http://127.0.0.1:8000")

# When `manage.py scheduler --daily` (make run) runs the daily jobs, local time (HH:MM).
REMEDY_DAILY_JOBS_AT = os.environ.get("REMEDY_DAILY_JOBS_AT", "06:00")
# /health/ reports the worker dead when its last heartbeat is older than this.
REMEDY_HEARTBEAT_MAX_AGE = int(os.environ.get("REMEDY_HEARTBEAT_MAX_AGE", "300"))

# E-mail (notifications, reminders, onboarding links): the console in development; SMTP when
# EMAIL_HOST is set (docs/deployment.md). Mail carries references and links, never names.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", EMAIL_PORT == 587)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", EMAIL_PORT == 465)
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "30"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "remedy@localhost")
# The one-time link of an onboarding (accounts.services) works for this long.
PASSWORD_RESET_TIMEOUT = int(os.environ.get("REMEDY_ONBOARDING_LINK_SECONDS", str(3 * 86400)))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # django-axes logs every successful login at INFO; failures and lockouts stay (WARNING).
    "loggers": {"axes": {"level": "WARNING"}},
}
