"""What the probe adds to each query: the same ORM work timed with the probe's
hooks installed (inside a request, as the server runs it) and removed, in
alternating rounds of one process, as a ratio.

    /usr/bin/python3 bench/probe_overhead.py [--rounds 30]

Two workloads on an in-memory SQLite database of 200 books:
- n+1:  50 books, then each one's author read lazily: 51 queries;
- list: 50 books with their authors joined: 1 query, 50 objects.
Prints, for each, the median time per iteration with and without the probe,
their ratio and the probe's cost per query. Figures: docs/PERFORMANCE.md.
"""
import argparse
import os
import statistics
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "probe"))
os.chdir(os.path.join(HERE, "..", "probe"))
sys.path.insert(0, os.getcwd())

from tests.django_setup import create_tables  # noqa: E402 - configures Django

from django.db.models.query import QuerySet  # noqa: E402
from django.db.models.sql import compiler  # noqa: E402
from django.template.base import Template  # noqa: E402

from djbench_probe import instrumentation  # noqa: E402
from tests.traceapp.models import Author, Book  # noqa: E402

HOOKS = [
    (QuerySet, "_fetch_all"),
    (compiler.SQLCompiler, "execute_sql"),
    (compiler.SQLInsertCompiler, "execute_sql"),
    (Template, "render"),
]


def hooked():
    return {(owner, name): owner.__dict__[name] for owner, name in HOOKS}


def unhook(saved):
    from django.db import connection

    for (owner, name), function in saved.items():
        setattr(owner, name, getattr(function, "djbench_original", function))
    if instrumentation._db_wrapper in connection.execute_wrappers:
        connection.execute_wrappers.remove(instrumentation._db_wrapper)


def rehook(saved):
    from django.db import connection

    for (owner, name), function in saved.items():
        setattr(owner, name, function)
    instrumentation._add_db_wrapper(None, connection)


def n_plus_one():
    return [b.author.name for b in Book.objects.order_by("id")[:50]]


def joined():
    return [b.author.name for b in Book.objects.select_related("author").order_by("id")[:50]]


def timed(work, iterations, with_probe):
    state, token = instrumentation.begin() if with_probe else (None, None)
    started = time.perf_counter_ns()
    try:
        for _ in range(iterations):
            work()
    finally:
        if token is not None:
            instrumentation.end(token)
    return (time.perf_counter_ns() - started) / iterations


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--iterations", type=int, default=20)
    args = parser.parse_args()
    create_tables()
    Book.objects.all().delete()
    Author.objects.all().delete()
    authors = [Author.objects.create(name=f"author {i}") for i in range(40)]
    for i in range(200):
        Book.objects.create(title=f"book {i}", author=authors[i % 40])
    from django.db import connection

    connection.ensure_connection()
    instrumentation._add_db_wrapper(None, connection)
    saved = hooked()
    for label, work, queries in (("n+1", n_plus_one, 51), ("list", joined, 1)):
        for _ in range(3):
            work()
        on, off = [], []
        for r in range(args.rounds):
            # Alternate which comes first, so that drift falls on both alike.
            for with_probe in ((True, False) if r % 2 == 0 else (False, True)):
                if with_probe:
                    rehook(saved)
                    on.append(timed(work, args.iterations, True))
                else:
                    unhook(saved)
                    off.append(timed(work, args.iterations, False))
        rehook(saved)
        ratios = sorted(a / b for a, b in zip(on, off))
        median_on, median_off = statistics.median(on), statistics.median(off)
        print(
            f"{label:5} {queries:3} queries: with probe {median_on / 1e6:.3f} ms, without "
            f"{median_off / 1e6:.3f} ms, ratio ×{statistics.median(ratios):.3f} "
            f"[{ratios[len(ratios) // 4]:.3f}, {ratios[(3 * len(ratios)) // 4]:.3f}] (quartiles), "
            f"{(median_on - median_off) / queries / 1000:.1f} µs per query"
        )


if __name__ == "__main__":
    main()
