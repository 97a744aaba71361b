"""Middleware: the injected-slowdown knob (the Server-Timing header comes from
djbench's probe, ../probe/djbench_probe, as it does for any project).

Written as a Django "sync and async" function middleware so an async view
under an ASGI server is never forced through a sync adapter by it.
"""
import time

from django.conf import settings
from django.core.exceptions import MiddlewareNotUsed
from django.utils.decorators import sync_and_async_middleware

try:  # asgiref >= 3.6; asyncio's version is deprecated from Python 3.14.
    from asgiref.sync import iscoroutinefunction
except ImportError:  # pragma: no cover - older asgiref (Django 3.2 era)
    from asyncio import iscoroutinefunction

perf_ns = time.perf_counter_ns


def burn_cpu(duration_ns):
    """Keep one core busy for duration_ns with plain integer arithmetic.

    A busy loop rather than sleep(): the knob simulates slower code, which
    costs CPU (and so competes with other requests for the worker), not an
    idle wait. Returns the accumulator so the work cannot be optimised away.
    """
    deadline = perf_ns() + duration_ns
    acc = 0
    while perf_ns() < deadline:
        for i in range(256):
            acc = (acc * 31 + i) & 0xFFFFFFFF
    return acc


@sync_and_async_middleware
def slowdown_middleware(get_response):
    pct = float(getattr(settings, "DJBENCH_SLOWDOWN_PCT", 0) or 0)
    if pct <= 0:
        # Removes this middleware from the chain: zero cost when off.
        raise MiddlewareNotUsed
    factor = pct / 100.0
    header = f"{pct:g}"

    if iscoroutinefunction(get_response):

        async def middleware(request):
            started = perf_ns()
            response = await get_response(request)
            burn_cpu(int((perf_ns() - started) * factor))
            response["X-Djbench-Slowdown"] = header
            return response

    else:

        def middleware(request):
            started = perf_ns()
            response = get_response(request)
            burn_cpu(int((perf_ns() - started) * factor))
            response["X-Djbench-Slowdown"] = header
            return response

    return middleware
