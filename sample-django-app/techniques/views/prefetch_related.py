"""prefetch-related: reading reverse and many-to-many relations in a loop.

naive:     1 query for the posts + 2 per post (tags, comments): 1 + 2*limit.
optimized: prefetch_related("tags", "comments"): 3 queries in total.
The only difference is the prefetch_related() call; rows are built by the
same code and sorted in Python so both variants list them in one order.
"""
from django.shortcuts import render

from techniques.models import Post
from techniques.views.common import int_param


def _render(request, posts):
    rows = []
    for post in posts:
        tags = sorted(tag.name for tag in post.tags.all())
        comments = sorted(post.comments.all(), key=lambda c: (c.created_at, c.id))
        rows.append({"title": post.title, "tags": tags, "comments": comments})
    return render(request, "techniques/post_relations.html", {"rows": rows})


def _posts(request):
    limit = int_param(request, "limit", 20, maximum=10_000)
    return Post.objects.order_by("-created_at", "-id"), limit


def naive(request):
    posts, limit = _posts(request)
    return _render(request, posts[:limit])


def optimized(request):
    posts, limit = _posts(request)
    return _render(request, posts.prefetch_related("tags", "comments")[:limit])
