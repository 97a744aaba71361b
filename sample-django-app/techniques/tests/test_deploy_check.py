"""`manage.py check --deploy` leaves only the documented HTTPS warnings."""
import os
import re
import subprocess
import sys
from pathlib import Path

from django.test import SimpleTestCase

APP_DIR = Path(__file__).resolve().parents[2]

# HTTPS-only settings, off on plain-HTTP loopback; on with DJBENCH_HTTPS=1.
# Keep in sync with the README.
EXPECTED_HTTP_WARNINGS = {"security.W004", "security.W008", "security.W012", "security.W016"}


def run_check(**overrides):
    environ = {k: v for k, v in os.environ.items() if not k.startswith("DJBENCH_")}
    environ.update({"DJBENCH_DEBUG": "0", **overrides})
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy"],
        cwd=APP_DIR, env=environ, capture_output=True, text=True, timeout=120,
    )
    return result, set(re.findall(r"\((\w+\.[A-Z]\d+)\)", result.stdout + result.stderr))


class DeployCheckTests(SimpleTestCase):
    def test_only_https_warnings_over_http(self):
        result, ids = run_check()
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(ids, EXPECTED_HTTP_WARNINGS, result.stdout + result.stderr)

    def test_clean_with_https(self):
        result, ids = run_check(DJBENCH_HTTPS="1")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(ids, set(), result.stdout + result.stderr)

    def test_bad_setting_stops_startup_with_a_clear_message(self):
        result, _ = run_check(DJBENCH_DATABASE="oracle")
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("DJBENCH_DATABASE='oracle' is not valid: expected one of sqlite, postgres", result.stderr)
