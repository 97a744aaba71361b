"""Query-count techniques: prefetch-related, db-filtering, only-defer."""
from django.db import connection
from django.test.utils import CaptureQueriesContext

from techniques.models import Post
from techniques.tests.base import SeededTestCase, normalise


class PrefetchRelatedTests(SeededTestCase):
    def test_query_counts(self):
        self.get("/techniques/prefetch-related/naive/?limit=10", queries=21)
        self.get("/techniques/prefetch-related/optimized/?limit=10", queries=3)

    def test_same_page(self):
        naive = self.get("/techniques/prefetch-related/naive/?limit=10")
        optimized = self.get("/techniques/prefetch-related/optimized/?limit=10")
        self.assertEqual(naive.content, optimized.content)
        self.assertEqual(naive.content.count(b'<article class="item">'), 10)
        self.assertIn(b"2 comments", naive.content)


class DbFilteringTests(SeededTestCase):
    def test_query_counts(self):
        self.get("/techniques/db-filtering/naive/", queries=1)
        self.get("/techniques/db-filtering/optimized/", queries=1)

    def test_same_page_only_published(self):
        for limit in (5, 50):
            naive = self.get(f"/techniques/db-filtering/naive/?limit={limit}")
            optimized = self.get(f"/techniques/db-filtering/optimized/?limit={limit}")
            self.assertEqual(naive.content, optimized.content)
        published = Post.objects.filter(is_published=True)
        self.assertTrue(0 < published.count() < Post.objects.count())
        self.assertEqual(optimized.content.count(b'<li class="item">'), published.count())
        for post in Post.objects.filter(is_published=False):
            self.assertNotIn(f'href="#{post.slug}"', optimized.content.decode())

    def test_naive_reads_the_whole_table(self):
        with CaptureQueriesContext(connection) as queries:
            self.get("/techniques/db-filtering/naive/?limit=1")
        self.assertNotIn("LIMIT", queries[0]["sql"])
        self.assertNotIn("WHERE", queries[0]["sql"])


class OnlyDeferTests(SeededTestCase):
    def test_query_counts_and_columns(self):
        for variant in ("naive", "optimized", "values"):
            with CaptureQueriesContext(connection) as queries:
                self.get(f"/techniques/only-defer/{variant}/?limit=10")
            self.assertEqual(len(queries), 1, variant)
            has_body = '"body"' in queries[0]["sql"]
            self.assertEqual(has_body, variant == "naive", variant)

    def test_same_page(self):
        pages = [self.get(f"/techniques/only-defer/{v}/?limit=10").content for v in ("naive", "optimized", "values")]
        self.assertEqual(pages[0], pages[1])
        self.assertEqual(pages[0], pages[2])
        self.assertEqual(normalise(pages[0]).count('<li class="item">'), 10)
