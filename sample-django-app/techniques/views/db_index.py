"""db-index: what an index buys on reads and costs on writes.

Reads (GET ?min=0&limit=20): posts with score >= min, highest first.
  naive:     filters and sorts on Post.score (no index: full scan + sort).
  optimized: the same on Post.score_indexed (same values, indexed).
  1 query each; identical page.
Writes (POST ?rows=1000): insert rows in batches of 250.
  naive:     into Reading (no secondary index).
  optimized: into IndexedReading (indexes on sensor and value to maintain),
             i.e. the write cost the read speed-up is paid with.
  ceil(rows/250) queries each; both answer {"created": rows}.
"""
import random

from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from techniques.models import IndexedReading, Post, Reading
from techniques.views.common import int_param

# Rows written here carry this sensor prefix (seeded ones use "sensor-"), so
# /techniques/reset/ can remove exactly the rows the experiments added.
WRITE_SENSOR_PREFIX = "write-"
WRITE_BATCH_SIZE = 250


def _read(request, field):
    minimum = int_param(request, "min", 0, minimum=-(10**9), maximum=10**9)
    limit = int_param(request, "limit", 20, maximum=10_000)
    posts = (
        Post.objects.filter(**{f"{field}__gte": minimum})
        .order_by(f"-{field}", "-id")
        .values_list("title", "slug", field)[:limit]
    )
    return render(request, "techniques/post_scores.html", {"posts": posts, "minimum": minimum})


def naive(request):
    return _read(request, "score")


def optimized(request):
    return _read(request, "score_indexed")


def _write(request, model):
    rows = int_param(request, "rows", 1000, minimum=1, maximum=1_000_000)
    # Seeded by the row count: every call writes the same values.
    rng = random.Random(rows)
    model.objects.bulk_create(
        (
            model(sensor=f"{WRITE_SENSOR_PREFIX}{rng.randrange(100):02d}", value=rng.randint(0, 1_000_000))
            for _ in range(rows)
        ),
        batch_size=WRITE_BATCH_SIZE,
    )
    return JsonResponse({"created": rows})


@csrf_exempt
@require_POST
def write_naive(request):
    return _write(request, Reading)


@csrf_exempt
@require_POST
def write_optimized(request):
    return _write(request, IndexedReading)
