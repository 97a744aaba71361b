"""select-related: reading a ForeignKey in a loop.

naive:     1 query for the posts + 1 per post for its author (1 + limit).
optimized: select_related("author") joins the author in: 1 query.
Both build the same rows and render the same template.
"""
from django.shortcuts import render

from techniques.models import Post
from techniques.views.common import int_param


def _render(request, posts):
    # Touching post.author here is what costs a query per post when the
    # author was not fetched with the post.
    rows = [(post.title, post.author.name) for post in posts]
    return render(request, "techniques/post_authors.html", {"rows": rows})


def _posts(request):
    limit = int_param(request, "limit", 50, maximum=10_000)
    return Post.objects.order_by("-created_at", "-id"), limit


def naive(request):
    posts, limit = _posts(request)
    return _render(request, posts[:limit])


def optimized(request):
    posts, limit = _posts(request)
    return _render(request, posts.select_related("author")[:limit])
