from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from .models import Author, Book, Shelf


def book_list(request):
    books = Book.objects.all()
    return render(request, "catalog/book_list.html", {"books": books})


def author_list(request):
    authors = Author.objects.order_by("name")
    return render(request, "catalog/author_list.html", {"authors": authors})


def book_detail(request, pk):
    book = get_object_or_404(Book.objects.select_related("author"), pk=pk)
    return render(request, "catalog/book_detail.html", {"book": book})


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
