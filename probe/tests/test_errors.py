"""Server errors reach the server's log, once per place they are raised."""
import io
import sys
import unittest
from unittest import mock

from djbench_probe import errors


def _raise_here():
    raise ValueError("Missing staticfiles manifest entry for 'app.css'")


class ErrorReportTests(unittest.TestCase):
    def setUp(self):
        errors._seen.clear()

    def _report_once(self):
        try:
            _raise_here()
        except ValueError:
            errors.report(sender=None, request=mock.Mock(path="/books/"))

    def test_a_traceback_is_printed_once_per_place(self):
        out = io.StringIO()
        with mock.patch.object(sys, "stderr", out):
            self._report_once()
            self._report_once()
        text = out.getvalue()
        self.assertIn("djbench probe: ValueError on /books/", text)
        self.assertIn("Missing staticfiles manifest entry", text)
        self.assertIn("_raise_here", text)
        self.assertEqual(text.count("djbench probe:"), 1, text)

    def test_nothing_is_printed_outside_an_exception(self):
        out = io.StringIO()
        with mock.patch.object(sys, "stderr", out):
            errors.report(sender=None)
        self.assertEqual(out.getvalue(), "")


if __name__ == "__main__":
    unittest.main()
