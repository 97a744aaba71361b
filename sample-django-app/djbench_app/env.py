"""Every DJBENCH_* environment variable, its default, and its parsing.

The defaults live in ONE place (``DEFAULTS``) so the README, the settings and
the tests can never disagree about them. ``load()`` turns an environment
mapping into a frozen ``Config``; settings.py calls it once with os.environ and
the tests call it with hand-made dicts.

Every parse error raises ImproperlyConfigured naming the variable, the bad
value and what was expected, because the harness starts the app with
generated environments and a silent fallback would measure the wrong thing.
"""
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping, Optional, Tuple

from django.core.exceptions import ImproperlyConfigured

# The directory that holds manage.py; relative defaults hang off it.
APP_DIR = Path(__file__).resolve().parent.parent

# Long and varied enough to satisfy `check --deploy` (security.W009). It is a
# published development key: fine for a benchmark app that holds no secrets,
# but set DJBENCH_SECRET_KEY for anything else.
DEV_SECRET_KEY = "djbench-dev-key-7Hq2pX9vLr4sWz8mNc3bT6yKf1gJd5aE0uVoRiYe"

DEFAULTS = {
    "DJBENCH_DEBUG": "0",
    "DJBENCH_SECRET_KEY": DEV_SECRET_KEY,
    "DJBENCH_ALLOWED_HOSTS": "127.0.0.1,localhost",
    "DJBENCH_HTTPS": "0",
    "DJBENCH_DATABASE": "sqlite",
    "DJBENCH_SQLITE_PATH": str(APP_DIR / "db.sqlite3"),
    "DJBENCH_PG_HOST": "127.0.0.1",
    "DJBENCH_PG_PORT": "5432",
    "DJBENCH_PG_NAME": "djbench",
    "DJBENCH_PG_USER": "djbench",
    "DJBENCH_PG_PASSWORD": "",
    "DJBENCH_CONN_MAX_AGE": "0",
    "DJBENCH_CACHE": "locmem",
    # Empty means "the usual local address of the chosen backend", see
    # DEFAULT_CACHE_URLS below.
    "DJBENCH_CACHE_URL": "",
    "DJBENCH_PER_SITE_CACHE": "0",
    "DJBENCH_STATIC": "django",
    "DJBENCH_STATIC_ROOT": str(APP_DIR / "staticfiles"),
    "DJBENCH_SLOWDOWN_PCT": "0",
    "DJBENCH_UPSTREAM_URL": "",
    "DJBENCH_CELERY_BROKER": "memory://",
    "DJBENCH_SMTP_DELAY_MS": "50",
}

DATABASES = ("sqlite", "postgres")
CACHE_BACKENDS = ("locmem", "redis", "memcached", "dummy")
STATIC_MODES = ("django", "whitenoise", "nginx")

DEFAULT_CACHE_URLS = {
    "locmem": "djbench",
    "redis": "redis://127.0.0.1:6379/0",
    "memcached": "127.0.0.1:11211",
    "dummy": "",
}


@dataclass(frozen=True)
class Config:
    debug: bool
    secret_key: str
    allowed_hosts: Tuple[str, ...]
    https: bool
    database: str
    sqlite_path: str
    pg_host: str
    pg_port: int
    pg_name: str
    pg_user: str
    pg_password: str
    conn_max_age: int
    cache: str
    cache_url: str
    per_site_cache: bool
    static: str
    static_root: str
    slowdown_pct: float
    upstream_url: str
    celery_broker: str
    smtp_delay_ms: int


