from techniques.models import Post
from techniques.tests.base import SeededTestCase


class SelectRelatedTests(SeededTestCase):
    def test_query_counts(self):
        self.get("/techniques/select-related/naive/?limit=10", queries=11)
        self.get("/techniques/select-related/optimized/?limit=10", queries=1)

    def test_same_page(self):
        naive = self.get("/techniques/select-related/naive/?limit=10")
        optimized = self.get("/techniques/select-related/optimized/?limit=10")
        self.assertEqual(naive.content, optimized.content)
        self.assertEqual(naive.content.count(b'<li class="item">'), 10)

    def test_default_limit_covers_small_seed(self):
        # limit defaults to 50, more than the 30 seeded posts.
        response = self.get("/techniques/select-related/optimized/", queries=1)
        self.assertEqual(response.content.count(b'<li class="item">'), Post.objects.count())

    def test_bad_limit_is_a_400(self):
        self.get("/techniques/select-related/naive/?limit=abc", status=400)
        self.get("/techniques/select-related/naive/?limit=-1", status=400)
