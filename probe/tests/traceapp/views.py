"""Views whose queries the trace tests look at; line numbers are asserted."""
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import render

from tests.traceapp.models import Book


def authors_in_template(request):
    return render(request, "traceapp/books.html", {"books": Book.objects.order_by("id")})


def labels_in_template(request):
    return render(request, "traceapp/labels.html", {"books": Book.objects.order_by("id")})


def authors_in_view(request):
    names = [book.author.name for book in Book.objects.order_by("id")]
    return HttpResponse(", ".join(names))


def genres_and_reviews(request):
    rows = []
    for book in Book.objects.order_by("id"):
        genres = [g.name for g in book.genres.all()]
        reviews = book.reviews.count()
        rows.append(f"{book.title}: {genres} {reviews}")
    return HttpResponse("\n".join(rows))


def top_review_each(request):
    best = [book.reviews.order_by("-stars")[:1] for book in Book.objects.order_by("id")]
    return HttpResponse(str([list(b) for b in best]))


def prefetched(request):
    books = Book.objects.order_by("id").select_related("author").prefetch_related("genres")
    rows = [(b.author.name, [g.name for g in b.genres.all()]) for b in books]
    counted = Book.objects.annotate(n=Count("reviews")).count()
    return HttpResponse(f"{rows} {counted}")
