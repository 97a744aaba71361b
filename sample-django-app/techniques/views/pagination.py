"""pagination: render one page of results, not all of them.

naive:     every post (title, author, summary) on one page: 1 query, however
           big the table.
optimized: Paginator(posts, 10), ?page=1 by default: 2 queries (COUNT + page).
Not the same content by nature: the optimized page's items are a prefix of
the naive page's (page 1), or the matching slice for ?page=N. Each item is
one <li class="item"> line, and X-Djbench-Items tells how many there are.
"""
from django.core.paginator import Paginator
from django.shortcuts import render

from techniques.models import Post

PER_PAGE = 10


def _posts():
    return Post.objects.select_related("author").order_by("-created_at", "-id")


def _render(request, posts, page_obj=None):
    posts = list(posts)
    response = render(request, "techniques/pagination.html", {"posts": posts, "page_obj": page_obj})
    response["X-Djbench-Items"] = str(len(posts))
    return response


def naive(request):
    return _render(request, _posts())


def optimized(request):
    page_obj = Paginator(_posts(), PER_PAGE).get_page(request.GET.get("page"))
    return _render(request, page_obj.object_list, page_obj)
