"""edge-cache: let a caching proxy in front of the app answer.

The page is moderately expensive (recent posts with authors, a tag cloud
with counts: 2 queries and a template) and marks itself
`Cache-Control: public, max-age=60`, so nginx's proxy_cache (configured by
the harness) may serve it for a minute without reaching Django. The app
itself does not cache it.
"""
from django.db.models import Count
from django.shortcuts import render
from django.utils.cache import patch_cache_control

from techniques.models import Post, Tag
from techniques.views.common import int_param

MAX_AGE = 60


def page(request):
    limit = int_param(request, "limit", 20, maximum=10_000)
    context = {
        "posts": Post.objects.select_related("author").order_by("-created_at", "-id")[:limit],
        "tag_cloud": Tag.objects.annotate(post_count=Count("posts")).order_by("name"),
    }
    response = render(request, "techniques/edge_page.html", context)
    patch_cache_control(response, public=True, max_age=MAX_AGE)
    return response
