"""Middleware: the Server-Timing header (the harness's only measurement input
from inside the app) and the injected-slowdown knob.

Both are written as Django "sync and async" function middleware so an async
view under an ASGI server is never forced through a sync adapter by them.
"""
import time

from django.conf import settings
from django.core.exceptions import MiddlewareNotUsed
from django.utils.decorators import sync_and_async_middleware

from djbench_app import instrumentation

try:  # asgiref >= 3.6; asyncio's version is deprecated from Python 3.14.
    from asgiref.sync import iscoroutinefunction
except ImportError:  # pragma: no cover - older asgiref (Django 3.2 era)
    from asyncio import iscoroutinefunction

perf_ns = time.perf_counter_ns


def _ms(ns):
    # Milliseconds with microsecond resolution, as Server-Timing wants.
    return f"{ns / 1_000_000:.3f}"


def format_server_timing(state, total_ns):
    """The header value, e.g.
    total;dur=12.345, db;dur=3.210;count=101, cache;dur=0.120;hit=3;miss=1, template;dur=5.000
    """
    return (
        f"total;dur={_ms(total_ns)}, "
        f"db;dur={_ms(state.db_ns)};count={state.db_count}, "
        f"cache;dur={_ms(state.cache_ns)};hit={state.cache_hits};miss={state.cache_misses}, "
        f"template;dur={_ms(state.template_ns)}"
    )


@sync_and_async_middleware
def server_timing_middleware(get_response):
    if iscoroutinefunction(get_response):

        async def middleware(request):
            state, token = instrumentation.begin()
            try:
                response = await get_response(request)
            finally:
                instrumentation.end(token)
            response["Server-Timing"] = format_server_timing(state, perf_ns() - state.start_ns)
            return response

    else:

        def middleware(request):
            state, token = instrumentation.begin()
            try:
                response = get_response(request)
            finally:
                instrumentation.end(token)
            response["Server-Timing"] = format_server_timing(state, perf_ns() - state.start_ns)
            return response

    return middleware


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
