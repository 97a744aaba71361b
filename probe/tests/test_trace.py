"""Query traces: each query of a traced request with its shape, its parameters'
digest, the project line or template line that caused it, and the relation
that loaded it lazily."""
import json
import os
import shutil
import tempfile
import unittest

from tests.django_setup import HERE, create_tables  # noqa: E402,F401 - configures Django

from django.db import connection  # noqa: E402
from django.test import RequestFactory  # noqa: E402

from djbench_probe import trace  # noqa: E402
from djbench_probe.middleware import ProbeMiddleware  # noqa: E402
from tests.traceapp import views  # noqa: E402
from tests.traceapp.models import Author, Book, Genre, Review  # noqa: E402

VIEWS = os.path.join("traceapp", "views.py")


def _line_of(text, path=os.path.join(HERE, VIEWS)):
    with open(path, encoding="utf-8") as source:
        for number, line in enumerate(source, start=1):
            if text in line:
                return number
    raise AssertionError(f"{text!r} is not in {path}")


class TraceTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        create_tables()
        Review.objects.all().delete()
        Book.objects.all().delete()
        Author.objects.all().delete()
        Genre.objects.all().delete()
        fiction, poetry = Genre.objects.create(name="fiction"), Genre.objects.create(name="poetry")
        for i in range(4):
            author = Author.objects.create(name=f"author {i}")
            book = Book.objects.create(title=f"book {i}", author=author)
            book.genres.set([fiction] if i % 2 else [fiction, poetry])
            for stars in range(3):
                Review.objects.create(book=book, stars=stars)

    def setUp(self):
        self.folder = tempfile.mkdtemp(prefix="djbench-trace-")
        self.environment = {
            "DJBENCH_PROBE_TRACE_DIR": self.folder,
            "DJBENCH_PROJECT_DIR": HERE,
        }
        self.saved = {k: os.environ.get(k) for k in self.environment}
        os.environ.update(self.environment)
        trace._PROJECT_DIR = None
        trace._in_project_cache.clear()

    def tearDown(self):
        for key, value in self.saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        trace._PROJECT_DIR = None
        trace._in_project_cache.clear()
        shutil.rmtree(self.folder, ignore_errors=True)

    def _traced(self, view, trace_id="t1", header=True):
        request = RequestFactory().get(
            "/page/?x=1", **({"HTTP_X_DJBENCH_TRACE": trace_id} if header else {})
        )
        response = ProbeMiddleware(view)(request)
        self.assertEqual(response.status_code, 200)
        path = os.path.join(self.folder, trace_id + ".json")
        if not os.path.exists(path):
            return None
        with open(path, encoding="utf-8") as handle:
            return json.load(handle)

    def _repeated(self, document):
        """Shape -> queries of that shape, for shapes run more than once."""
        by_shape = {}
        for query in document["queries"]:
            by_shape.setdefault(query["shape"], []).append(query)
        return {shape: qs for shape, qs in by_shape.items() if len(qs) > 1}

    def test_a_request_without_the_header_is_not_traced(self):
        self.assertIsNone(self._traced(views.authors_in_view, "untraced", header=False))
        self.assertEqual(os.listdir(self.folder), [])

    def test_a_foreign_key_read_in_a_template_names_the_template_line_and_the_relation(self):
        document = self._traced(views.authors_in_template)
        self.assertEqual(document["path"], "/page/?x=1")
        self.assertEqual(len(document["queries"]), 5)
        (group,) = self._repeated(document).values()
        self.assertEqual(len(group), 4)
        self.assertEqual(len({q["params"] for q in group}), 4, "one author id each")
        first = group[0]
        self.assertEqual(
            first["template"],
            {"name": os.path.join("traceapp", "templates", "traceapp", "books.html"), "line": 3,
             "tag": "book.author.name", "outer": False},
        )
        self.assertEqual(first["frame"]["file"], VIEWS)
        self.assertEqual(first["frame"]["function"], "authors_in_template")
        self.assertEqual(first["relation"]["model"], "traceapp.Book")
        self.assertEqual(first["relation"]["name"], "author")
        self.assertEqual(first["relation"]["kind"], "forward")
        self.assertIn("traceapp_author", first["sql"])
        self.assertGreater(document["totalMicros"], 0)

    def test_a_foreign_key_read_in_the_view_names_the_view_line(self):
        document = self._traced(views.authors_in_view)
        (group,) = self._repeated(document).values()
        frame = group[0]["frame"]
        self.assertEqual(frame["file"], VIEWS)
        self.assertEqual(frame["line"], _line_of("names = [book.author.name"))
        self.assertIsNone(group[0]["template"])
        self.assertEqual(group[0]["relation"]["name"], "author")

    def test_many_to_many_and_reverse_relations_are_named_with_the_call_that_ran_them(self):
        document = self._traced(views.genres_and_reviews)
        groups = list(self._repeated(document).values())
        self.assertEqual(len(groups), 2)
        relations = {
            g[0]["relation"]["name"]: (g[0]["relation"], g[0]["frame"]["line"], len(g)) for g in groups
        }
        genres, genres_line, genres_count = relations["genres"]
        self.assertEqual((genres["kind"], genres["model"], genres["sliced"]), ("many", "traceapp.Book", False))
        self.assertEqual(genres_line, _line_of("genres = [g.name"))
        self.assertEqual(genres_count, 4)
        reviews, reviews_line, _ = relations["reviews"]
        self.assertEqual((reviews["kind"], reviews["method"], reviews["lookup"]), ("many", "count", "reviews"))
        self.assertNotIn("alternatives", reviews)
        self.assertEqual(reviews_line, _line_of("reviews = book.reviews.count()"))

    def test_a_query_in_a_model_method_a_template_calls_names_both(self):
        document = self._traced(views.labels_in_template)
        (group,) = self._repeated(document).values()
        first = group[0]
        self.assertEqual(first["frame"]["file"], os.path.join("traceapp", "models.py"))
        self.assertEqual(first["frame"]["function"], "__str__")
        self.assertEqual(first["template"]["line"], 2)
        self.assertTrue(first["template"]["outer"])
        self.assertEqual(first["relation"]["name"], "author")

    def test_a_sliced_related_query_is_marked_sliced(self):
        document = self._traced(views.top_review_each)
        (group,) = self._repeated(document).values()
        self.assertEqual(group[0]["relation"]["name"], "reviews")
        self.assertTrue(group[0]["relation"]["sliced"])

    def test_rows_and_orm_time_are_counted(self):
        document = self._traced(views.authors_in_view)
        # 4 books, then 4 authors one by one: 8 objects.
        self.assertEqual(document["rows"], 8)
        for query in document["queries"]:
            # The ORM call around a query takes longer than the query alone.
            self.assertGreaterEqual(query["ormMicros"], query["micros"])
        group = [q for q in document["queries"] if "traceapp_author" in q["sql"]]
        self.assertGreater(sum(q["ormMicros"] for q in group), sum(q["micros"] for q in group))

    def test_prefetched_and_joined_relations_run_no_repeated_query(self):
        document = self._traced(views.prefetched)
        self.assertEqual(self._repeated(document), {})
        self.assertEqual(len(document["queries"]), 3)

    def test_the_server_timing_header_counts_the_groups(self):
        request = RequestFactory().get("/")
        response = ProbeMiddleware(views.genres_and_reviews)(request)
        header = response["Server-Timing"]
        # 1 list query, then 4 genre queries and 4 review counts: two groups of 4.
        self.assertIn("count=9;repeat=6", header)
        self.assertRegex(header, r"dbgroups;dur=\d+\.\d{3};count=8;db=\d+\.\d{3}, ")


if __name__ == "__main__":
    unittest.main()
