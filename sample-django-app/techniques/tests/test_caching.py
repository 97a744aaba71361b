"""Caching techniques: low-level, fragment and per-site cache."""
from django.conf import settings
from django.test import override_settings

from techniques.tests.base import SeededTestCase, server_timing


class LowLevelCacheTests(SeededTestCase):
    NAIVE = "/techniques/low-level-cache/naive/?limit=10"
    OPTIMIZED = "/techniques/low-level-cache/optimized/?limit=10"

    def test_query_counts(self):
        self.get(self.NAIVE, queries=1)
        self.get(self.NAIVE, queries=1)
        self.get(self.OPTIMIZED, queries=1)
        self.get(self.OPTIMIZED, queries=0)

    def test_same_page_cold_and_warm(self):
        naive = self.get(self.NAIVE)
        cold = self.get(self.OPTIMIZED)
        warm = self.get(self.OPTIMIZED)
        self.assertEqual(naive.content, cold.content)
        self.assertEqual(naive.content, warm.content)
        self.assertEqual(naive.content.count(b'<li class="item">'), 10)

    def test_server_timing_counts_miss_then_hit(self):
        cold = server_timing(self.get(self.OPTIMIZED))
        self.assertEqual((cold["hit"], cold["miss"], cold["count"]), (0, 1, 1))
        self.assertGreater(cold["cache"], 0)  # get + set
        warm = server_timing(self.get(self.OPTIMIZED))
        self.assertEqual((warm["hit"], warm["miss"], warm["count"]), (1, 0, 0))
        naive = server_timing(self.get(self.NAIVE))
        self.assertEqual((naive["hit"], naive["miss"]), (0, 0))

    def test_limit_is_part_of_the_key(self):
        self.get(self.OPTIMIZED)
        other = self.get("/techniques/low-level-cache/optimized/?limit=3", queries=1)
        self.assertEqual(other.content.count(b'<li class="item">'), 3)


class FragmentCacheTests(SeededTestCase):
    NAIVE = "/techniques/fragment-cache/naive/"
    OPTIMIZED = "/techniques/fragment-cache/optimized/"

    def test_query_counts(self):
        self.get(self.NAIVE, queries=5)
        self.get(self.NAIVE, queries=5)
        self.get(self.OPTIMIZED, queries=5)
        self.get(self.OPTIMIZED, queries=1)

    def test_same_page_cold_and_warm(self):
        naive = self.get(self.NAIVE)
        cold = self.get(self.OPTIMIZED)
        warm = self.get(self.OPTIMIZED)
        self.assertEqual(naive.content, cold.content)
        self.assertEqual(naive.content, warm.content)
        for section in (b"tag-cloud", b"recent-comments", b"top-authors", b"archive"):
            self.assertIn(section, naive.content)

    def test_warm_fragment_is_one_cache_hit(self):
        self.get(self.OPTIMIZED)
        warm = server_timing(self.get(self.OPTIMIZED))
        self.assertEqual((warm["hit"], warm["miss"], warm["count"]), (1, 0, 1))


def with_site_cache():
    middleware = list(settings.MIDDLEWARE)
    middleware.insert(middleware.index("djbench_app.middleware.slowdown_middleware") + 1,
                      "django.middleware.cache.UpdateCacheMiddleware")
    middleware.append("django.middleware.cache.FetchFromCacheMiddleware")
    return override_settings(MIDDLEWARE=middleware)


class PerSiteCacheTests(SeededTestCase):
    def test_page_without_site_cache(self):
        self.get("/techniques/per-site-cache/page/", queries=1)
        self.get("/techniques/per-site-cache/page/", queries=1)

    def test_cache_page_alias(self):
        self.get("/techniques/per-site-cache/naive/", queries=1)
        self.get("/techniques/per-site-cache/naive/", queries=1)
        self.get("/techniques/per-site-cache/optimized/", queries=1)
        warm = self.get("/techniques/per-site-cache/optimized/", queries=0)
        self.assertIn("max-age=60", warm["Cache-Control"])

    def test_same_content(self):
        page = self.get("/techniques/per-site-cache/page/")
        naive = self.get("/techniques/per-site-cache/naive/")
        cold = self.get("/techniques/per-site-cache/optimized/")
        warm = self.get("/techniques/per-site-cache/optimized/")
        for other in (naive, cold, warm):
            self.assertEqual(page.content, other.content)

    def test_site_cache_middleware(self):
        with with_site_cache():
            cold = self.get("/techniques/per-site-cache/page/", queries=1)
            warm = self.get("/techniques/per-site-cache/page/", queries=0)
        self.assertEqual(cold.content, warm.content)
        timing = server_timing(warm)
        self.assertEqual(timing["count"], 0)
        self.assertGreaterEqual(timing["hit"], 1)
        self.assertEqual(timing["miss"], 0)
