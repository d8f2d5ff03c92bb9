"""Django settings for the zfxxgk web application.

Everything that differs between one office machine and a city's server comes from
the environment, so the same package runs both without a settings file to edit:

- ``ZFXXGK_DATA``: the data folder (SQLite database, uploaded source files, the
  secret key). ``zfxxgk serve --data DIR`` sets it.
- ``DATABASE_URL``: ``postgresql://user:pass@host:port/name`` switches to PostgreSQL;
  unset (or ``sqlite:///path``) keeps SQLite in the data folder.
- ``ZFXXGK_PERSONAL_DATA_KEY``: the Fernet key(s) sealing applicants' identity numbers
  and contacts; unset, one is made once and kept as ``personal_key`` in the data
  folder (never in the database; ``zfxxgk backup`` includes it).
- ``ZFXXGK_ALLOWED_HOSTS`` (comma-separated, default this machine's names; hosts.py),
  ``ZFXXGK_HTTPS`` (``1``: the site is served over HTTPS, cookies marked Secure), ``ZFXXGK_DEBUG``,
  ``ZFXXGK_SECRET_KEY``, ``ZFXXGK_MAX_UPLOAD_MB`` (default 50, as the CLI).
- ``ZFXXGK_FETCH_ALLOWED_HOSTS``: intranet hosts that “从网址导入” may fetch from
  (comma-separated names; every other private, loopback or link-local address is refused).
"""

from __future__ import annotations

import os
import secrets
from datetime import timedelta
from pathlib import Path
from urllib.parse import unquote, urlsplit

from . import hosts as _hosts

WEB_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(os.environ.get("ZFXXGK_DATA") or Path.cwd() / "zfxxgk-data").resolve()


def _kept_key(env: str, name: str, make) -> str:
    """A key from the environment, else made once per data folder and kept there
    (0600): sessions survive a restart, no two installations share a key written into
    the source, and the personal-data key stays outside the database (a copy of the
    database alone reveals nothing)."""
    if os.environ.get(env):
        return os.environ[env]
    path = DATA_DIR / name
    if path.exists():
        return path.read_text(encoding="ascii").strip()
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    key = make()
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process made it first: use theirs
        return path.read_text(encoding="ascii").strip()
    with os.fdopen(fd, "w", encoding="ascii") as f:
        f.write(key)
    return key


def _fernet_key() -> str:
    from cryptography.fernet import Fernet

    return Fernet.generate_key().decode("ascii")


