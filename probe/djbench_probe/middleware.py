"""The Server-Timing header: the probe's only output, and the harness's only
measurement input from inside the app.

A Django "sync and async" middleware, so an async view under an ASGI server is
never forced through a sync adapter by it. It must come first in MIDDLEWARE
(the overlay puts it there) so that its total covers every other middleware.
"""
import time

from django.utils.decorators import sync_and_async_middleware

from djbench_probe import instrumentation, trace

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
    dbgroups;dur=9.800;count=100;db=3.100, cache;dur=0.120;hit=3;miss=1, template;dur=5.000

    `repeat` counts the queries whose SQL shape an earlier query of the same
    request had; `desc` names the database vendor (several, comma-separated, when
    the request used more than one), and is absent when it ran no query.
    `dbgroups` is the number of the queries whose shape ran 3 or more times in
    the request (the repeated query groups, first occurrence included), `dur`
    the time of the ORM calls that ran them and `db` their database time.
    """
    db = f"db;dur={_ms(state.db_ns)};count={state.db_count};repeat={state.db_repeated}"
    if state.db_vendors:
        db += f';desc="{",".join(state.db_vendors)}"'
    group_queries, group_db_ns, group_orm_ns = instrumentation.repeated_groups(state)
    return (
        f"total;dur={_ms(total_ns)}, "
        f"{db}, "
        f"dbgroups;dur={_ms(group_orm_ns)};count={group_queries};db={_ms(group_db_ns)}, "
        f"cache;dur={_ms(state.cache_ns)};hit={state.cache_hits};miss={state.cache_misses}, "
        f"template;dur={_ms(state.template_ns)}"
    )


def _trace_for(request):
    trace_id = trace.trace_id(request)
    return trace.Trace(trace_id) if trace_id else None


def _finish(request, response, state):
    total_ns = perf_ns() - state.start_ns
    response["Server-Timing"] = format_server_timing(state, total_ns)
    if state.trace is not None:
        state.trace.write(request, response.status_code, state, total_ns)
    return response


@sync_and_async_middleware
def ProbeMiddleware(get_response):  # noqa: N802 - named like the class-based middleware it replaces
    if iscoroutinefunction(get_response):

        async def middleware(request):
            state, token = instrumentation.begin(_trace_for(request))
            try:
                response = await get_response(request)
            finally:
                instrumentation.end(token)
            return _finish(request, response, state)

    else:

        def middleware(request):
            state, token = instrumentation.begin(_trace_for(request))
            try:
                response = get_response(request)
            finally:
                instrumentation.end(token)
            return _finish(request, response, state)

    return middleware
