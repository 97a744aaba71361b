"""only-defer: fetch only the columns the page shows.

naive:     full rows, including the multi-KB body.
optimized: .only("title", "slug") (model instances, other fields deferred).
values:    .values("title", "slug") (plain dicts, no model instances).
1 query each; same template, same page.
"""
from django.shortcuts import render

from techniques.models import Post
from techniques.views.common import int_param

ORDER = ("-created_at", "-id")


def _render(request, posts):
    return render(request, "techniques/post_titles.html", {"posts": posts, "heading": "Post titles"})


def _limit(request):
    return int_param(request, "limit", 200, maximum=1_000_000)


def naive(request):
    return _render(request, Post.objects.order_by(*ORDER)[: _limit(request)])


def optimized(request):
    return _render(request, Post.objects.only("title", "slug").order_by(*ORDER)[: _limit(request)])


def values(request):
    return _render(request, Post.objects.values("title", "slug").order_by(*ORDER)[: _limit(request)])
