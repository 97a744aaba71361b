"""manage.py seed: fill the technique tables with deterministic data."""
import argparse

from django.core.management.base import BaseCommand, CommandError

from techniques.seeding import seed


class Command(BaseCommand):
    help = (
        "Create deterministic data for the techniques (same options, same "
        "content). Clears the technique tables first unless --no-flush."
    )

    def add_arguments(self, parser):
        parser.add_argument("--authors", type=int, default=50)
        parser.add_argument("--posts", type=int, default=500)
        parser.add_argument("--comments-per-post", type=int, default=3)
        parser.add_argument("--tags", type=int, default=20)
        parser.add_argument("--body-bytes", type=int, default=4000, help="approximate size of each post body")
        parser.add_argument("--readings", type=int, default=0, help="rows added to Reading and to IndexedReading")
        parser.add_argument("--seed", type=int, default=42)
        parser.add_argument(
            "--flush",
            action=argparse.BooleanOptionalAction,
            default=True,
            help="empty the technique tables (and reset ids) first; --no-flush appends",
        )
        parser.add_argument("--database", default="default")

    def handle(self, *args, **options):
        for name in ("authors", "posts", "comments_per_post", "tags", "body_bytes", "readings"):
            if options[name] < 0:
                raise CommandError(f"--{name.replace('_', '-')} must be >= 0")
        try:
            counts = seed(
                authors=options["authors"],
                posts=options["posts"],
                comments_per_post=options["comments_per_post"],
                tags=options["tags"],
                body_bytes=options["body_bytes"],
                readings=options["readings"],
                seed=options["seed"],
                flush_first=options["flush"],
                using=options["database"],
            )
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            "Seeded {authors} authors, {tags} tags, {posts} posts, {comments} comments, "
            "{post_tags} post-tag links, {readings} readings per readings table "
            "(seed {seed}) in {seconds} s".format(**counts)
        )
