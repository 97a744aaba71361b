"""Deterministic test data for the techniques.

Everything derives from one random.Random(seed) consumed in a fixed order,
and timestamps are offsets from a fixed instant, so the same options always
produce the same content. With flush (the default) the tables are emptied
with their id sequences reset, so repeated seeding even yields the same ids
on SQLite and PostgreSQL.

Used by the `seed` management command and by the tests' setUpTestData.
"""
import random
import time
from datetime import datetime, timedelta, timezone

from django.core.management.color import no_style
from django.db import connections, transaction
from django.db.models import Max
from django.utils.text import slugify

from techniques.models import (
    Author,
    Comment,
    IndexedReading,
    Post,
    Reading,
    SentEmail,
    Signup,
    Tag,
)

# Fixed origin so created_at values never depend on when seeding ran.
EPOCH = datetime(2024, 1, 1, tzinfo=timezone.utc)

# Rows per INSERT; Django lowers it further where the database needs (old
# SQLite allows only 999 parameters per statement).
BATCH_SIZE = 1000

FIRST_NAMES = (
    "Ada Alan Barbara Claude Dennis Donald Edsger Frances Grace Guido Hedy "
    "Ivan John Ken Leslie Linus Margaret Niklaus Radia Richard Robin Sophie "
    "Tim Tony Whitfield Yukihiro Anita Bjarne Carol Dana"
).split()
LAST_NAMES = (
    "Lovelace Turing Liskov Shannon Ritchie Knuth Dijkstra Allen Hopper Rossum "
    "Lamarr Sutherland McCarthy Thompson Lamport Torvalds Hamilton Wirth Perlman "
    "Stallman Milner Wilson Berners-Lee Hoare Diffie Matsumoto Borg Stroustrup Shaw Scott"
).split()
TAG_WORDS = (
    "python django database cache index query template async celery redis "
    "postgres sqlite nginx gunicorn uvicorn static testing profiling orm "
    "serializer pagination security deploy docker linux"
).split()
WORDS = (
    "the a of to and in is it that for on with as was at by be this from or "
    "have an they which one you were her all she there would their we him "
    "been has when who will more no if out so said what up its about into than "
    "them can only other new some could time these two may then do first any "
    "my now such like our over man me even most made after also did many before "
    "must through back years where much your way well down should because each "
    "just those people how too little state good very make world still own see "
    "men work long get here between both life being under never day same another "
    "know while last might us great old year off come since against go came right "
    "used take three request response server worker latency throughput query "
    "index cache template middleware database connection thread process memory "
    "benchmark percentile histogram queue task upstream client header payload"
).split()


def _words(rng, count):
    return rng.choices(WORDS, k=count)


def _sentence(rng, low, high):
    words = _words(rng, rng.randint(low, high))
    return " ".join(words).capitalize() + "."


