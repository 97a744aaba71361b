"""Data the techniques run against.

No model declares Meta.ordering: every view orders explicitly, so a query's
cost is what the view asks for and nothing more.
"""
from django.db import models


class Author(models.Model):
    name = models.CharField(max_length=100)
    email = models.EmailField()
    bio = models.TextField()

    def __str__(self):
        return self.name


class Tag(models.Model):
    name = models.CharField(max_length=50, unique=True)
    slug = models.SlugField(max_length=50)

    def __str__(self):
        return self.name


class Post(models.Model):
    author = models.ForeignKey(Author, on_delete=models.CASCADE, related_name="posts")
    title = models.CharField(max_length=255)
    slug = models.SlugField(max_length=255, unique=True)
    # Several KB per row when seeded, so fetching it has a visible cost
    # (only-defer, db-filtering).
    body = models.TextField()
    summary = models.CharField(max_length=300)
    # Deliberately not indexed: the db-filtering technique is about where
    # the filtering happens, not about an index.
    is_published = models.BooleanField(default=False)
    # `score` and `score_indexed` always hold the same value; only the
    # second has an index (db-index technique).
    score = models.IntegerField()
    score_indexed = models.IntegerField(db_index=True)
    created_at = models.DateTimeField()
    tags = models.ManyToManyField(Tag, related_name="posts")

    class Meta:
        # Every list page shows the latest posts first: with this index a page of
        # them is read in order, not by sorting the whole table, so a paginated
        # page costs the same whatever the table's size (pagination technique).
        indexes = [models.Index(fields=["-created_at", "-id"], name="post_latest_idx")]

    def __str__(self):
        return self.title


class Comment(models.Model):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="comments")
    author_name = models.CharField(max_length=100)
    body = models.TextField()
    created_at = models.DateTimeField()

    def __str__(self):
        return f"{self.author_name} on {self.post_id}"


class Reading(models.Model):
    """Write-cost baseline for db-index: no secondary index."""

    sensor = models.CharField(max_length=32)
    value = models.IntegerField()


class IndexedReading(models.Model):
    """Same columns as Reading, each with an index the inserts must maintain."""

    sensor = models.CharField(max_length=32, db_index=True)
    value = models.IntegerField(db_index=True)


class Signup(models.Model):
    """Rows written by the bulk-create technique."""

    email = models.EmailField()
    name = models.CharField(max_length=100)


class SentEmail(models.Model):
    """Proof that the (fake) e-mail of the celery-offload technique went out."""

    token = models.CharField(max_length=64, unique=True)
    recipient = models.EmailField()
    subject = models.CharField(max_length=200)
    body = models.TextField()
    sent_at = models.DateTimeField(auto_now_add=True)
