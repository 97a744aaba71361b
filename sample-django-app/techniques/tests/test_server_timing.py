"""The Server-Timing header: the contract with the harness."""
from django.db import connection
from django.test import AsyncClient
from django.test.utils import CaptureQueriesContext

from djbench_probe.instrumentation import RequestTimings
from djbench_probe.middleware import format_server_timing
from techniques.tests.base import SeededTestCase, server_timing


class ServerTimingTests(SeededTestCase):
    def test_format(self):
        state = RequestTimings(start_ns=0, db_ns=3_210_000, db_count=101, db_repeated=100,
                               db_vendors=("sqlite",), cache_ns=120_000, cache_hits=3,
                               cache_misses=1, template_ns=5_000_000)
        self.assertEqual(
            format_server_timing(state, 12_345_678),
            'total;dur=12.346, db;dur=3.210;count=101;repeat=100;desc="sqlite", '
            "dbgroups;dur=0.000;count=0;db=0.000, cache;dur=0.120;hit=3;miss=1, template;dur=5.000",
        )

    def test_no_query_no_vendor(self):
        state = RequestTimings(start_ns=0)
        self.assertEqual(
            format_server_timing(state, 1_000),
            "total;dur=0.001, db;dur=0.000;count=0;repeat=0, dbgroups;dur=0.000;count=0;db=0.000, "
            "cache;dur=0.000;hit=0;miss=0, template;dur=0.000",
        )

    def test_an_n_plus_one_is_counted_as_repeated_shapes_and_its_fix_is_not(self):
        naive = server_timing(self.client.get("/techniques/select-related/naive/?limit=7"))
        optimized = server_timing(self.client.get("/techniques/select-related/optimized/?limit=7"))
        # One query for the posts, then one per post for its author: six repeat the seventh's shape.
        self.assertEqual((naive["count"], naive["repeat"]), (8, 6))
        self.assertEqual((optimized["count"], optimized["repeat"]), (1, 0))
        # The seven author queries are one repeated group; their time is part of the db time.
        self.assertEqual((naive["groups"], optimized["groups"]), (7, 0))
        self.assertLessEqual(naive["groups_db"], naive["db"])
        self.assertGreater(naive["groups_db"], 0)
        # Their cost in the ORM (compiling, rows to objects) holds their database time.
        self.assertGreaterEqual(naive["groups_orm"], naive["groups_db"])
        self.assertLessEqual(naive["groups_orm"], naive["total"])
        self.assertEqual(naive["vendor"], "sqlite")

    def test_present_and_well_formed_everywhere(self):
        for path in ("/", "/healthz", "/techniques/select-related/naive/?limit=3", "/no-such-page/"):
            response = self.client.get(path)
            timing = server_timing(response)
            self.assertGreater(timing["total"], 0, path)

    def test_count_matches_the_queries_run(self):
        for path in ("/techniques/select-related/naive/?limit=7",
                     "/techniques/select-related/optimized/?limit=7"):
            with CaptureQueriesContext(connection) as queries:
                response = self.client.get(path)
            timing = server_timing(response)
            self.assertEqual(timing["count"], len(queries), path)
            self.assertGreater(timing["db"], 0)
            self.assertLessEqual(timing["db"], timing["total"])

    def test_template_time_is_measured(self):
        timing = server_timing(self.client.get("/techniques/select-related/optimized/?limit=5"))
        self.assertGreater(timing["template"], 0)
        self.assertLessEqual(timing["template"], timing["total"])

    def test_cache_entry_is_zero_when_unused(self):
        timing = server_timing(self.client.get("/healthz"))
        self.assertEqual((timing["cache"], timing["hit"], timing["miss"], timing["template"]), (0, 0, 0, 0))
        self.assertEqual(timing["count"], 1)

    def test_no_counting_outside_requests(self):
        # The hooks stay installed but must not leak into the next request.
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        timing = server_timing(self.client.get("/"))
        self.assertEqual(timing["count"], 0)


class AsyncServerTimingTests(SeededTestCase):
    async def test_async_stack(self):
        # AsyncClient goes through ASGIHandler, i.e. the middleware's async
        # path; the sync view then runs in a thread with the copied context,
        # so its queries are still counted.
        response = await AsyncClient().get("/techniques/select-related/naive/?limit=4")
        self.assertEqual(response.status_code, 200)
        timing = server_timing(response)
        self.assertEqual(timing["count"], 5)
        self.assertGreater(timing["template"], 0)
