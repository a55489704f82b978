"""The desk's one settings module. Everything that differs between installs comes
from the environment (see docs/desk.md), never from per-charity code.

TACTFUL_DATA_DIR     where the SQLite database, uploads and generated keys live
DATABASE_URL         PostgreSQL (or any dj-database-url address) instead of SQLite
TACTFUL_SECRET_KEY   Django's signing key (generated into the data folder if unset)
TACTFUL_FERNET_KEY   key that encrypts platform tokens (generated likewise if unset)
TACTFUL_DEBUG        "1" for development pages; never on a public server
TACTFUL_ALLOWED_HOSTS  comma-separated host names (default: localhost names)
TACTFUL_UPLOAD_MAX_MB  largest media upload accepted (default 10)
TACTFUL_TASK_BACKEND   "database" (default), "immediate" or "dummy" (tests)
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url

from tactful.web.lib.keys import data_dir, secret_from_file

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = data_dir()


def _flag(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in ("1", "true", "yes", "on")


DEBUG = _flag("TACTFUL_DEBUG")
SECRET_KEY = os.environ.get("TACTFUL_SECRET_KEY") or secret_from_file("django-secret-key")
ALLOWED_HOSTS = [
    h.strip()
    for h in os.environ.get("TACTFUL_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]").split(",")
    if h.strip()
]
CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in os.environ.get("TACTFUL_CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_tasks",
    "django_tasks_db",
    "tactful.web.people",
    "tactful.web.registers",
    "tactful.web.publishing",
    "tactful.web.audit",
    "tactful.web.inbox",
    "tactful.web.dashboard",
    "tactful.web.api",
    "tactful.web.connectors.outbox",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "tactful.web.people.twofactor.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "tactful.web.urls"
WSGI_APPLICATION = "tactful.web.wsgi.application"

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
                "tactful.web.people.scope.desk_context",
            ]
        },
    }
]


def _databases() -> dict:
    url = os.environ.get("DATABASE_URL")
    if url:
        return {"default": dj_database_url.parse(url, conn_max_age=60)}
    return {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": DATA_DIR / "tactful.sqlite3",
            "OPTIONS": {
                # IMMEDIATE takes the write lock at BEGIN, so two writers queue up
                # instead of one failing half-way through (SQLite has no row locks).
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            },
        }
    }


DATABASES = _databases()
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

_TASK_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
    "dummy": "django_tasks.backends.dummy.DummyBackend",
}
TASKS = {
    "default": {
        "BACKEND": _TASK_BACKENDS[os.environ.get("TACTFUL_TASK_BACKEND", "database")],
        "ENQUEUE_ON_COMMIT": False,
    }
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "people:login"
LOGIN_REDIRECT_URL = "dashboard:home"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = _flag("TACTFUL_SECURE_COOKIES")
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
# Serve straight from the package: a small self-hosted app needs no collectstatic step.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
MEDIA_ROOT = DATA_DIR / "media"
UPLOAD_MAX_BYTES = int(float(os.environ.get("TACTFUL_UPLOAD_MAX_MB", "10")) * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

LOGIN_FAILURE_LIMIT = int(os.environ.get("TACTFUL_LOGIN_FAILURE_LIMIT", "5"))
LOGIN_FAILURE_WINDOW_MINUTES = 15

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("TACTFUL_LOG_LEVEL", "WARNING")},
}
CSRF_FAILURE_VIEW = "tactful.web.dashboard.errors.csrf_failure"
