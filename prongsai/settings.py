"""Settings for Prongsai, all chosen by environment variables (never by code edits).

PRONGSAI_MODE      demo | dev | production (default: dev)
PRONGSAI_DATA_DIR  where the SQLite database and media live by default (default: ./var)
DATABASE_URL       e.g. postgres://user@127.0.0.1:5432/prongsai (default: SQLite in the data dir)
MEDIA_ROOT         uploaded files (default: <data dir>/media)
SECRET_KEY         required in production
ALLOWED_HOSTS      comma separated (default in demo/dev: 127.0.0.1,localhost)
DEBUG              1/0 (default 0; refused in production)
REDIS_URL          optional: use Redis as the cache
PRONGSAI_BASE_URL  the public address, used in e-mails and the admin
PRONGSAI_TRAFFIC_LOG    app | front | off (default app); PRONGSAI_TRAFFIC_DAYS (default 90)
PRONGSAI_FRONT_SERVER   nginx: checked downloads (documents, images) are sent by nginx through
                        X-Accel-Redirect to PRONGSAI_PROTECTED_MEDIA_URL (an internal location,
                        default /protected-media/); empty (default): Python streams them
EMAIL_HOST, EMAIL_PORT, EMAIL_HOST_USER, EMAIL_HOST_PASSWORD, EMAIL_USE_TLS, DEFAULT_FROM_EMAIL
PRONGSAI_LOCKOUT_TRIES          wrong passwords per username + address before a lockout (default 5)
PRONGSAI_LOCKOUT_MINUTES        how long a lockout lasts (default 15)
PRONGSAI_TRUSTED_PROXY          comma separated addresses of the reverse proxy whose X-Forwarded-For
                                is believed (default: none, REMOTE_ADDR counts)
PRONGSAI_ADMIN_IDLE_MINUTES     an admin session idle this long is signed out (default 30)
PRONGSAI_ADMIN_SESSION_HOURS    an admin session is signed out this long after sign-in (default 8)
PRONGSAI_SECOND_FACTOR_REQUIRED 1/0: admins and webmasters must use two-step verification
                                (default 1 in production, 0 otherwise; never in demo mode)
PRONGSAI_HSTS_PRELOAD   1 adds includeSubDomains and preload to HSTS (production)
PRONGSAI_LOG_LEVEL      level of the prongsai loggers (default INFO)
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF, UNSAFE_HASHES, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured

from prongsai.core.logs import logging_config

PACKAGE_DIR = Path(__file__).resolve().parent

DEMO_SECRET_KEY = "prongsai-demo-secret-not-for-production"


def env(name, default=None):
    value = os.environ.get(name)
    return default if value in (None, "") else value


def env_bool(name, default=False):
    return env(name, "1" if default else "0").lower() in ("1", "true", "yes", "on")


def env_list(name, default):
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


MODE = env("PRONGSAI_MODE", "dev")
if MODE not in ("demo", "dev", "production", "test"):
    raise ImproperlyConfigured(f"PRONGSAI_MODE must be demo, dev, production or test, not {MODE!r}")
PRODUCTION = MODE == "production"

DATA_DIR = Path(env("PRONGSAI_DATA_DIR", "var")).resolve()

SECRET_KEY = env("SECRET_KEY", None if PRODUCTION else DEMO_SECRET_KEY)
DEBUG = env_bool("DEBUG", default=False)


def check_production_safety():
    """Production refuses the demo secret and DEBUG; called from settings and `prongsai serve`."""
    if not PRODUCTION:
        return
    if not SECRET_KEY or SECRET_KEY == DEMO_SECRET_KEY or len(SECRET_KEY) < 32:
        raise ImproperlyConfigured(
            "Production needs its own SECRET_KEY (at least 32 characters), not the demo one."
        )
    if DEBUG:
        raise ImproperlyConfigured("Production must not run with DEBUG=1.")


check_production_safety()

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "" if PRODUCTION else "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "prongsai.traffic",
    "prongsai.agencies",
    "prongsai.accounts",
    "prongsai.disclosures",
    "prongsai.site",
    "prongsai.search",
    "prongsai.publishing",
    "prongsai.channels",
    "prongsai.compliance",
    "prongsai.retention",
    "prongsai.trash",
    "prongsai.quota",
    "prongsai.platform",
    "prongsai.demo",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.table_block",
    "wagtail.embeds",
    "wagtail.sites",
    "prongsai.agencies.users_app.AgencyUsersAppConfig",  # wagtail.users, agency-scoped
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    # last, so its ready() runs after Wagtail's (see CoreConfig.ready)
    "prongsai.core",
]

MIDDLEWARE = [
    "prongsai.core.clients.ForwardedHeadersMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "prongsai.core.security.ContentSecurityPolicyMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "prongsai.traffic.middleware.TrafficLogMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "prongsai.accounts.middleware.PlainUserMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "prongsai.accounts.middleware.SessionLimitMiddleware",
    "prongsai.accounts.middleware.SecondFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "prongsai.platform.middleware.SuspendedAgencyMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # last, as django-axes asks: turns a locked-out sign-in into the lockout page
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "prongsai.urls"
WSGI_APPLICATION = "prongsai.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "prongsai.agencies.context_processors.agency",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{DATA_DIR / 'db.sqlite3'}"), conn_max_age=60
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    # WAL lets the in-process worker write while pages are served.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The traffic log (prongsai/traffic): app = the application writes it; front = the front
# server's access log is imported; off = none (refused in production).
PRONGSAI_TRAFFIC_LOG = env("PRONGSAI_TRAFFIC_LOG", "app")
PRONGSAI_TRAFFIC_DAYS = int(env("PRONGSAI_TRAFFIC_DAYS", "90"))

if env("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": env("REDIS_URL"),
            "KEY_PREFIX": "prongsai",
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Signing in (prongsai/accounts, docs/accounts.md): django-axes counts wrong passwords per
# username + address and locks that pair out; django-otp adds the second factor.
AUTHENTICATION_BACKENDS = [
    "prongsai.accounts.backends.SignInLockoutBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(env("PRONGSAI_LOCKOUT_TRIES", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(env("PRONGSAI_LOCKOUT_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_ENABLE_ADMIN = False
AXES_CLIENT_IP_CALLABLE = "prongsai.core.clients.client_address"
AXES_LOCKOUT_CALLABLE = "prongsai.accounts.views.locked_out"
# only a request from one of these addresses has its X-Forwarded-For believed
# (prongsai/core/clients.py: the lockout, the audit log and the traffic log read it there)
PRONGSAI_TRUSTED_PROXY = env_list("PRONGSAI_TRUSTED_PROXY", "")
PRONGSAI_ADMIN_IDLE_MINUTES = int(env("PRONGSAI_ADMIN_IDLE_MINUTES", "30"))
PRONGSAI_ADMIN_SESSION_HOURS = int(env("PRONGSAI_ADMIN_SESSION_HOURS", "8"))
PRONGSAI_SECOND_FACTOR_REQUIRED = env_bool("PRONGSAI_SECOND_FACTOR_REQUIRED", default=PRODUCTION)
OTP_TOTP_ISSUER = "Prongsai"  # the name the authenticator app shows

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
if MODE == "test":
    # The tests make and sign in hundreds of people; a million PBKDF2 rounds each would cost
    # minutes of the run and test nothing of ours. Every other mode keeps Django's hashers.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

LANGUAGE_CODE = "th"
LANGUAGES = [("th", "ไทย"), ("en", "English")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Asia/Bangkok"
# Every agency works in Thai time. Wagtail would otherwise offer every name the system's zone
# database holds, "localtime" among them, which the browser rejects on the account page.
WAGTAIL_USER_TIME_ZONES = [TIME_ZONE]
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT", str(DATA_DIR / "static")))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(DATA_DIR / "media")))
# The demo serves the rest of media itself (avatars); documents and images always go through
# their permission-checked views.
SERVE_MEDIA = env_bool("PRONGSAI_SERVE_MEDIA", default=not PRODUCTION)
# Documents and images go through permission-checked views (prongsai/core/sendfile.py): Python
# streams the file, or with nginx in front it answers X-Accel-Redirect and nginx sends it.
PRONGSAI_FRONT_SERVER = env("PRONGSAI_FRONT_SERVER", "")
if PRONGSAI_FRONT_SERVER not in ("", "nginx"):
    raise ImproperlyConfigured("PRONGSAI_FRONT_SERVER must be nginx or empty.")
PRONGSAI_PROTECTED_MEDIA_URL = env("PRONGSAI_PROTECTED_MEDIA_URL", "/protected-media/")
SENDFILE_BACKEND = "prongsai.core.sendfile"
STORAGES = {
    "default": {"BACKEND": "prongsai.core.storage.ThaiFileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
# Without collectstatic (demo, tests) WhiteNoise serves straight from the apps' folders.
WHITENOISE_USE_FINDERS = not PRODUCTION
if WHITENOISE_USE_FINDERS:
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise warns when it is missing
WHITENOISE_AUTOREFRESH = DEBUG

TASKS = {
    "default": {
        "BACKEND": env(
            "PRONGSAI_TASK_BACKEND",
            "django_tasks.backends.immediate.ImmediateBackend"
            if MODE == "test"
            else "django_tasks_db.DatabaseBackend",
        )
    }
}

# Wagtail
WAGTAIL_SITE_NAME = "โปร่งใส (Prongsai)"
WAGTAILADMIN_BASE_URL = env("PRONGSAI_BASE_URL", "http://127.0.0.1:8000")
WAGTAIL_I18N_ENABLED = False
WAGTAIL_ENABLE_UPDATE_CHECK = False
# refuses staff of a suspended agency (prongsai/platform)
WAGTAILADMIN_USER_LOGIN_FORM = "prongsai.platform.forms.AgencyLoginForm"
WAGTAIL_DATE_FORMAT = "%d/%m/%Y"
WAGTAIL_DATETIME_FORMAT = "%d/%m/%Y %H:%M"
WAGTAILDOCS_DOCUMENT_MODEL = "disclosures.AgencyDocument"
# seed 004 §2.10: the file kinds an agency may publish
WAGTAILDOCS_EXTENSIONS = ["pdf", "doc", "docx", "xls", "xlsx", "jpg", "jpeg", "png", "zip", "rar"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = int(env("PRONGSAI_MAX_UPLOAD_MB", "50")) * 1024 * 1024
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_INLINE_CONTENT_TYPES = ["application/pdf", "image/png", "image/jpeg"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
# uploads that would take the agency over its storage quota are refused (prongsai/quota)
WAGTAILDOCS_DOCUMENT_FORM_BASE = "prongsai.quota.forms.QuotaDocumentForm"
WAGTAILIMAGES_IMAGE_FORM_BASE = "prongsai.quota.forms.QuotaImageForm"
# Thai-aware search on SQLite (FTS5 trigram) and PostgreSQL (pg_trgm), chosen by the database.
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "prongsai.search.backend"}}
WAGTAILEMBEDS_RESPONSIVE_HTML = True
# the editor loads rich text only after it is sanitised (prongsai/core/rich_text_editor.py)
WAGTAILADMIN_RICH_TEXT_EDITORS = {
    "default": {"WIDGET": "prongsai.core.rich_text_editor.SanitisingDraftailRichTextArea"}
}
TAGGIT_CASE_INSENSITIVE = True
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# E-mail: console in demo/dev, SMTP when EMAIL_HOST is given.
if env("EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = env("EMAIL_HOST")
    EMAIL_PORT = int(env("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "webmaster@localhost")

# Headers for every mode, so a page that breaks them shows in the demo and in tests too.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"  # Wagtail's preview view allows its own same-origin frame
# Videos in news and knowledge items (site/blocks.py: YouTube or Facebook).
VIDEO_FRAME_SOURCES = [
    "https://www.youtube.com",
    "https://www.youtube-nocookie.com",
    "https://www.facebook.com",
]
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": [SELF, *VIDEO_FRAME_SOURCES],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# The admin: no inline script but Wagtail's known initialisers, which get the response's nonce;
# inline styles, which Wagtail sets as attributes; its own pages in the preview frame (see
# prongsai/core/security.py).
PRONGSAI_ADMIN_CONTENT_SECURITY_POLICY = {
    **CONTENT_SECURITY_POLICY["DIRECTIVES"],
    "script-src": [SELF, NONCE],
    # jQuery Jcrop's touch probe in the image editor sets ontouchstart="return;"
    "script-src-attr": [UNSAFE_HASHES, "'sha256-i+qr4lq34KgNHiW62lWi9aInEBwiEOrfCzaNPCvkqD8='"],
    "style-src": [SELF, UNSAFE_INLINE],
    "img-src": [SELF, "data:", "blob:"],
    "font-src": [SELF, "data:"],
    "frame-ancestors": [SELF],
}
# Nothing on the site uses these; a script that got in could not either.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "ambient-light-sensor",
        "autoplay",
        "bluetooth",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "hid",
        "idle-detection",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
}
# No avatar requests to an outside service from the admin (and no e-mail hashes sent there).
WAGTAIL_GRAVATAR_PROVIDER_URL = None

if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = True
    # the local monitor asks over plain HTTP on 127.0.0.1
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SECURE_HSTS_SECONDS = 365 * 24 * 60 * 60
    if env_bool("PRONGSAI_HSTS_PRELOAD"):
        SECURE_HSTS_INCLUDE_SUBDOMAINS = True
        SECURE_HSTS_PRELOAD = True
    else:
        # Other hosts under an agency's domain may still be plain HTTP, which HSTS for
        # subdomains would cut off: that is the operator's choice (PRONGSAI_HSTS_PRELOAD).
        SILENCED_SYSTEM_CHECKS = ["security.W005", "security.W021"]
    if PRONGSAI_TRUSTED_PROXY:
        # Believed only from the listed proxies, which overwrite it: ForwardedHeadersMiddleware
        # removes it from any other request, so a client cannot claim HTTPS.
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Backups (prongsai backup / restore; the worker takes one every PRONGSAI_BACKUP_EVERY_HOURS
# when PRONGSAI_BACKUP_SCHEDULE is on — on by default in production).
PRONGSAI_BACKUP_DIR = Path(env("PRONGSAI_BACKUP_DIR", str(DATA_DIR / "backups")))
PRONGSAI_BACKUP_SCHEDULE = env_bool("PRONGSAI_BACKUP_SCHEDULE", default=PRODUCTION)
PRONGSAI_BACKUP_EVERY_HOURS = int(env("PRONGSAI_BACKUP_EVERY_HOURS", "24"))
PRONGSAI_BACKUP_KEEP = int(env("PRONGSAI_BACKUP_KEEP", "14"))

# The worker writes this every minute; /healthz says "fail" when it is older than 5 minutes.
PRONGSAI_WORKER_HEARTBEAT_FILE = DATA_DIR / "worker.heartbeat"

# Errors with their traceback: stderr always, plus <data dir>/logs in production and the demo.
LOG_DIR = DATA_DIR / "logs" if MODE in ("production", "demo") else None
if LOG_DIR is not None:
    LOG_DIR.mkdir(parents=True, exist_ok=True)
LOGGING = logging_config(LOG_DIR, env("PRONGSAI_LOG_LEVEL", "INFO"))
