"""Per-request timing of database, cache and template work.

The numbers end up in the Server-Timing header (rendered by
djbench_probe.middleware, the only place that knows the header format).

Per-request state lives in a ContextVar, not a thread-local, so one design
covers gthread workers (one context per thread), gevent (one per greenlet)
and ASGI (asgiref copies the context into sync_to_async threads, and the
state object is shared by reference, so work done there is counted too).

What is counted:
- db: every cursor execute()/executemany() on every database alias, as one
  query each, with its wall time. Works with DEBUG off (no query log needed).
  A query whose SQL shape (djbench_probe.shapes) an earlier query of the
  same request already had counts as repeated: what an N+1 looks like.
  The queries of shapes that ran 3 or more times in the request (the
  repeated query groups `djbench doctor` reports) are counted and timed
  apart, so that a run under load tells what those groups cost. Their cost
  is the time of the ORM calls that ran them (QuerySet evaluation and
  SQLCompiler.execute_sql: compiling the SQL, the database, turning rows into
  objects), not only the database's: most of an N+1's cost is the ORM's own
  work per query. The queryset building before the evaluation (filter(),
  the related manager) is outside those calls, so the figure is a lower
  bound. A query that runs outside any ORM call (a raw cursor) counts its
  database time.
  The vendor of the connection that ran the request's queries is kept too,
  so that a report can show what database really ran.
- cache: get() and get_many() on every configured cache (time, hits, misses;
  get_many counts each requested key), set() and set_many() (time only).
  This covers cache.get/set in views, the {% cache %} tag, cache_page and the
  per-site cache middleware. Other methods (add, delete, incr, the async
  a* variants, ...) pass through uncounted.
- template: wall time of the outermost django.template.base.Template.render
  per request; nested renders ({% include %}) are inside it and not added
  again.
"""
import time
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Optional

from django.core.cache import CacheHandler
from django.db.backends.signals import connection_created
from django.template.base import Template

from djbench_probe import shapes

perf_ns = time.perf_counter_ns


@dataclass
class RequestTimings:
    start_ns: int
    db_ns: int = 0
    db_count: int = 0
    # Queries whose shape an earlier query of this request had.
    db_repeated: int = 0
    # The vendors ("sqlite", "postgresql", ...) of the connections used, in order of first use.
    db_vendors: tuple = ()
    # Shape -> [queries, database ns, ORM ns] so far; created on the first query.
    _shapes: Optional[dict] = None
    # Nesting of the ORM calls being timed, when the outermost began, the shape
    # of the first query it ran (it gets the call's time) and, when traced,
    # that query's index in the trace and the tracing time spent so far.
    orm_depth: int = 0
    orm_start_ns: int = 0
    orm_shape: Optional[str] = None
    orm_trace_index: int = -1
    trace_ns: int = 0
    orm_trace_ns_start: int = 0
    # The request's query trace (djbench_probe.trace), when it is traced.
    trace: Optional[object] = None
    cache_ns: int = 0
    cache_hits: int = 0
    cache_misses: int = 0
    template_ns: int = 0
    # 1 while the outermost Template.render of this request is running.
    template_depth: int = 0


_current: ContextVar[Optional[RequestTimings]] = ContextVar("djbench_timings", default=None)


def begin(trace=None):
    """Start timing a request; returns (state, token for end())."""
    state = RequestTimings(start_ns=perf_ns(), trace=trace)
    return state, _current.set(state)


def end(token):
    _current.reset(token)


def current() -> Optional[RequestTimings]:
    return _current.get()


# --- Database -----------------------------------------------------------------

def _db_wrapper(execute, sql, params, many, context):
    state = _current.get()
    if state is None:
        return execute(sql, params, many, context)
    started = perf_ns()
    try:
        return execute(sql, params, many, context)
    finally:
        elapsed = perf_ns() - started
        state.db_ns += elapsed
        state.db_count += 1
        shape = _note_shape(state, sql, elapsed)
        if state.trace is not None:
            traced = perf_ns()
            index = state.trace.note(sql, params, elapsed, shape)
            if state.orm_depth and state.orm_trace_index < 0:
                state.orm_trace_index = index
            state.trace_ns += perf_ns() - traced
        vendor = context["connection"].vendor
        if vendor not in state.db_vendors:
            state.db_vendors = state.db_vendors + (vendor,)


def _note_shape(state, sql, elapsed_ns):
    # Outside the timed span: normalising the SQL is the probe's cost, not the app's.
    shape = shapes.of(sql)
    if state._shapes is None:
        state._shapes = {}
    seen = state._shapes.get(shape)
    # Outside any ORM call the query's own time is all there is to give it.
    orm_ns = 0 if state.orm_depth else elapsed_ns
    if seen is None:
        state._shapes[shape] = [1, elapsed_ns, orm_ns]
    else:
        state.db_repeated += 1
        seen[0] += 1
        seen[1] += elapsed_ns
        seen[2] += orm_ns
    if state.orm_depth and state.orm_shape is None:
        state.orm_shape = shape
    return shape


# A shape is a repeated query group from this many queries in one request on.
GROUP_MIN = 3


def repeated_groups(state):
    """(queries, database ns, ORM ns) of the request's queries whose shape ran
    GROUP_MIN or more times."""
    queries = 0
    db_ns = 0
    orm_ns = 0
    for count, elapsed, orm in (state._shapes or {}).values():
        if count >= GROUP_MIN:
            queries += count
            db_ns += elapsed
            orm_ns += orm
    return queries, db_ns, orm_ns


