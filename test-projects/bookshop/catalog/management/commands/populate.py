"""Fill the catalog with made-up books for local development."""
import datetime
import random
from decimal import Decimal

from django.core.management.base import BaseCommand
from django.db import transaction

from catalog.models import Author, Book, Genre


class Command(BaseCommand):
    help = "Create authors, genres and books with made-up data."

    def add_arguments(self, parser):
        parser.add_argument("--authors", type=int, default=10)
        parser.add_argument("--books", type=int, default=40)
        parser.add_argument("--seed", type=int, default=1)

    @transaction.atomic
    def handle(self, *args, **options):
        rng = random.Random(options["seed"])
        Book.objects.all().delete()
        Author.objects.all().delete()
        Genre.objects.all().delete()
        genres = [Genre.objects.create(name=n) for n in ("Fiction", "History", "Poetry", "Science")]
        authors = [
            Author.objects.create(name=f"Author {i:03d}", born=1900 + rng.randrange(100))
            for i in range(options["authors"])
        ]
        for i in range(options["books"]):
            book = Book.objects.create(
                title=f"Book {i:04d}",
                author=rng.choice(authors),
                published=datetime.date(1950, 1, 1) + datetime.timedelta(days=rng.randrange(25000)),
                price=Decimal(rng.randrange(500, 5000)) / 100,
            )
            book.genres.set(rng.sample(genres, rng.randrange(1, 3)))
        self.stdout.write(f"{len(authors)} authors, {options['books']} books")
