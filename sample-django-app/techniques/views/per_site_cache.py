"""per-site-cache: whole-page caching.

Measured two ways:
- /techniques/per-site-cache/page/ is an ordinary page (posts with authors,
  1 query); the harness deploys it with DJBENCH_PER_SITE_CACHE=0 and =1,
  which adds Django's UpdateCache/FetchFromCache middleware around
  everything (0 queries on a hit).
- naive/optimized aliases work without a restart: naive is the plain view,
  optimized the same view under cache_page(60) (1 query cold, 0 warm).
  With DJBENCH_PER_SITE_CACHE=1 both aliases are cached by the middleware.
"""
from django.shortcuts import render
from django.views.decorators.cache import cache_page

from techniques.models import Post
from techniques.views.common import int_param

# Distinct from CACHE_MIDDLEWARE_KEY_PREFIX so view and site caches never
# answer for each other.
VIEW_KEY_PREFIX = "djbench-view"


def page(request):
    limit = int_param(request, "limit", 50, maximum=10_000)
    posts = Post.objects.select_related("author").order_by("-created_at", "-id")[:limit]
    rows = [(post.title, post.author.name) for post in posts]
    return render(request, "techniques/post_authors.html", {"rows": rows})


naive = page
optimized = cache_page(60, key_prefix=VIEW_KEY_PREFIX)(page)
