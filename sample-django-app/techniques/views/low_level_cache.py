"""low-level-cache: keep an expensive query result in the cache.

The "expensive" data is the posts with the most comments, an aggregate over
posts joined to comments.
naive:     runs the aggregate on every request (1 query).
optimized: cache.get(); on a miss runs the aggregate and cache.set() it for
           15 minutes (1 query on a miss, 0 on a hit). Uses whatever backend
           DJBENCH_CACHE configures (locmem, redis, memcached, dummy).
"""
from django.core.cache import cache
from django.db.models import Count
from django.shortcuts import render

from techniques.models import Post
from techniques.views.common import int_param

TIMEOUT = 900


def top_commented(limit):
    # A list of plain dicts: cheap to pickle into any cache backend.
    return list(
        Post.objects.annotate(comment_count=Count("comments"))
        .order_by("-comment_count", "-created_at", "-id")
        .values("title", "slug", "comment_count")[:limit]
    )


def _render(request, posts):
    return render(request, "techniques/top_commented.html", {"posts": posts})


def naive(request):
    return _render(request, top_commented(int_param(request, "limit", 20, maximum=10_000)))


def optimized(request):
    limit = int_param(request, "limit", 20, maximum=10_000)
    key = f"djbench:top-commented:{limit}"
    posts = cache.get(key)
    if posts is None:
        posts = top_commented(limit)
        cache.set(key, posts, TIMEOUT)
    return _render(request, posts)
