"""fragment-cache: cache an expensive part of a page with {% cache %}.

The page is a short list of recent posts plus a sidebar built from four
aggregate queries (tag cloud, recent comments, top authors, monthly
archive). The sidebar querysets are lazy, so they only run when the
template actually renders the sidebar.
naive:     sidebar rendered every time: 1 + 4 = 5 queries.
optimized: the same template wraps the sidebar in {% cache 600 sidebar %}:
           5 queries when cold, 1 when the fragment is cached.
"""
from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.shortcuts import render

from techniques.models import Author, Comment, Post, Tag
from techniques.views.common import int_param


def _render(request, cache_sidebar):
    limit = int_param(request, "limit", 10, maximum=10_000)
    context = {
        "cache_sidebar": cache_sidebar,
        "posts": Post.objects.only("title", "slug").order_by("-created_at", "-id")[:limit],
        "tag_cloud": Tag.objects.annotate(post_count=Count("posts")).order_by("name"),
        "recent_comments": Comment.objects.select_related("post").only(
            "author_name", "body", "created_at", "post__title", "post__slug"
        ).order_by("-created_at", "-id")[:10],
        "top_authors": Author.objects.annotate(post_count=Count("posts")).order_by("-post_count", "name", "id")[:10],
        "archive": Post.objects.annotate(month=TruncMonth("created_at"))
        .values("month")
        .annotate(post_count=Count("id"))
        .order_by("-month"),
    }
    return render(request, "techniques/fragment_page.html", context)


def naive(request):
    return _render(request, cache_sidebar=False)


def optimized(request):
    return _render(request, cache_sidebar=True)
