"""Django settings for the djbench reference app.

Nothing here reads os.environ directly: every knob comes from
djbench_app.env (one table of defaults, typed parsing). Runs unchanged on
Django 3.2 through 5.x.
"""
import importlib.util
import sys

import django

from djbench_app import env

# djbench's probe (../probe in the djbench repository) sends the Server-Timing
# header. djbench's settings overlay adds it to any project it runs; the
# reference app lists it itself so that it is measured the same way when run by
# hand from the repository. Without it (an image built from this folder alone)
# the app runs unmeasured, and djbench reports its server timings as absent.
_PROBE_DIR = env.APP_DIR.parent / "probe"
if importlib.util.find_spec("djbench_probe") is None and (_PROBE_DIR / "djbench_probe").is_dir():
    sys.path.insert(0, str(_PROBE_DIR))
PROBE = importlib.util.find_spec("djbench_probe") is not None

CFG = env.load()

BASE_DIR = env.APP_DIR

DEBUG = CFG.debug
SECRET_KEY = CFG.secret_key
ALLOWED_HOSTS = list(CFG.allowed_hosts)

INSTALLED_APPS = [
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "djbench_app.apps.DjbenchAppConfig",
    *(["djbench_probe"] if PROBE else []),
    "techniques.apps.TechniquesConfig",
]

# Order matters:
# - ServerTiming is first so `total` covers every other middleware.
# - Slowdown removes itself (MiddlewareNotUsed) when DJBENCH_SLOWDOWN_PCT=0,
#   so it costs nothing by default; it sits outside the per-site cache so a
#   cached page is slowed down in proportion to its (small) cost too.
# - Update/FetchFromCache must wrap everything else (Django's documented
#   order for the per-site cache).
MIDDLEWARE = [
    *(["djbench_probe.middleware.ProbeMiddleware"] if PROBE else []),
    "djbench_app.middleware.slowdown_middleware",
]
if CFG.per_site_cache:
    MIDDLEWARE.append("django.middleware.cache.UpdateCacheMiddleware")
MIDDLEWARE.append("django.middleware.security.SecurityMiddleware")
if CFG.static == "whitenoise":
    # WhiteNoise's documented place: right after SecurityMiddleware.
    MIDDLEWARE.append("whitenoise.middleware.WhiteNoiseMiddleware")
MIDDLEWARE += [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]
if CFG.per_site_cache:
    MIDDLEWARE.append("django.middleware.cache.FetchFromCacheMiddleware")

CACHE_MIDDLEWARE_ALIAS = "default"
CACHE_MIDDLEWARE_SECONDS = 60
# Distinct from the cache_page() prefix used by the per-site-cache technique
# views, so the two mechanisms never serve each other's entries.
CACHE_MIDDLEWARE_KEY_PREFIX = "djbench-site"

ROOT_URLCONF = "djbench_app.urls"
WSGI_APPLICATION = "djbench_app.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        # No "loaders": Django then uses the cached loader whenever DEBUG is
        # off, which is what a production deployment measures.
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# --- Database -----------------------------------------------------------------
if CFG.database == "postgres":
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.postgresql",
            "HOST": CFG.pg_host,
            "PORT": str(CFG.pg_port),
            "NAME": CFG.pg_name,
            "USER": CFG.pg_user,
            "PASSWORD": CFG.pg_password,
            "CONN_MAX_AGE": CFG.conn_max_age,
        }
    }
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": CFG.sqlite_path,
            "CONN_MAX_AGE": CFG.conn_max_age,
            # Several workers write to one file during the write experiments;
            # wait for the lock rather than fail with "database is locked".
            "OPTIONS": {"timeout": 20},
        }
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache --------------------------------------------------------------------
# Django 3.2 has no built-in Redis backend, hence django_redis on every
# version. PyMemcacheCache exists from Django 3.2 on.
_CACHE_BACKENDS = {
    "locmem": "django.core.cache.backends.locmem.LocMemCache",
    "redis": "django_redis.cache.RedisCache",
    "memcached": "django.core.cache.backends.memcached.PyMemcacheCache",
    "dummy": "django.core.cache.backends.dummy.DummyCache",
}
CACHES = {
    "default": {
        "BACKEND": _CACHE_BACKENDS[CFG.cache],
        "LOCATION": CFG.cache_url,
    }
}
if CFG.cache == "redis":
    CACHES["default"]["OPTIONS"] = {"CLIENT_CLASS": "django_redis.client.DefaultClient"}

# --- Static files -------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = CFG.static_root
DJBENCH_STATIC = CFG.static

_STATIC_STORAGE = (
    "whitenoise.storage.CompressedManifestStaticFilesStorage"
    if CFG.static == "whitenoise"
    else "django.contrib.staticfiles.storage.StaticFilesStorage"
)
if django.VERSION >= (4, 2):
    # STORAGES replaced STATICFILES_STORAGE in 4.2; the old name is gone in 5.1.
    STORAGES = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": _STATIC_STORAGE},
    }
else:
    STATICFILES_STORAGE = _STATIC_STORAGE

# --- Internationalisation -----------------------------------------------------
LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

# --- Security -----------------------------------------------------------------
# Everything `check --deploy` asks for that makes sense on plain HTTP over
# loopback. The HTTPS-only items are switched on by DJBENCH_HTTPS=1; see the
# README for the warnings that remain without it.
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
if CFG.https:
    SECURE_SSL_REDIRECT = True
    # TLS is expected to end at a proxy (nginx) in front of the app.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = 31536000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

# --- Django REST framework ----------------------------------------------------
# JSON only (no browsable API, whatever the Accept header) and no
# authentication: the lean-serializer technique measures serialisation, not
# auth or HTML rendering.
REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_CONTENT_NEGOTIATION_CLASS": "techniques.negotiation.JsonOnlyNegotiation",
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "UNAUTHENTICATED_USER": None,
}

# --- Celery -------------------------------------------------------------------
# Read by djbench_app/celery.py through the CELERY_ namespace.
CELERY_BROKER_URL = CFG.celery_broker
CELERY_TASK_IGNORE_RESULT = True
CELERY_RESULT_BACKEND = None

# --- djbench knobs read by the app's own code ---------------------------------
DJBENCH_SLOWDOWN_PCT = CFG.slowdown_pct
DJBENCH_UPSTREAM_URL = CFG.upstream_url
DJBENCH_SMTP_DELAY_MS = CFG.smtp_delay_ms
