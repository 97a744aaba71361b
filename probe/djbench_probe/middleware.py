"""The Server-Timing header: the probe's only output, and the harness's only
measurement input from inside the app.

A Django "sync and async" middleware, so an async view under an ASGI server is
never forced through a sync adapter by it. It must come first in MIDDLEWARE
(the overlay puts it there) so that its total covers every other middleware.
"""
import time

from django.utils.decorators import sync_and_async_middleware

from djbench_probe import instrumentation

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
    total;dur=12.345, db;dur=3.210;count=101;repeat=100;desc="sqlite",
    cache;dur=0.120;hit=3;miss=1, template;dur=5.000

    `repeat` counts the queries whose SQL shape an earlier query of the same
    request had; `desc` names the database vendor (several, comma-separated, when
    the request used more than one), and is absent when it ran no query.
    """
    db = f"db;dur={_ms(state.db_ns)};count={state.db_count};repeat={state.db_repeated}"
    if state.db_vendors:
        db += f';desc="{",".join(state.db_vendors)}"'
    return (
        f"total;dur={_ms(total_ns)}, "
        f"{db}, "
        f"cache;dur={_ms(state.cache_ns)};hit={state.cache_hits};miss={state.cache_misses}, "
        f"template;dur={_ms(state.template_ns)}"
    )


@sync_and_async_middleware
def ProbeMiddleware(get_response):  # noqa: N802 - named like the class-based middleware it replaces
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