class _Reader:
    """Typed access to one environment mapping, falling back to DEFAULTS."""

    def __init__(self, environ: Mapping[str, str]):
        self.environ = environ

    def raw(self, name: str) -> str:
        value = self.environ.get(name)
        # An empty value means "not set" for every variable whose default is
        # not itself empty; this lets a harness blank a variable out.
        if value is None or (value.strip() == "" and DEFAULTS[name] != ""):
            return DEFAULTS[name]
        return value.strip()

    def _fail(self, name: str, value: str, expected: str):
        raise ImproperlyConfigured(
            f"{name}={value!r} is not valid: expected {expected}"
        )

    def string(self, name: str) -> str:
        return self.raw(name)

    def boolean(self, name: str) -> bool:
        value = self.raw(name)
        lowered = value.lower()
        if lowered in ("1", "true", "yes", "on"):
            return True
        if lowered in ("0", "false", "no", "off"):
            return False
        self._fail(name, value, "0 or 1 (also accepted: true/false, yes/no, on/off)")

    def integer(self, name: str, minimum: Optional[int] = None) -> int:
        value = self.raw(name)
        try:
            number = int(value)
        except ValueError:
            self._fail(name, value, "an integer")
        if minimum is not None and number < minimum:
            self._fail(name, value, f"an integer >= {minimum}")
        return number

    def number(self, name: str, minimum: Optional[float] = None) -> float:
        value = self.raw(name)
        try:
            number = float(value)
        except ValueError:
            self._fail(name, value, "a number")
        if number != number or number in (float("inf"), float("-inf")):
            self._fail(name, value, "a finite number")
        if minimum is not None and number < minimum:
            self._fail(name, value, f"a number >= {minimum:g}")
        return number

    def choice(self, name: str, choices: Tuple[str, ...]) -> str:
        value = self.raw(name)
        if value.lower() not in choices:
            self._fail(name, value, "one of " + ", ".join(choices))
        return value.lower()

    def csv(self, name: str) -> Tuple[str, ...]:
        return tuple(item.strip() for item in self.raw(name).split(",") if item.strip())


def load(environ: Optional[Mapping[str, str]] = None) -> Config:
    """Parse the DJBENCH_* variables of ``environ`` (default: os.environ)."""
    env = _Reader(os.environ if environ is None else environ)
    cache = env.choice("DJBENCH_CACHE", CACHE_BACKENDS)
    upstream = env.string("DJBENCH_UPSTREAM_URL").rstrip("/")
    if upstream and not upstream.startswith(("http://", "https://")):
        env._fail("DJBENCH_UPSTREAM_URL", upstream, "an http:// or https:// URL, or empty")
    return Config(
        debug=env.boolean("DJBENCH_DEBUG"),
        secret_key=env.string("DJBENCH_SECRET_KEY"),
        allowed_hosts=env.csv("DJBENCH_ALLOWED_HOSTS"),
        https=env.boolean("DJBENCH_HTTPS"),
        database=env.choice("DJBENCH_DATABASE", DATABASES),
        sqlite_path=env.string("DJBENCH_SQLITE_PATH"),
        pg_host=env.string("DJBENCH_PG_HOST"),
        pg_port=env.integer("DJBENCH_PG_PORT", minimum=1),
        pg_name=env.string("DJBENCH_PG_NAME"),
        pg_user=env.string("DJBENCH_PG_USER"),
        pg_password=env.string("DJBENCH_PG_PASSWORD"),
        conn_max_age=env.integer("DJBENCH_CONN_MAX_AGE", minimum=0),
        cache=cache,
        cache_url=env.string("DJBENCH_CACHE_URL") or DEFAULT_CACHE_URLS[cache],
        per_site_cache=env.boolean("DJBENCH_PER_SITE_CACHE"),
        static=env.choice("DJBENCH_STATIC", STATIC_MODES),
        static_root=env.string("DJBENCH_STATIC_ROOT"),
        slowdown_pct=env.number("DJBENCH_SLOWDOWN_PCT", minimum=0),
        upstream_url=upstream,
        celery_broker=env.string("DJBENCH_CELERY_BROKER"),
        smtp_delay_ms=env.integer("DJBENCH_SMTP_DELAY_MS", minimum=0),
    )
