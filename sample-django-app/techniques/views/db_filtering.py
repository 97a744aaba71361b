"""db-filtering: let the database filter instead of Python.

naive:     fetch every post (full rows) and keep the published ones in Python,
           then take the first `limit`.
optimized: .filter(is_published=True)[:limit] in SQL.
1 query each; the naive one transfers and builds the whole table.
"""
from django.shortcuts import render

from techniques.models import Post
from techniques.views.common import int_param

ORDER = ("-created_at", "-id")


def _render(request, posts):
    return render(request, "techniques/post_titles.html", {"posts": posts, "heading": "Published posts"})


def naive(request):
    limit = int_param(request, "limit", 50, maximum=1_000_000)
    published = [post for post in Post.objects.order_by(*ORDER) if post.is_published]
    return _render(request, published[:limit])


def optimized(request):
    limit = int_param(request, "limit", 50, maximum=1_000_000)
    return _render(request, Post.objects.filter(is_published=True).order_by(*ORDER)[:limit])
