"""conn-max-age: persistent database connections.

One small query per request, so connection setup dominates when each request
opens its own connection (CONN_MAX_AGE=0). The harness deploys it with
different DJBENCH_CONN_MAX_AGE values, on PostgreSQL where connecting is
expensive. 1 query.
"""
from django.db import connection
from django.http import JsonResponse

from techniques.models import Author


def page(request):
    name = Author.objects.order_by("id").values_list("name", flat=True).first()
    return JsonResponse(
        {"first_author": name, "conn_max_age": connection.settings_dict["CONN_MAX_AGE"]}
    )
