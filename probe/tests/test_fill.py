"""djbench_fill: made-up rows for every model of the project, at the size asked."""
import io
import os
import unittest

from tests.django_setup import HERE, create_tables

from django.core.management import call_command  # noqa: E402

from djbench_probe import trace  # noqa: E402
from djbench_probe.management.commands import djbench_fill  # noqa: E402
from tests.traceapp.models import Author, Book, Genre, Review  # noqa: E402


class FillTests(unittest.TestCase):
    def setUp(self):
        create_tables()
        for model in (Review, Book, Author, Genre):
            model.objects.all().delete()
        self.saved = os.environ.get("DJBENCH_PROJECT_DIR")
        os.environ["DJBENCH_PROJECT_DIR"] = HERE
        trace._PROJECT_DIR = None
        trace._in_project_cache.clear()

    def tearDown(self):
        if self.saved is None:
            os.environ.pop("DJBENCH_PROJECT_DIR", None)
        else:
            os.environ["DJBENCH_PROJECT_DIR"] = self.saved
        trace._PROJECT_DIR = None
        trace._in_project_cache.clear()

    def _fill(self, rows):
        out = io.StringIO()
        call_command("djbench_fill", rows=rows, stdout=out)
        return out.getvalue()

    def test_every_model_of_the_project_gets_the_rows_asked_for(self):
        report = self._fill(5)
        for model in (Author, Genre, Book, Review):
            self.assertEqual(model.objects.count(), 5, report)
        self.assertIn("traceapp.Book: 5 rows", report)
        self.assertNotIn("not saved", report)
        # Foreign keys point at rows that exist; many-to-many fields get one to three.
        self.assertEqual(Book.objects.filter(author__isnull=True).count(), 0)
        for book in Book.objects.all():
            self.assertIn(book.genres.count(), (1, 2, 3))

    def test_a_second_fill_adds_rows_without_breaking_uniqueness(self):
        self._fill(3)
        self._fill(4)
        self.assertEqual(Author.objects.count(), 7)
        self.assertEqual(len(set(Author.objects.values_list("name", flat=True))), 7)

    def test_models_are_filled_after_the_models_they_point_at(self):
        order = djbench_fill.fill_order(djbench_fill.project_models())
        self.assertLess(order.index(Author), order.index(Book))
        self.assertLess(order.index(Book), order.index(Review))
        # Django's own apps are not the project's.
        self.assertTrue(all(m._meta.app_label == "traceapp" for m in order), order)


if __name__ == "__main__":
    unittest.main()
