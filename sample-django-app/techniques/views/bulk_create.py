"""bulk-create: one INSERT per batch instead of one per row.

POST ?rows=100
naive:     Signup(...).save() per row; in autocommit each is its own
           statement and transaction: `rows` queries.
optimized: Signup.objects.bulk_create(..., batch_size=250):
           ceil(rows/250) queries.
Both answer {"created": rows}. POST /techniques/reset/ removes the rows.
"""
from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from techniques.models import Signup
from techniques.views.common import int_param

BATCH_SIZE = 250


def _signups(request):
    rows = int_param(request, "rows", 100, minimum=1, maximum=100_000)
    return [Signup(email=f"signup{i}@example.com", name=f"Signup {i}") for i in range(rows)]


@csrf_exempt
@require_POST
def naive(request):
    signups = _signups(request)
    for signup in signups:
        signup.save()
    return JsonResponse({"created": len(signups)})


@csrf_exempt
@require_POST
def optimized(request):
    signups = _signups(request)
    Signup.objects.bulk_create(signups, batch_size=BATCH_SIZE)
    return JsonResponse({"created": len(signups)})
