from io import StringIO

from django.core.management import call_command
from django.test import TestCase

from techniques.models import Author, Comment, IndexedReading, Post, Reading, Tag
from techniques.seeding import seed

SIZES = dict(authors=4, posts=12, comments_per_post=2, tags=5, body_bytes=800, readings=25)


def snapshot():
    """Every seeded value, with foreign keys replaced by natural keys."""
    return {
        "authors": list(Author.objects.order_by("id").values_list("name", "email", "bio")),
        "tags": list(Tag.objects.order_by("id").values_list("name", "slug")),
        "posts": [
            (p.author.email, p.title, p.slug, p.body, p.summary, p.is_published, p.score,
             p.score_indexed, p.created_at, sorted(t.name for t in p.tags.all()))
            for p in Post.objects.select_related("author").prefetch_related("tags").order_by("id")
        ],
        "comments": list(
            Comment.objects.order_by("id").values_list("post__slug", "author_name", "body", "created_at")
        ),
        "readings": list(Reading.objects.order_by("id").values_list("sensor", "value")),
        "indexed": list(IndexedReading.objects.order_by("id").values_list("sensor", "value")),
    }


class SeedTests(TestCase):
    def test_same_seed_same_content(self):
        seed(seed=3, **SIZES)
        first = snapshot()
        seed(seed=3, **SIZES)
        self.assertEqual(snapshot(), first)

    def test_different_seed_different_content(self):
        seed(seed=3, **SIZES)
        first = snapshot()
        seed(seed=4, **SIZES)
        self.assertNotEqual(snapshot()["posts"], first["posts"])

    def test_sizes(self):
        counts = seed(seed=1, **SIZES)
        self.assertEqual(Author.objects.count(), 4)
        self.assertEqual(Post.objects.count(), 12)
        self.assertEqual(Comment.objects.count(), 24)
        self.assertEqual(Tag.objects.count(), 5)
        self.assertEqual(Reading.objects.count(), 25)
        self.assertEqual(IndexedReading.objects.count(), 25)
        self.assertEqual(counts["comments"], 24)
        for post in Post.objects.all():
            self.assertEqual(post.score, post.score_indexed)
            self.assertLessEqual(len(post.body), 800)
            self.assertGreater(len(post.body), 600)
            self.assertLessEqual(len(post.summary), 300)
            self.assertTrue(1 <= post.tags.count() <= 4)
        self.assertEqual(
            list(Reading.objects.order_by("id").values_list("sensor", "value")),
            list(IndexedReading.objects.order_by("id").values_list("sensor", "value")),
        )

    def test_no_flush_appends(self):
        seed(seed=1, **SIZES)
        seed(seed=2, flush_first=False, **SIZES)
        self.assertEqual(Post.objects.count(), 24)
        self.assertEqual(Tag.objects.count(), 5)  # reused by name

    def test_command_prints_a_summary(self):
        out = StringIO()
        call_command("seed", "--authors", "2", "--posts", "3", "--tags", "2", "--body-bytes", "100",
                     "--comments-per-post", "1", stdout=out)
        line = out.getvalue().strip()
        self.assertEqual(len(line.splitlines()), 1)
        self.assertIn("3 posts", line)
        self.assertEqual(Post.objects.count(), 3)
