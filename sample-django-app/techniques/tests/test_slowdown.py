from django.test import TestCase, override_settings

from djbench_app.middleware import burn_cpu
from techniques.tests.base import server_timing


class SlowdownTests(TestCase):
    def test_off_by_default(self):
        response = self.client.get("/healthz")
        self.assertNotIn("X-Djbench-Slowdown", response)

    @override_settings(DJBENCH_SLOWDOWN_PCT=25.0)
    def test_header_when_on(self):
        response = self.client.get("/healthz")
        self.assertEqual(response["X-Djbench-Slowdown"], "25")
        server_timing(response)  # still present and well-formed

    @override_settings(DJBENCH_SLOWDOWN_PCT=12.5)
    def test_fractional_percentage(self):
        self.assertEqual(self.client.get("/healthz")["X-Djbench-Slowdown"], "12.5")

    def test_burn_cpu_takes_the_requested_time(self):
        import time

        started = time.perf_counter_ns()
        burn_cpu(20_000_000)
        elapsed = time.perf_counter_ns() - started
        self.assertGreaterEqual(elapsed, 20_000_000)
        self.assertLess(elapsed, 200_000_000)