def _body(rng, size):
    """About `size` bytes of paragraphs of plain words."""
    words = _words(rng, size // 5 + 8)
    paragraphs = [" ".join(words[i:i + 60]).capitalize() + "." for i in range(0, len(words), 60)]
    text = "\n\n".join(paragraphs)
    if len(text) > size:
        cut = text.rfind(" ", 0, size)
        text = text[: cut if cut > 0 else size].rstrip(" .\n") + "."
    return text


def _summary(body, limit=280):
    flat = " ".join(body.split())
    if len(flat) <= limit:
        return flat
    return flat[: flat.rfind(" ", 0, limit - 3)] + "..."


TECHNIQUE_MODELS = (
    Comment,
    Post.tags.through,
    Post,
    Tag,
    Author,
    Reading,
    IndexedReading,
    Signup,
    SentEmail,
)


def flush(using="default"):
    """Empty every technique table and reset its id sequence.

    Uses the backend's own flush SQL (DELETE on SQLite, TRUNCATE ... RESTART
    IDENTITY on PostgreSQL) because QuerySet.delete() on Post would load every
    row into Python to cascade, which is far too slow for large seeds.
    """
    connection = connections[using]
    tables = [model._meta.db_table for model in TECHNIQUE_MODELS]
    if connection.vendor == "postgresql":
        # PostgreSQL refuses to TRUNCATE a table with deferred foreign-key
        # checks still queued in this transaction (seeding twice in one
        # transaction, as the tests do); run those checks now.
        connection.check_constraints()
    sql = connection.ops.sql_flush(no_style(), tables, reset_sequences=True)
    connection.ops.execute_sql_flush(sql)


def _ids_after(model, start, using):
    # bulk_create does not return ids on every backend/version (SQLite on
    # Django 3.2), so read back the ids of the rows just inserted, in order.
    return list(
        model.objects.using(using).filter(id__gt=start).order_by("id").values_list("id", flat=True)
    )


def _max_id(model, using):
    return model.objects.using(using).aggregate(m=Max("id"))["m"] or 0


def seed(
    *,
    authors=50,
    posts=500,
    comments_per_post=3,
    tags=20,
    body_bytes=4000,
    readings=0,
    seed=42,
    flush_first=True,
    using="default",
):
    """Create the data set; returns a dict of counts (and elapsed seconds)."""
    if authors < 1 and posts > 0:
        raise ValueError("posts need at least one author")
    started = time.perf_counter()
    rng = random.Random(seed)
    with transaction.atomic(using=using):
        if flush_first:
            flush(using)

        # Tags are reused by name when not flushing (the name is unique).
        existing_tags = dict(Tag.objects.using(using).values_list("name", "id"))
        tag_names = []
        for i in range(tags):
            word = TAG_WORDS[i % len(TAG_WORDS)]
            tag_names.append(word if i < len(TAG_WORDS) else f"{word}-{i // len(TAG_WORDS)}")
        Tag.objects.using(using).bulk_create(
            [Tag(name=n, slug=slugify(n)) for n in tag_names if n not in existing_tags],
            batch_size=BATCH_SIZE,
        )
        name_to_tag = dict(Tag.objects.using(using).values_list("name", "id"))
        tag_ids = [name_to_tag[n] for n in tag_names]

        start = _max_id(Author, using)
        author_rows = []
        for i in range(authors):
            first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
            author_rows.append(
                Author(
                    name=f"{first} {last}",
                    email=f"{first}.{last}.{i}@example.com".lower(),
                    bio=" ".join(_sentence(rng, 8, 20) for _ in range(3)),
                )
            )
        Author.objects.using(using).bulk_create(author_rows, batch_size=BATCH_SIZE)
        author_ids = _ids_after(Author, start, using)

        start = _max_id(Post, using)
        post_rows = []
        post_dates = []
        for i in range(posts):
            title = _sentence(rng, 3, 8).rstrip(".")
            body = _body(rng, body_bytes)
            score = rng.randint(0, 1_000_000)
            created = EPOCH - timedelta(seconds=rng.randint(0, 365 * 86400))
            post_dates.append(created)
            post_rows.append(
                Post(
                    author_id=author_ids[rng.randrange(len(author_ids))],
                    title=title,
                    # Seed and position keep slugs unique across --no-flush runs.
                    slug=f"{slugify(title)[:200]}-{seed}-{i}",
                    body=body,
                    summary=_summary(body),
                    is_published=rng.random() < 0.7,
                    score=score,
                    score_indexed=score,
                    created_at=created,
                )
            )
        Post.objects.using(using).bulk_create(post_rows, batch_size=BATCH_SIZE)
        post_ids = _ids_after(Post, start, using)
        del post_rows

        Through = Post.tags.through
        links = []
        comments = []
        for post_id, created in zip(post_ids, post_dates):
            if tag_ids:
                for tag_id in rng.sample(tag_ids, k=rng.randint(1, min(4, len(tag_ids)))):
                    links.append(Through(post_id=post_id, tag_id=tag_id))
            for _ in range(comments_per_post):
                comments.append(
                    Comment(
                        post_id=post_id,
                        author_name=rng.choice(FIRST_NAMES),
                        body=_sentence(rng, 10, 40),
                        created_at=created + timedelta(minutes=rng.randint(1, 20000)),
                    )
                )
        Through.objects.using(using).bulk_create(links, batch_size=BATCH_SIZE)
        Comment.objects.using(using).bulk_create(comments, batch_size=BATCH_SIZE)

        # The same rows go to both tables so the index experiment compares
        # equal data; each table grows by `readings` rows.
        values = [(f"sensor-{rng.randrange(100):02d}", rng.randint(0, 1_000_000)) for _ in range(readings)]
        Reading.objects.using(using).bulk_create(
            (Reading(sensor=s, value=v) for s, v in values), batch_size=BATCH_SIZE
        )
        IndexedReading.objects.using(using).bulk_create(
            (IndexedReading(sensor=s, value=v) for s, v in values), batch_size=BATCH_SIZE
        )

    return {
        "authors": len(author_ids),
        "tags": len(tag_ids),
        "posts": len(post_ids),
        "comments": len(comments),
        "post_tags": len(links),
        "readings": readings,
        "seed": seed,
        "seconds": round(time.perf_counter() - started, 2),
    }
