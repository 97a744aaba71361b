"""The list of techniques and their endpoints.

techniques/urls.py builds its URL patterns from this list and the index page
renders it, so the two can never drift apart.
"""
import re
from dataclasses import dataclass
from typing import Callable, Tuple

from techniques.views import (
    async_io,
    bulk_create,
    celery_offload,
    conn_max_age,
    db_filtering,
    db_index,
    debug_off,
    edge_cache,
    fragment_cache,
    lean_serializer,
    low_level_cache,
    only_defer,
    pagination,
    per_site_cache,
    prefetch_related,
    reset,
    select_related,
    static_files,
    template_logic,
    workers,
)


@dataclass(frozen=True)
class Endpoint:
    variant: str  # "naive", "optimized", or a descriptive name
    route: str  # relative to /techniques/
    view: Callable
    method: str = "GET"
    queries: str = ""  # expected query count, as documentation

    @property
    def path(self):
        """The URL as documented: "<str:token>" is shown as "<token>"."""
        return "/techniques/" + re.sub(r"<\w+:(\w+)>", r"<\1>", self.route)


@dataclass(frozen=True)
class Technique:
    id: str
    title: str
    compare: str  # how the variants' responses relate: "same", "prefix", ...
    endpoints: Tuple[Endpoint, ...]


