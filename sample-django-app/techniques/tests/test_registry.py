"""Every registered endpoint answers, is timed, and is documented."""
from pathlib import Path

from django.test import override_settings

from djbench_app import env
from techniques.registry import TECHNIQUES, UTILITY_ENDPOINTS
from techniques.tests.base import SeededTestCase, server_timing

README = (Path(__file__).resolve().parents[2] / "README.md").read_text()
ENDPOINTS = [e for t in TECHNIQUES for e in t.endpoints] + list(UTILITY_ENDPOINTS)


class RegistryTests(SeededTestCase):
    @override_settings(DJBENCH_SMTP_DELAY_MS=0)
    def test_every_endpoint_answers_with_server_timing(self):
        for endpoint in ENDPOINTS:
            path = endpoint.path.replace("<token>", "unknown")
            if endpoint.view.__module__.endswith("celery_offload") and endpoint.variant == "optimized":
                continue  # needs a broker or eager mode; see test_write_techniques
            call = self.client.post if endpoint.method == "POST" else self.client.get
            response = call(path)
            # async-io answers 503 while DJBENCH_UPSTREAM_URL is unset.
            expected = 503 if endpoint.path.startswith("/techniques/async-io/") else 200
            self.assertEqual(response.status_code, expected, path)
            server_timing(response)

    def test_every_endpoint_is_in_the_readme(self):
        for endpoint in ENDPOINTS:
            self.assertIn(endpoint.path, README, endpoint.path)

    def test_every_variable_is_in_the_readme(self):
        for name in env.DEFAULTS:
            self.assertIn(f"`{name}`", README, name)
