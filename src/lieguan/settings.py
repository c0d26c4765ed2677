"""Django settings for Lieguan, read from the environment only.

Every variable has a safe default for the embedded setup (SQLite under ./var,
mail printed to the console). See docs/configuration.md for the list.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from lieguan.conf.env import (
    ConfigError,
    email_url,
    env_base_url,
    env_bool,
    env_choice,
    env_int,
    env_list,
    env_path,
    env_str,
    secret_key,
)

PACKAGE_DIR = Path(__file__).resolve().parent

try:
    DATA_DIR = env_path("LIEGUAN_DATA_DIR", Path.cwd() / "var")
    DEBUG = env_bool("LIEGUAN_DEBUG", False)
    SECRET_KEY = secret_key("SECRET_KEY", DATA_DIR)
    ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
    CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", ["http://127.0.0.1:8000", "http://localhost:8000"])
    HTTPS = env_bool("LIEGUAN_HTTPS", False)
    # The one public address for every link sent away from a request: e-mails, .ics feeds, QR codes.
    LIEGUAN_BASE_URL = env_base_url("LIEGUAN_BASE_URL", "http://127.0.0.1:8000")
    SESSION_IDLE_MINUTES = env_int("LIEGUAN_SESSION_IDLE_MINUTES", 30, minimum=5)
    LOGIN_FAILURE_LIMIT = env_int("LIEGUAN_LOGIN_FAILURE_LIMIT", 5, minimum=1)
    LOCKOUT_MINUTES = env_int("LIEGUAN_LOCKOUT_MINUTES", 15, minimum=1)
    UPLOAD_MAX_MB = env_int("LIEGUAN_UPLOAD_MAX_MB", 20, minimum=1)
    PUBLIC_PORTAL = env_bool("LIEGUAN_PUBLIC_PORTAL", False)
    # The licence the open-data downloads state: the city decides; the national open-data licence by default.
    OPEN_DATA_LICENCE = env_str("LIEGUAN_OPEN_DATA_LICENCE", "政府資料開放授權條款－第1版")
    OPEN_DATA_LICENCE_URL = env_str("LIEGUAN_OPEN_DATA_LICENCE_URL", "https://data.gov.tw/license")
    API_RATE_ANONYMOUS = env_str("LIEGUAN_API_RATE_ANONYMOUS", "120/m")
    API_RATE_SIGNED_IN = env_str("LIEGUAN_API_RATE", "600/m")
    CITY_NAME = env_str("LIEGUAN_CITY_NAME", "臨海市政府")
    # Background work (docs/background.md): workers `lieguan serve` starts beside the web server (0: run
    # `lieguan worker` separately), and the bounds of one uploaded file's parsing in its child process.
    TASK_WORKERS = env_int("LIEGUAN_TASK_WORKERS", 1, minimum=0)
    IMPORT_PARSE_SECONDS = env_int("LIEGUAN_IMPORT_PARSE_SECONDS", 120, minimum=5)
    IMPORT_PARSE_MEMORY_MB = env_int("LIEGUAN_IMPORT_PARSE_MEMORY_MB", 1024, minimum=256)
    LOG_LEVEL = env_choice("LIEGUAN_LOG_LEVEL", "INFO", ("DEBUG", "INFO", "WARNING", "ERROR"))
    _email = email_url("EMAIL_URL", "console:")
    _database_url = env_str("DATABASE_URL", f"sqlite:///{DATA_DIR / 'lieguan.sqlite3'}")
except ConfigError as error:
    raise ImproperlyConfigured(f"Lieguan configuration error: {error}") from None

DATA_DIR.mkdir(parents=True, exist_ok=True)
MEDIA_ROOT = DATA_DIR / "files"
# Attachments are served only through views that check permissions, never by URL.
MEDIA_URL = "/files/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_URL = "/static/"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STATIC_ROOT.mkdir(exist_ok=True)  # WhiteNoise serves from here after `lieguan setup`

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "lieguan.core.third_party.AxesConfig",
    "django_tasks",
    "lieguan.core.third_party.TasksDatabaseConfig",
    "lieguan.core",
    "lieguan.organisations",
    "lieguan.notifications",
    "lieguan.meetings",
    "lieguan.tracking",
    "lieguan.search",
    "lieguan.reports",
    "lieguan.kpis",
    "lieguan.indicators",
    "lieguan.workreports",
    "lieguan.live",
    "lieguan.api",
    "lieguan.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "lieguan.core.middleware.SecurityHeadersMiddleware",
    # Outside everything that reads the database or the data directory: it turns their failure into a 503.
    "lieguan.core.middleware.ServiceUnavailableMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "lieguan.core.middleware.SessionActivityMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "lieguan.urls"

# Django 6's django.tasks API, from the django-tasks backport; tasks are queued in the database itself
# (SQLite or PostgreSQL), so no other server is needed. Why: docs/background.md.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
WSGI_APPLICATION = "lieguan.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "lieguan.core.context_processors.lieguan",
                "lieguan.navigation.menu",
                "lieguan.notifications.context_processors.notifications",
            ],
            "builtins": ["lieguan.core.templatetags.roc"],
        },
    },
]


def _databases(url: str) -> dict[str, Any]:
    try:
        config = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    except ValueError as error:
        raise ImproperlyConfigured(f"Lieguan configuration error: DATABASE_URL={url!r} is malformed: {error}") from None
    engine = str(config.get("ENGINE", ""))
    if engine == "django.db.backends.sqlite3":
        config["CONN_MAX_AGE"] = 0
        config["OPTIONS"] = {
            # WAL lets readers go on while one writer writes; IMMEDIATE takes the write
            # lock at BEGIN so that concurrent writers wait instead of failing mid-transaction.
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    elif engine == "django.db.backends.postgresql":
        config.setdefault("OPTIONS", {})
    else:
        raise ImproperlyConfigured(
            f"Lieguan configuration error: DATABASE_URL={url!r} names an unsupported database;"
            " use sqlite:///PATH or postgres://USER@HOST:PORT/NAME"
        )
    return {"default": config}


DATABASES = _databases(_database_url)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES: dict[str, dict[str, Any]] = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# What every worker must see alike: the API's rate-limit counters. In Redis when LIEGUAN_CACHE_URL names
# one (the "shared" cache); without it they are rows of the api app's own table (api.RateCounter, one
# upsert per request: a database cache took 12 queries for the same count).
try:
    _cache_url = env_str("LIEGUAN_CACHE_URL", "")
    API_TRUSTED_PROXIES = env_int("LIEGUAN_TRUSTED_PROXIES", 0, minimum=0)
except ConfigError as error:
    raise ImproperlyConfigured(f"Lieguan configuration error: {error}") from None
if _cache_url.startswith(("redis://", "rediss://", "unix://")):
    CACHES["shared"] = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": _cache_url}
elif _cache_url:
    raise ImproperlyConfigured(f"Lieguan configuration error: LIEGUAN_CACHE_URL={_cache_url!r} is not a redis:// URL")

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "lieguan.core.passwords.Argon2Hasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "lieguan.core.passwords.CharacterClassValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

AXES_FAILURE_LIMIT = LOGIN_FAILURE_LIMIT
AXES_COOLOFF_TIME = timedelta(minutes=LOCKOUT_MINUTES)
# Lock the account, not the address: a city's offices sign in from a few shared
# NAT addresses, and one mistyping colleague must not lock out a whole bureau.
AXES_LOCKOUT_PARAMETERS = ["username"]
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"

SESSION_COOKIE_AGE = SESSION_IDLE_MINUTES * 60
# The timeout counts from the last request, not from sign-in: SessionActivityMiddleware marks the session
# active at most once a minute, so that a request which changes nothing writes nothing.
SESSION_SAVE_EVERY_REQUEST = False
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS
SECURE_HSTS_SECONDS = 31_536_000 if HTTPS else 0
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if HTTPS else None
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
UPLOAD_MAX_BYTES = UPLOAD_MAX_MB * 1024 * 1024

LANGUAGE_CODE = "zh-hant"
LANGUAGES = [("zh-hant", "繁體中文"), ("en", "English")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Asia/Taipei"
USE_I18N = True
USE_TZ = True

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG

EMAIL_BACKEND = _email.backend
EMAIL_HOST = _email.host
EMAIL_PORT = _email.port
EMAIL_HOST_USER = _email.user
EMAIL_HOST_PASSWORD = _email.password
EMAIL_USE_TLS = _email.use_tls
EMAIL_USE_SSL = _email.use_ssl
EMAIL_FILE_PATH = _email.file_path or str(DATA_DIR / "mail")
DEFAULT_FROM_EMAIL = _email.default_from or "lieguan@localhost"
EMAIL_TIMEOUT = 20

LOG_DIR = DATA_DIR / "log"
LOG_DIR.mkdir(parents=True, exist_ok=True)
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "{asctime} {levelname} {name} {message}", "style": "{"}},
    # A request that found the database or storage unavailable is logged once, as one line, by the middleware.
    "filters": {"skip_unavailable": {"()": "lieguan.core.middleware.SkipUnavailableFilter"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain", "filters": ["skip_unavailable"]},
        "security_file": {
            "class": "logging.handlers.WatchedFileHandler",
            "filename": str(LOG_DIR / "security.log"),
            "formatter": "plain",
            "encoding": "utf-8",
        },
    },
    "loggers": {
        "": {"handlers": ["console"], "level": LOG_LEVEL},
        "lieguan.security": {"handlers": ["console", "security_file"], "level": "INFO", "propagate": False},
        "django.security": {"handlers": ["console", "security_file"], "level": "INFO", "propagate": False},
        "axes": {"handlers": ["console", "security_file"], "level": "WARNING", "propagate": False},
    },
}
