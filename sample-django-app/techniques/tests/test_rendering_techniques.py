"""template-logic, pagination, lean-serializer and edge-cache."""
import json
import re

from techniques.models import Post
from techniques.tests.base import SeededTestCase, normalise


def items(response):
    return re.findall(r'<li class="item">.*?</li>', response.content.decode())


class TemplateLogicTests(SeededTestCase):
    def test_query_counts(self):
        self.get("/techniques/template-logic/naive/", queries=3)
        self.get("/techniques/template-logic/optimized/", queries=3)

    def test_same_page(self):
        for query in ("", "?limit=5"):
            naive = self.get(f"/techniques/template-logic/naive/{query}")
            optimized = self.get(f"/techniques/template-logic/optimized/{query}")
            self.assertEqual(normalise(naive.content), normalise(optimized.content))
        self.assertEqual(normalise(naive.content).count('<article class="item">'), 5)
        self.assertIn(" min read", naive.content.decode())
        self.assertRegex(naive.content.decode(), r'<p class="matrix">[x.]{6}</p>')


class PaginationTests(SeededTestCase):
    def test_query_counts(self):
        self.get("/techniques/pagination/naive/", queries=1)
        self.get("/techniques/pagination/optimized/", queries=2)

    def test_optimized_items_are_a_prefix_of_naive(self):
        naive = self.get("/techniques/pagination/naive/")
        optimized = self.get("/techniques/pagination/optimized/")
        self.assertEqual(naive["X-Djbench-Items"], str(Post.objects.count()))
        self.assertEqual(optimized["X-Djbench-Items"], "10")
        self.assertEqual(len(items(naive)), 30)
        self.assertEqual(items(optimized), items(naive)[:10])
        page3 = self.get("/techniques/pagination/optimized/?page=3")
        self.assertEqual(items(page3), items(naive)[20:30])
        # Out-of-range and malformed pages fall back like Paginator.get_page.
        self.assertEqual(items(self.get("/techniques/pagination/optimized/?page=x")), items(naive)[:10])
        self.assertEqual(items(self.get("/techniques/pagination/optimized/?page=99")), items(naive)[20:30])


class LeanSerializerTests(SeededTestCase):
    def test_query_counts(self):
        self.get("/techniques/lean-serializer/naive/?limit=10", queries=3)
        self.get("/techniques/lean-serializer/optimized/?limit=10", queries=1)

    def test_lean_is_a_projection_of_full(self):
        full = json.loads(self.get("/techniques/lean-serializer/naive/?limit=10").content)
        lean = json.loads(self.get("/techniques/lean-serializer/optimized/?limit=10").content)
        self.assertEqual(len(full), 10)
        self.assertEqual([item["id"] for item in lean], [item["id"] for item in full])
        for lean_item, full_item in zip(lean, full):
            self.assertEqual(set(lean_item), {"id", "title", "slug", "author_name"})
            for key in ("id", "title", "slug"):
                self.assertEqual(lean_item[key], full_item[key])
            self.assertEqual(lean_item["author_name"], full_item["author"]["name"])
            self.assertEqual(len(full_item["comments"]), 2)
            self.assertTrue(full_item["tags"])
            self.assertIn("body", full_item)

    def test_json_only(self):
        response = self.get("/techniques/lean-serializer/optimized/", HTTP_ACCEPT="text/html")
        self.assertEqual(response["Content-Type"], "application/json")


class EdgeCacheTests(SeededTestCase):
    def test_cacheable_page(self):
        response = self.get("/techniques/edge-cache/page/", queries=2)
        directives = {d.strip() for d in response["Cache-Control"].split(",")}
        self.assertEqual(directives, {"public", "max-age=60"})
        self.assertNotIn("Set-Cookie", response)
        self.assertNotIn("Vary", response)
        self.assertEqual(normalise(response.content).count('<article class="item">'), 20)
