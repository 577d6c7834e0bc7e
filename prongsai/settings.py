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
EMAIL_HOST, EMAIL_PORT, EMAIL_HOST_USER, EMAIL_HOST_PASSWORD, EMAIL_USE_TLS, DEFAULT_FROM_EMAIL
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

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
    "prongsai.agencies",
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
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.table_block",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
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
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "prongsai.platform.middleware.SuspendedAgencyMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
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

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "th"
LANGUAGES = [("th", "ไทย"), ("en", "English")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Asia/Bangkok"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT", str(DATA_DIR / "static")))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(DATA_DIR / "media")))
# The demo serves uploaded media itself; production leaves that to nginx or object storage.
SERVE_MEDIA = env_bool("PRONGSAI_SERVE_MEDIA", default=not PRODUCTION)
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

if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_CONTENT_TYPE_NOSNIFF = True
    SECURE_REFERRER_POLICY = "same-origin"

# Backups (prongsai backup / restore; the worker takes one every PRONGSAI_BACKUP_EVERY_HOURS
# when PRONGSAI_BACKUP_SCHEDULE is on — on by default in production).
PRONGSAI_BACKUP_DIR = Path(env("PRONGSAI_BACKUP_DIR", str(DATA_DIR / "backups")))
PRONGSAI_BACKUP_SCHEDULE = env_bool("PRONGSAI_BACKUP_SCHEDULE", default=PRODUCTION)
PRONGSAI_BACKUP_EVERY_HOURS = int(env("PRONGSAI_BACKUP_EVERY_HOURS", "24"))
PRONGSAI_BACKUP_KEEP = int(env("PRONGSAI_BACKUP_KEEP", "14"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {
        "prongsai": {"handlers": ["console"], "level": env("PRONGSAI_LOG_LEVEL", "INFO")},
    },
}
