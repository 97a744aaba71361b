"""debug-off: the cost of DEBUG=True.

With DEBUG on, Django records every query's SQL and time in
connection.queries (and the technical 500 page machinery is armed). The
harness deploys the same endpoint with DJBENCH_DEBUG=0 and =1.
  /page/       renders n small lookups (1 + n queries, n=20 by default).
  /query-log/  runs the same lookups and reports how many queries Django
               logged during this request (Django empties the log when each
               request starts), which is 0 with DEBUG off.
"""
from django.conf import settings
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render

from techniques.models import Post
from techniques.views.common import int_param


def _lookups(request):
    n = int_param(request, "n", 20, maximum=10_000)
    ids = Post.objects.order_by("id").values_list("id", flat=True)[:n]
    # One query per post on purpose: many small queries is where the
    # per-query logging overhead of DEBUG shows.
    return [Post.objects.values("title", "score").get(id=pk) for pk in ids]


def page(request):
    return render(request, "techniques/post_lookups.html", {"posts": _lookups(request)})


def query_log(request):
    posts = _lookups(request)
    return JsonResponse(
        {
            "debug": settings.DEBUG,
            "queries_run": len(posts) + 1,
            "queries_logged": len(connection.queries),
            "queries_log_maxlen": connection.queries_log.maxlen,
        }
    )