def database_from_url(url: str | None) -> dict:
    """DATABASE_URL -> Django's DATABASES entry (sqlite:///path or postgresql://…)."""
    if not url:
        # mmap_size: SQLite reads the file through a memory map, not a read() per page: a
        # dashboard query passing over 20 000 report rows (a page each) spent a third of its
        # CPU in those calls (327 -> 235 ms for the page). 1 GiB of address space, not memory.
        return {"ENGINE": "django.db.backends.sqlite3", "NAME": str(DATA_DIR / "zfxxgk.sqlite3"),
                "CONN_MAX_AGE": 60,
                "OPTIONS": {"transaction_mode": "IMMEDIATE", "timeout": 20,
                            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA mmap_size=1073741824;"}}
    parts = urlsplit(url)
    if parts.scheme == "sqlite":
        return {"ENGINE": "django.db.backends.sqlite3", "NAME": unquote(parts.path[1:] or ":memory:")}
    if parts.scheme in ("postgres", "postgresql"):
        return {"ENGINE": "django.db.backends.postgresql", "NAME": unquote(parts.path.lstrip("/")),
                "USER": unquote(parts.username or ""), "PASSWORD": unquote(parts.password or ""),
                "HOST": parts.hostname or "", "PORT": str(parts.port or ""),
                "CONN_MAX_AGE": 60, "ATOMIC_REQUESTS": False}
    raise ValueError(f"DATABASE_URL 不支持的数据库：{parts.scheme}（可用 sqlite、postgresql）")


DEBUG = os.environ.get("ZFXXGK_DEBUG", "").lower() in ("1", "true")
SECRET_KEY = _kept_key("ZFXXGK_SECRET_KEY", "secret_key", lambda: secrets.token_urlsafe(50))
ZFXXGK_PERSONAL_DATA_KEY = _kept_key("ZFXXGK_PERSONAL_DATA_KEY", "personal_key", _fernet_key)
# This machine's names only, unless ZFXXGK_ALLOWED_HOSTS (or `zfxxgk serve --host`) says more.
ALLOWED_HOSTS = _hosts.parse(os.environ.get("ZFXXGK_ALLOWED_HOSTS"))

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "ninja",
    "django_tasks",
    "django_tasks_db",
    "zfxxgk.web.accounts",
    "zfxxgk.web.audit",
    "zfxxgk.web.reports",
    "zfxxgk.web.cases",
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
]

# Sessions in the database, read through a cache that every process of
# `zfxxgk serve --workers N` shares (files in the data folder): a logout in one
# process is a logout in all. The same cache keeps each user's permissions
# (accounts/backends.py: Django's ModelBackend, its answers kept).
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
SESSION_CACHE_ALIAS = "shared"
AUTHENTICATION_BACKENDS = ["zfxxgk.web.accounts.backends.SharedCacheModelBackend"]
# "default": each process's in-memory cache, for the parts of report pages (keyed on
# the report's saved state, so never stale; ~20-25 KB each); Django's default of 300
# entries would keep only a few dozen reports.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                      "OPTIONS": {"MAX_ENTRIES": 3000}},
          "shared": {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
                     "LOCATION": str(DATA_DIR / "cache" / "shared"),
                     "OPTIONS": {"MAX_ENTRIES": 20000}},
          # reports' rendered PDF/Word/Excel files (reports/rendered.py), 0.1-1 MB each
          "rendered": {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
                       "LOCATION": str(DATA_DIR / "cache" / "rendered"),
                       "OPTIONS": {"MAX_ENTRIES": 300}}}

ROOT_URLCONF = "zfxxgk.web.urls"
WSGI_APPLICATION = "zfxxgk.web.wsgi.application"

TEMPLATES = [{
    "BACKEND": "django.template.backends.django.DjangoTemplates",
    "DIRS": [WEB_DIR / "templates"],
    "APP_DIRS": True,
    "OPTIONS": {"builtins": ["zfxxgk.web.dates"], "context_processors": [
        "django.template.context_processors.request",
        "django.contrib.auth.context_processors.auth",
        "django.contrib.messages.context_processors.messages",
        "zfxxgk.web.accounts.roles.context",
        "zfxxgk.web.cases.context.reminders",
    ]},
}]

DATABASES = {"default": database_from_url(os.environ.get("DATABASE_URL"))}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# Backups of PostgreSQL are written in this format (timestamps to the microsecond).
SERIALIZATION_MODULES = {"zfxxgk_json": "zfxxgk.web.serial"}

LANGUAGE_CODE = "zh-hans"
TIME_ZONE = "Asia/Shanghai"  # times stored in UTC: USE_TZ (and USE_I18N) are Django's defaults
# The admin site's words Django's own zh_Hans catalogue lacks (locale/zh_Hans: make locale).
LOCALE_PATHS = [WEB_DIR / "locale"]

STATIC_URL = "/static/"
# WhiteNoise serves them (an office machine has no web server in front): from the
# finders, as nothing is collected (read again per request under DEBUG, its default),
# and cached by browsers for a day.
WHITENOISE_USE_FINDERS = True
WHITENOISE_MAX_AGE = 86400
# ECharts is vendored once, by the corpus package; served here as zfxxgk/echarts.min.js.
STATICFILES_DIRS = [WEB_DIR / "static", ("zfxxgk", WEB_DIR.parent / "corpus" / "static")]
MEDIA_ROOT = DATA_DIR / "files"

# Django's default password rules: not like the user name, at least 8 characters,
# not a common password, not all digits (admin site and `zfxxgk users` alike).
AUTH_PASSWORD_VALIDATORS = [{"NAME": f"django.contrib.auth.password_validation.{name}"} for name in (
    "UserAttributeSimilarityValidator", "MinimumLengthValidator", "CommonPasswordValidator",
    "NumericPasswordValidator")]

LOGIN_REDIRECT_URL = "/"  # LOGIN_URL is Django's default, /accounts/login/
LOGOUT_REDIRECT_URL = "/accounts/login/"

