"""async-io (against a local delay server), cpu/io-bound and static files."""
import json
import re
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from django.test import AsyncClient, SimpleTestCase, TestCase, override_settings

from techniques.tests.base import server_timing


class DelayHandler(BaseHTTPRequestHandler):
    """The harness's upstream in miniature: GET /delay/<ms>."""

    def do_GET(self):
        match = re.fullmatch(r"/delay/(\d+)", self.path)
        if not match:
            self.send_error(404)
            return
        time.sleep(int(match.group(1)) / 1000)
        body = b'{"delayed": true}'
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


class DelayServer(ThreadingHTTPServer):
    daemon_threads = True
    # The default backlog of 5 drops connections under bursts.
    request_queue_size = 64


class AsyncIoTests(SimpleTestCase):
    MS = 150

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.server = DelayServer(("127.0.0.1", 0), DelayHandler)
        threading.Thread(target=cls.server.serve_forever, daemon=True).start()
        cls.upstream = f"http://127.0.0.1:{cls.server.server_address[1]}"

    @classmethod
    def tearDownClass(cls):
        cls.server.shutdown()
        cls.server.server_close()
        super().tearDownClass()

    def timed_get(self, path):
        started = time.perf_counter()
        response = self.client.get(path)
        return response, time.perf_counter() - started

    def test_same_json_sequential_vs_concurrent(self):
        with override_settings(DJBENCH_UPSTREAM_URL=self.upstream):
            naive, naive_s = self.timed_get(f"/techniques/async-io/naive/?ms={self.MS}")
            optimized, optimized_s = self.timed_get(f"/techniques/async-io/optimized/?ms={self.MS}")
        self.assertEqual((naive.status_code, optimized.status_code), (200, 200))
        expected = {"upstream_calls": 3, "ms": self.MS, "statuses": [200, 200, 200]}
        self.assertEqual(json.loads(naive.content), expected)
        self.assertEqual(json.loads(optimized.content), expected)
        self.assertGreaterEqual(naive_s, 3 * self.MS / 1000)
        self.assertLess(optimized_s, 2 * self.MS / 1000)
        self.assertEqual(server_timing(optimized)["count"], 0)

    async def test_async_view_under_asgi(self):
        with override_settings(DJBENCH_UPSTREAM_URL=self.upstream):
            response = await AsyncClient().get("/techniques/async-io/optimized/?ms=10")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(json.loads(response.content)["statuses"], [200, 200, 200])
        server_timing(response)

    def test_non_2xx_upstream_status_is_reported_alike(self):
        # /delay/<ms>/ (trailing slash) is a 404 on the delay server.
        with override_settings(DJBENCH_UPSTREAM_URL=self.upstream + "/x"):
            naive = self.client.get("/techniques/async-io/naive/?ms=1")
            optimized = self.client.get("/techniques/async-io/optimized/?ms=1")
        self.assertEqual(json.loads(naive.content)["statuses"], [404, 404, 404])
        self.assertEqual(naive.content, optimized.content)

    def test_unset_upstream_is_503(self):
        with override_settings(DJBENCH_UPSTREAM_URL=""):
            for variant in ("naive", "optimized"):
                response = self.client.get(f"/techniques/async-io/{variant}/")
                self.assertEqual(response.status_code, 503)
                self.assertIn("DJBENCH_UPSTREAM_URL", json.loads(response.content)["error"])

    def test_unreachable_upstream_is_502(self):
        with DelayServer(("127.0.0.1", 0), DelayHandler) as closed:
            port = closed.server_address[1]
        with override_settings(DJBENCH_UPSTREAM_URL=f"http://127.0.0.1:{port}"):
            for variant in ("naive", "optimized"):
                response = self.client.get(f"/techniques/async-io/{variant}/?ms=1")
                self.assertEqual(response.status_code, 502, variant)


class WorkloadTests(TestCase):
    def test_cpu_bound_is_deterministic(self):
        with self.assertNumQueries(0):
            first = self.client.get("/techniques/cpu-bound/?n=1000")
        second = self.client.get("/techniques/cpu-bound/?n=1000")
        self.assertEqual(first.status_code, 200)
        self.assertEqual(first.content, second.content)
        self.assertEqual(json.loads(first.content)["n"], 1000)

    def test_io_bound_sleeps(self):
        started = time.perf_counter()
        response = self.client.get("/techniques/io-bound/?ms=30")
        self.assertGreaterEqual(time.perf_counter() - started, 0.03)
        self.assertEqual(json.loads(response.content), {"slept_ms": 30})


class StaticFilesTests(TestCase):
    def test_page_references_assets(self):
        with self.assertNumQueries(0):
            response = self.client.get("/techniques/static-files/page/")
        self.assertContains(response, 'href="/static/techniques/app.css"')
        self.assertContains(response, 'src="/static/techniques/app.js"')

    def test_django_mode_serves_assets_with_debug_off(self):
        for name, content_type in (("app.css", "text/css"), ("app.js", "javascript")):
            response = self.client.get(f"/static/techniques/{name}")
            self.assertEqual(response.status_code, 200)
            self.assertIn(content_type, response["Content-Type"])
            body = b"".join(response.streaming_content)
            self.assertGreater(len(body), 45_000)
            server_timing(response)
        self.assertEqual(self.client.get("/static/techniques/missing.css").status_code, 404)
