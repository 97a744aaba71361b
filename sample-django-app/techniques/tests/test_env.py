"""DJBENCH_* parsing: defaults, typed values, and clear errors."""
from django.core.exceptions import ImproperlyConfigured
from django.test import SimpleTestCase

from djbench_app import env


class EnvTests(SimpleTestCase):
    def test_defaults(self):
        cfg = env.load({})
        self.assertFalse(cfg.debug)
        self.assertEqual(cfg.allowed_hosts, ("127.0.0.1", "localhost"))
        self.assertEqual(cfg.database, "sqlite")
        self.assertTrue(cfg.sqlite_path.endswith("db.sqlite3"))
        self.assertEqual((cfg.pg_host, cfg.pg_port, cfg.pg_name, cfg.pg_user, cfg.pg_password),
                         ("127.0.0.1", 5432, "djbench", "djbench", ""))
        self.assertEqual(cfg.conn_max_age, 0)
        self.assertEqual((cfg.cache, cfg.per_site_cache, cfg.static), ("locmem", False, "django"))
        self.assertEqual(cfg.slowdown_pct, 0.0)
        self.assertEqual(cfg.upstream_url, "")
        self.assertEqual(cfg.celery_broker, "memory://")
        self.assertEqual(cfg.smtp_delay_ms, 50)
        self.assertFalse(cfg.https)

    def test_every_default_is_parsed(self):
        # Each DEFAULTS entry maps to a Config field: no orphan variables.
        fields = set(env.Config.__dataclass_fields__)
        for name in env.DEFAULTS:
            self.assertIn(name[len("DJBENCH_"):].lower(), fields)

    def test_typed_values(self):
        cfg = env.load({
            "DJBENCH_DEBUG": "1",
            "DJBENCH_ALLOWED_HOSTS": " a.example , b.example ,",
            "DJBENCH_DATABASE": "POSTGRES",
            "DJBENCH_PG_PORT": "6543",
            "DJBENCH_CONN_MAX_AGE": "60",
            "DJBENCH_CACHE": "redis",
            "DJBENCH_SLOWDOWN_PCT": "12.5",
            "DJBENCH_UPSTREAM_URL": "http://127.0.0.1:9000/",
        })
        self.assertTrue(cfg.debug)
        self.assertEqual(cfg.allowed_hosts, ("a.example", "b.example"))
        self.assertEqual(cfg.database, "postgres")
        self.assertEqual(cfg.pg_port, 6543)
        self.assertEqual(cfg.conn_max_age, 60)
        self.assertEqual(cfg.cache_url, "redis://127.0.0.1:6379/0")
        self.assertEqual(cfg.slowdown_pct, 12.5)
        self.assertEqual(cfg.upstream_url, "http://127.0.0.1:9000")

    def test_cache_url_defaults_follow_the_backend(self):
        self.assertEqual(env.load({"DJBENCH_CACHE": "memcached"}).cache_url, "127.0.0.1:11211")
        self.assertEqual(
            env.load({"DJBENCH_CACHE": "memcached", "DJBENCH_CACHE_URL": "10.0.0.1:11211"}).cache_url,
            "10.0.0.1:11211",
        )

    def test_empty_value_means_default(self):
        self.assertEqual(env.load({"DJBENCH_DATABASE": ""}).database, "sqlite")

    def assertRejected(self, name, value, *expected_words):
        with self.assertRaises(ImproperlyConfigured) as ctx:
            env.load({name: value})
        message = str(ctx.exception)
        self.assertIn(name, message)
        self.assertIn(repr(value), message)
        for word in expected_words:
            self.assertIn(word, message)

    def test_bad_values_name_variable_value_and_expectation(self):
        self.assertRejected("DJBENCH_DATABASE", "oracle", "sqlite", "postgres")
        self.assertRejected("DJBENCH_CACHE", "mongo", "locmem", "redis", "memcached", "dummy")
        self.assertRejected("DJBENCH_STATIC", "cdn", "django", "whitenoise", "nginx")
        self.assertRejected("DJBENCH_DEBUG", "maybe", "0 or 1")
        self.assertRejected("DJBENCH_CONN_MAX_AGE", "forever", "integer")
        self.assertRejected("DJBENCH_CONN_MAX_AGE", "-1", ">= 0")
        self.assertRejected("DJBENCH_SLOWDOWN_PCT", "lots", "number")
        self.assertRejected("DJBENCH_SLOWDOWN_PCT", "nan", "finite")
        self.assertRejected("DJBENCH_UPSTREAM_URL", "127.0.0.1:9000", "http://")
