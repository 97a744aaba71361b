from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from .models import Author, Book, Genre, Shelf

# The price bands of the price guide, in euros: a fixed list, whatever the catalog holds.
PRICE_BANDS = ((0, 10), (10, 25), (25, 50))


def book_list(request):
    books = Book.objects.all()
    return render(request, "catalog/book_list.html", {"books": books})


def author_list(request):
    authors = Author.objects.order_by("name")
    return render(request, "catalog/author_list.html", {"authors": authors})


def book_detail(request, pk):
    book = get_object_or_404(Book.objects.select_related("author"), pk=pk)
    return render(request, "catalog/book_detail.html", {"book": book})


def catalog_stats(request):
    """How many of each thing the catalog holds, and the newest of each: a loop over the
    tables, with different queries for each."""
    rows = []
    for model in (Author, Genre, Book, Shelf):
        rows.append(
            {
                "name": model._meta.verbose_name_plural,
                "count": model.objects.count(),
                "newest": model.objects.order_by("-pk").first(),
            }
        )
    return render(request, "catalog/stats.html", {"rows": rows})


def price_guide(request):
    """How many books each price band has, and the three newest books of the first four
    genres: one query per band and per genre, as many as the page has sections."""
    bands = [
        {"low": low, "high": high, "books": Book.objects.filter(price__gte=low, price__lt=high).count()}
        for low, high in PRICE_BANDS
    ]
    genres = [
        {"genre": genre, "newest": list(genre.book_set.order_by("-published")[:3])}
        for genre in Genre.objects.order_by("name")[:4]
    ]
    return render(request, "catalog/prices.html", {"bands": bands, "genres": genres})


@login_required
def my_shelf(request):
    entries = Shelf.objects.filter(owner=request.user).select_related("book")
    return render(request, "catalog/my_shelf.html", {"entries": entries})


@login_required
@require_POST
def shelf_add(request):
    book = get_object_or_404(Book, pk=request.POST.get("book"))
    Shelf.objects.create(owner=request.user, book=book)
    return redirect("catalog:my-shelf")
