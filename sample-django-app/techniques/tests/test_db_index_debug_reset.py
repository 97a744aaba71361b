"""db-index reads and writes, debug-off, and the reset endpoint."""
import json

from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from techniques.models import IndexedReading, Post, Reading, SentEmail, Signup
from techniques.seeding import seed
from techniques.tests.base import SMALL_SEED, SeededTestCase


class DbIndexReadTests(SeededTestCase):
    def test_query_counts_and_columns(self):
        for variant, column in (("naive", '"score"'), ("optimized", '"score_indexed"')):
            with CaptureQueriesContext(connection) as queries:
                self.get(f"/techniques/db-index/{variant}/?limit=5")
            self.assertEqual(len(queries), 1)
            self.assertIn(column, queries[0]["sql"])

    def test_same_page(self):
        for query in ("", "?limit=5", "?min=500000&limit=50", "?min=2000000"):
            naive = self.get(f"/techniques/db-index/naive/{query}")
            optimized = self.get(f"/techniques/db-index/optimized/{query}")
            self.assertEqual(naive.content, optimized.content, query)

    def test_filter_and_order(self):
        response = self.get("/techniques/db-index/optimized/?min=500000&limit=1000")
        expected = Post.objects.filter(score__gte=500000).count()
        self.assertEqual(response.content.count(b'<li class="item">'), expected)
        top = Post.objects.order_by("-score").first()
        first_item = response.content.split(b'<li class="item">')[1]
        self.assertIn(str(top.score).encode(), first_item)


class DbIndexWriteTests(SeededTestCase):
    def test_writes_and_query_counts(self):
        naive = self.post("/techniques/db-index/write/naive/?rows=1000", queries=4)
        optimized = self.post("/techniques/db-index/write/optimized/?rows=1000", queries=4)
        self.assertEqual(json.loads(naive.content), {"created": 1000})
        self.assertEqual(json.loads(optimized.content), {"created": 1000})
        self.assertEqual(Reading.objects.count(), 1000)
        self.assertEqual(IndexedReading.objects.count(), 1000)
        self.post("/techniques/db-index/write/naive/?rows=10", queries=1)

    def test_get_not_allowed(self):
        self.get("/techniques/db-index/write/naive/", status=405)


class ResetTests(SeededTestCase):
    def test_reset_removes_written_rows_only(self):
        seed(**{**SMALL_SEED, "readings": 30})
        self.post("/techniques/db-index/write/naive/?rows=20")
        self.post("/techniques/db-index/write/optimized/?rows=20")
        Signup.objects.create(email="a@example.com", name="a")
        SentEmail.objects.create(token="t", recipient="a@example.com", subject="s", body="b")
        response = self.post("/techniques/reset/", queries=4)
        self.assertEqual(
            json.loads(response.content),
            {"deleted": {"readings": 20, "indexed_readings": 20, "signups": 1, "sent_emails": 1},
             "cache_cleared": True},
        )
        self.assertEqual(Reading.objects.count(), 30)
        self.assertEqual(IndexedReading.objects.count(), 30)
        self.assertFalse(Signup.objects.exists() or SentEmail.objects.exists())

    def test_reset_clears_the_cache(self):
        self.get("/techniques/low-level-cache/optimized/")
        self.get("/techniques/low-level-cache/optimized/", queries=0)
        self.post("/techniques/reset/")
        self.get("/techniques/low-level-cache/optimized/", queries=1)


class DebugOffTests(SeededTestCase):
    def test_page_query_count(self):
        response = self.get("/techniques/debug-off/page/", queries=21)
        self.assertEqual(response.content.count(b'<li class="item">'), 20)
        self.get("/techniques/debug-off/page/?n=5", queries=6)

    def test_query_log_with_debug_off(self):
        data = json.loads(self.get("/techniques/debug-off/query-log/").content)
        self.assertEqual(data, {"debug": False, "queries_run": 21, "queries_logged": 0,
                                "queries_log_maxlen": connection.queries_log.maxlen})

    @override_settings(DEBUG=True)
    def test_query_log_with_debug_on(self):
        data = json.loads(self.get("/techniques/debug-off/query-log/?n=7").content)
        self.assertTrue(data["debug"])
        self.assertEqual(data["queries_run"], 8)
        self.assertEqual(data["queries_logged"], 8)