# Uploads: one report file at most this large (the CLI's limit); a batch (many
# files or a zip) at most BATCH_MAX_BYTES in all.
# “从网址导入” refuses private, loopback and link-local addresses; an administrator
# may allow intranet hosts by name (comma-separated).
FETCH_ALLOWED_HOSTS = [h.strip() for h in os.environ.get("ZFXXGK_FETCH_ALLOWED_HOSTS", "").split(",")
                       if h.strip()]
MAX_UPLOAD_BYTES = int(float(os.environ.get("ZFXXGK_MAX_UPLOAD_MB", "50")) * 1024 * 1024)
BATCH_MAX_BYTES = 4 * MAX_UPLOAD_BYTES
BATCH_MAX_FILES = 500
# A body that is no upload (JSON, a form) and a multipart body's fields (limits.py):
# a report's cells and six parts are some tens of KB.
FORM_MAX_BYTES = 2 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = FORM_MAX_BYTES
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FILES = BATCH_MAX_FILES
# Uploaded originals are private to the server's account (datafolder.py).
FILE_UPLOAD_PERMISSIONS = 0o600
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700
# Batches are tasks in the database, read by the `zfxxgk worker` process that
# `zfxxgk serve` starts (reports/worker.py).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Django's defaults already: cookies SameSite=Lax, X-Frame-Options DENY, nosniff.

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    # waitress warns "Task queue depth" on every request while all threads are busy:
    # a line per request under load, nothing an office can act on.
    "loggers": {"waitress.queue": {"level": "ERROR"}},
}

# --- Login throttling (django-axes) -------------------------------------------------------
# Ten wrong passwords for one account from one address lock that pair for 15 minutes
# (others keep logging in); thirty from one address, whatever the accounts, lock the
# address (password spraying; accounts/throttle.py). The page says which in Chinese.
# `zfxxgk users unlock NAME` lifts a pair's lock early. Attempts are kept in the
# database: every process sees them.
INSTALLED_APPS += ["axes"]
MIDDLEWARE += ["axes.middleware.AxesMiddleware"]
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", *AUTHENTICATION_BACKENDS]
AXES_FAILURE_LIMIT = 10
ADDRESS_FAILURE_LIMIT = 30
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]  # this order: throttle.py
AXES_HANDLER = "zfxxgk.web.accounts.throttle.AccountAndAddressHandler"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked.html"
AXES_VERBOSE = False

# --- Browser protections ------------------------------------------------------------------
# A Content-Security-Policy on every page: scripts only from this site (htmx and ECharts
# are vendored files; the dashboard's data is a json_script block, not code). Inline
# <style> stays allowed (the findings' live colouring writes one).
INSTALLED_APPS += ["csp"]
MIDDLEWARE.insert(1, "csp.middleware.CSPMiddleware")
CONTENT_SECURITY_POLICY = {"DIRECTIVES": {
    "default-src": ["'self'"], "script-src": ["'self'"], "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:"], "object-src": ["'none'"], "base-uri": ["'self'"],
    "frame-ancestors": ["'none'"], "form-action": ["'self'"]}}
# Cookies: never readable by scripts (the session's HttpOnly is Django's default), not
# sent on cross-site requests; Secure only when the site is served over HTTPS (plain
# HTTP on a desk or an intranet must keep working).
HTTPS = os.environ.get("ZFXXGK_HTTPS", "").lower() in ("1", "true")
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = HTTPS
if HTTPS:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# --- Bounded resources --------------------------------------------------------------------
# One cap per batch (its files and zips together, BATCH_MAX_BYTES) and per request body
# (limits.py, before anything is read; waitress is given the same bound).
REQUEST_MAX_BYTES = BATCH_MAX_BYTES + 1024 * 1024
MIDDLEWARE.insert(0, "zfxxgk.web.limits.RequestSizeLimit")
# Uploads, imports, compiling and exports running at once for one user (costly.py):
# one more is answered 429, so that one account cannot hold every server thread.
COSTLY_PER_USER = 3
MIDDLEWARE.insert(MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1,
                  "zfxxgk.web.costly.CostlyRequestLimit")
