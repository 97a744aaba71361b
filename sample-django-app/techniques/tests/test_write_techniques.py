"""bulk-create, celery-offload and conn-max-age."""
import json

from django.test import override_settings

from djbench_app.celery import app as celery_app
from techniques.models import SentEmail, Signup
from techniques.tests.base import SeededTestCase


class BulkCreateTests(SeededTestCase):
    def test_query_counts_and_same_json(self):
        naive = self.post("/techniques/bulk-create/naive/?rows=100", queries=100)
        optimized = self.post("/techniques/bulk-create/optimized/?rows=100", queries=1)
        self.assertEqual(json.loads(naive.content), {"created": 100})
        self.assertEqual(naive.content, optimized.content)
        self.post("/techniques/bulk-create/optimized/?rows=600", queries=3)
        self.assertEqual(Signup.objects.count(), 800)

    def test_same_rows(self):
        self.post("/techniques/bulk-create/naive/?rows=5")
        naive_rows = list(Signup.objects.order_by("id").values_list("email", "name"))
        Signup.objects.all().delete()
        self.post("/techniques/bulk-create/optimized/?rows=5")
        self.assertEqual(list(Signup.objects.order_by("id").values_list("email", "name")), naive_rows)

    def test_post_only(self):
        self.get("/techniques/bulk-create/naive/", status=405)


@override_settings(DJBENCH_SMTP_DELAY_MS=1)
class CeleryOffloadTests(SeededTestCase):
    def setUp(self):
        super().setUp()
        # Run tasks in-process: no broker or worker in the test run.
        previous = celery_app.conf.task_always_eager
        celery_app.conf.task_always_eager = True
        self.addCleanup(setattr, celery_app.conf, "task_always_eager", previous)

    def test_naive_sends_in_the_request(self):
        data = json.loads(self.post("/techniques/celery-offload/naive/", queries=1).content)
        self.assertEqual(set(data), {"sent", "token"})
        self.assertTrue(data["sent"])
        self.assertTrue(SentEmail.objects.filter(token=data["token"]).exists())

    def test_optimized_queues_a_task(self):
        data = json.loads(self.post("/techniques/celery-offload/optimized/").content)
        self.assertEqual(set(data), {"queued", "token"})
        self.assertTrue(data["queued"])
        status = json.loads(self.get(f"/techniques/celery-offload/status/{data['token']}/", queries=1).content)
        self.assertEqual(status, {"token": data["token"], "sent": True})

    def test_status_of_unknown_token(self):
        status = json.loads(self.get("/techniques/celery-offload/status/nope/").content)
        self.assertEqual(status, {"token": "nope", "sent": False})

    def test_tokens_are_unique_and_get_is_accepted(self):
        first = json.loads(self.get("/techniques/celery-offload/naive/").content)["token"]
        second = json.loads(self.get("/techniques/celery-offload/naive/").content)["token"]
        self.assertNotEqual(first, second)


class ConnMaxAgeTests(SeededTestCase):
    def test_one_query(self):
        data = json.loads(self.get("/techniques/conn-max-age/page/", queries=1).content)
        self.assertEqual(data["conn_max_age"], 0)
        self.assertTrue(data["first_author"])
