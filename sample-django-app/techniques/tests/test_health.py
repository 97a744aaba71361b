from unittest import mock

from django.db import OperationalError
from django.test import TestCase


class HealthzTests(TestCase):
    def test_ok_after_a_query(self):
        with self.assertNumQueries(1):
            response = self.client.get("/healthz")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.content, b"ok")
        self.assertTrue(response["Content-Type"].startswith("text/plain"))

    def test_database_down_is_503(self):
        with mock.patch("techniques.views.health.connection") as connection:
            connection.cursor.side_effect = OperationalError("connection refused")
            response = self.client.get("/healthz")
        self.assertEqual(response.status_code, 503)

    def test_index_lists_techniques(self):
        response = self.client.get("/")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "/techniques/select-related/naive/")