# --- ORM calls ----------------------------------------------------------------

def _make_timed_orm_call(original, counts_rows):
    """Times the outermost ORM call of a request that ran a query, and gives
    that time to the shape of its first query. When traced, also counts the
    rows a QuerySet evaluation turned into objects or values."""

    def call(self, *args, **kwargs):
        state = _current.get()
        if state is None:
            return original(self, *args, **kwargs)
        evaluates = counts_rows and state.trace is not None and self._result_cache is None
        outermost = state.orm_depth == 0
        if outermost:
            state.orm_start_ns = perf_ns()
            state.orm_shape = None
            state.orm_trace_index = -1
            state.orm_trace_ns_start = state.trace_ns
        state.orm_depth += 1
        try:
            return original(self, *args, **kwargs)
        finally:
            state.orm_depth -= 1
            if evaluates and self._result_cache is not None:
                state.trace.rows += len(self._result_cache)
            if outermost and state.orm_shape is not None:
                elapsed = perf_ns() - state.orm_start_ns - (state.trace_ns - state.orm_trace_ns_start)
                state._shapes[state.orm_shape][2] += elapsed
                if state.trace is not None and state.orm_trace_index >= 0:
                    state.trace.set_orm(state.orm_trace_index, elapsed)

    call.djbench_original = original
    return call


def _add_db_wrapper(sender, connection, **kwargs):
    # Installed for the connection's whole life rather than with a per-request
    # `with connection.execute_wrapper(...)`: under ASGI the ORM runs in a
    # sync_to_async thread whose connection objects differ from the ones the
    # async middleware could see, so a per-request wrapper would miss them.
    # The wrapper is a no-op outside a request (no ContextVar state).
    # Inserted at the front so other code's LIFO execute_wrapper() pops stay
    # correct; checked first because a DatabaseWrapper reconnects (and fires
    # this signal again) after every CONN_MAX_AGE expiry.
    if _db_wrapper not in connection.execute_wrappers:
        connection.execute_wrappers.insert(0, _db_wrapper)


# --- Cache --------------------------------------------------------------------

_MISSING = object()


class InstrumentedCache:
    """Proxy around a cache backend that times get/get_many/set/set_many.

    Everything else is delegated untouched, so the proxy is a drop-in for the
    backend wherever Django hands it out (caches[alias], cache, cache_page).
    """

    def __init__(self, backend):
        self._backend = backend

    def __getattr__(self, name):
        return getattr(self._backend, name)

    def __contains__(self, key):
        return key in self._backend

    def __repr__(self):
        return f"<InstrumentedCache {self._backend!r}>"

    def get(self, key, default=None, version=None):
        state = _current.get()
        if state is None:
            return self._backend.get(key, default, version=version)
        started = perf_ns()
        # A private sentinel tells a miss from a stored value equal to default.
        value = self._backend.get(key, _MISSING, version=version)
        state.cache_ns += perf_ns() - started
        if value is _MISSING:
            state.cache_misses += 1
            return default
        state.cache_hits += 1
        return value

    def get_many(self, keys, version=None):
        keys = list(keys)
        state = _current.get()
        if state is None:
            return self._backend.get_many(keys, version=version)
        started = perf_ns()
        found = self._backend.get_many(keys, version=version)
        state.cache_ns += perf_ns() - started
        state.cache_hits += len(found)
        state.cache_misses += len(keys) - len(found)
        return found

    def set(self, *args, **kwargs):
        return self._timed(self._backend.set, args, kwargs)

    def set_many(self, *args, **kwargs):
        return self._timed(self._backend.set_many, args, kwargs)

    @staticmethod
    def _timed(method, args, kwargs):
        state = _current.get()
        if state is None:
            return method(*args, **kwargs)
        started = perf_ns()
        try:
            return method(*args, **kwargs)
        finally:
            state.cache_ns += perf_ns() - started


# --- Templates ----------------------------------------------------------------

def _make_timed_render(original_render):
    def render(self, context):
        state = _current.get()
        if state is None or state.template_depth:
            return original_render(self, context)
        state.template_depth = 1
        started = perf_ns()
        try:
            return original_render(self, context)
        finally:
            state.template_ns += perf_ns() - started
            state.template_depth = 0

    render.djbench_original = original_render
    return render


def _make_instrumented_create_connection(original_create):
    def create_connection(self, alias):
        return InstrumentedCache(original_create(self, alias))

    create_connection.djbench_original = original_create
    return create_connection


def install():
    """Hook the database, ORM, cache and template layers. Idempotent."""
    from django.db.models.query import QuerySet
    from django.db.models.sql import compiler

    if not hasattr(QuerySet._fetch_all, "djbench_original"):
        QuerySet._fetch_all = _make_timed_orm_call(QuerySet._fetch_all, True)
    for cls in (compiler.SQLCompiler, compiler.SQLInsertCompiler):
        if not hasattr(cls.__dict__["execute_sql"], "djbench_original"):
            cls.execute_sql = _make_timed_orm_call(cls.__dict__["execute_sql"], False)
    if not hasattr(Template.render, "djbench_original"):
        Template.render = _make_timed_render(Template.render)
    if not hasattr(CacheHandler.create_connection, "djbench_original"):
        CacheHandler.create_connection = _make_instrumented_create_connection(
            CacheHandler.create_connection
        )
    connection_created.connect(_add_db_wrapper, dispatch_uid="djbench-db-timing")