TECHNIQUES = (
    Technique(
        "select-related",
        "Join a ForeignKey with select_related() instead of one query per row",
        "same",
        (
            Endpoint("naive", "select-related/naive/", select_related.naive, queries="1 + limit"),
            Endpoint("optimized", "select-related/optimized/", select_related.optimized, queries="1"),
        ),
    ),
    Technique(
        "prefetch-related",
        "Prefetch many-to-many and reverse relations instead of two queries per row",
        "same",
        (
            Endpoint("naive", "prefetch-related/naive/", prefetch_related.naive, queries="1 + 2*limit"),
            Endpoint("optimized", "prefetch-related/optimized/", prefetch_related.optimized, queries="3"),
        ),
    ),
    Technique(
        "db-filtering",
        "Filter in SQL instead of fetching every row and filtering in Python",
        "same",
        (
            Endpoint("naive", "db-filtering/naive/", db_filtering.naive, queries="1 (whole table)"),
            Endpoint("optimized", "db-filtering/optimized/", db_filtering.optimized, queries="1"),
        ),
    ),
    Technique(
        "only-defer",
        "Fetch only the needed columns with only() or values()",
        "same",
        (
            Endpoint("naive", "only-defer/naive/", only_defer.naive, queries="1 (all columns)"),
            Endpoint("optimized", "only-defer/optimized/", only_defer.optimized, queries="1"),
            Endpoint("values", "only-defer/values/", only_defer.values, queries="1"),
        ),
    ),
    Technique(
        "low-level-cache",
        "Cache an expensive aggregate with cache.get()/cache.set()",
        "same",
        (
            Endpoint("naive", "low-level-cache/naive/", low_level_cache.naive, queries="1"),
            Endpoint("optimized", "low-level-cache/optimized/", low_level_cache.optimized,
                     queries="1 on a miss, 0 on a hit"),
        ),
    ),
    Technique(
        "fragment-cache",
        "Cache an expensive sidebar with the {% cache %} template tag",
        "same",
        (
            Endpoint("naive", "fragment-cache/naive/", fragment_cache.naive, queries="5"),
            Endpoint("optimized", "fragment-cache/optimized/", fragment_cache.optimized,
                     queries="5 cold, 1 warm"),
        ),
    ),
    Technique(
        "per-site-cache",
        "Cache whole pages (DJBENCH_PER_SITE_CACHE=1, or cache_page on the optimized alias)",
        "same",
        (
            Endpoint("page", "per-site-cache/page/", per_site_cache.page,
                     queries="1 (0 on a hit with DJBENCH_PER_SITE_CACHE=1)"),
            Endpoint("naive", "per-site-cache/naive/", per_site_cache.naive, queries="1"),
            Endpoint("optimized", "per-site-cache/optimized/", per_site_cache.optimized,
                     queries="1 cold, 0 warm"),
        ),
    ),
    Technique(
        "db-index",
        "Filter and sort on an indexed column; and what the index costs on inserts",
        "same",
        (
            Endpoint("naive", "db-index/naive/", db_index.naive, queries="1 (full scan + sort)"),
            Endpoint("optimized", "db-index/optimized/", db_index.optimized, queries="1 (index)"),
            Endpoint("write-naive", "db-index/write/naive/", db_index.write_naive, method="POST",
                     queries="ceil(rows/250)"),
            Endpoint("write-optimized", "db-index/write/optimized/", db_index.write_optimized, method="POST",
                     queries="ceil(rows/250)"),
        ),
    ),
    Technique(
        "debug-off",
        "Run with DEBUG=False (the harness toggles DJBENCH_DEBUG per deployment)",
        "deployment",
        (
            Endpoint("page", "debug-off/page/", debug_off.page, queries="1 + n"),
            Endpoint("query-log", "debug-off/query-log/", debug_off.query_log, queries="1 + n"),
        ),
    ),
    Technique(
        "async-io",
        "Await slow upstream calls concurrently in an async view (sync-sequential vs async-gather)",
        "same",
        (
            Endpoint("naive", "async-io/naive/", async_io.naive, queries="0"),
            Endpoint("optimized", "async-io/optimized/", async_io.optimized, queries="0"),
        ),
    ),
    Technique(
        "workers",
        "CPU-bound and I/O-bound workloads for worker count and worker class comparisons",
        "deployment",
        (
            Endpoint("cpu-bound", "cpu-bound/", workers.cpu_bound, queries="0"),
            Endpoint("io-bound", "io-bound/", workers.io_bound, queries="0"),
        ),
    ),
    Technique(
        "static-files",
        "Serve static files with Django, WhiteNoise or nginx (DJBENCH_STATIC)",
        "deployment",
        (
            Endpoint("page", "static-files/page/", static_files.page, queries="0"),
        ),
    ),
    Technique(
        "template-logic",
        "Compute values in the view instead of with filters and loops in the template",
        "same",
        (
            Endpoint("naive", "template-logic/naive/", template_logic.naive, queries="3"),
            Endpoint("optimized", "template-logic/optimized/", template_logic.optimized, queries="3"),
        ),
    ),
    Technique(
        "pagination",
        "Render one page of 10 items instead of every row",
        "prefix",
        (
            Endpoint("naive", "pagination/naive/", pagination.naive, queries="1 (all rows)"),
            Endpoint("optimized", "pagination/optimized/", pagination.optimized, queries="2 (count + page)"),
        ),
    ),
    Technique(
        "bulk-create",
        "Insert many rows with bulk_create() instead of save() per row",
        "same",
        (
            Endpoint("naive", "bulk-create/naive/", bulk_create.naive, method="POST", queries="rows"),
            Endpoint("optimized", "bulk-create/optimized/", bulk_create.optimized, method="POST",
                     queries="ceil(rows/250)"),
        ),
    ),
    Technique(
        "lean-serializer",
        "Serialise only the fields the client needs (Django REST framework)",
        "projection",
        (
            Endpoint("naive", "lean-serializer/naive/", lean_serializer.naive, queries="3"),
            Endpoint("optimized", "lean-serializer/optimized/", lean_serializer.optimized, queries="1"),
        ),
    ),
    Technique(
        "conn-max-age",
        "Reuse database connections (the harness toggles DJBENCH_CONN_MAX_AGE)",
        "deployment",
        (
            Endpoint("page", "conn-max-age/page/", conn_max_age.page, queries="1"),
        ),
    ),
    Technique(
        "celery-offload",
        "Send e-mail from a Celery task instead of inside the request",
        "different (sent vs queued)",
        (
            Endpoint("naive", "celery-offload/naive/", celery_offload.naive, method="POST",
                     queries="1 (after DJBENCH_SMTP_DELAY_MS)"),
            Endpoint("optimized", "celery-offload/optimized/", celery_offload.optimized, method="POST",
                     queries="0 (the worker does the insert)"),
            Endpoint("status", "celery-offload/status/<str:token>/", celery_offload.status, queries="1"),
        ),
    ),
    Technique(
        "edge-cache",
        "Mark a page cacheable (Cache-Control: public, max-age=60) for a proxy cache",
        "deployment",
        (
            Endpoint("page", "edge-cache/page/", edge_cache.page, queries="2"),
        ),
    ),
)

# Not techniques: helpers the harness calls between trials.
UTILITY_ENDPOINTS = (
    Endpoint("reset", "reset/", reset.reset, method="POST", queries="4"),
)


def url_name(technique, endpoint):
    return f"{technique.id}-{endpoint.variant}"
