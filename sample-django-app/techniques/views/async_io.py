"""async-io: waiting on slow upstream calls sequentially vs concurrently.

Both variants call DJBENCH_UPSTREAM_URL + /delay/<ms> three times (the
harness runs an upstream that answers after <ms> milliseconds; ?ms=100).
naive ("sync-sequential"): a plain sync view, urllib, one call after the
    other: about 3 x ms.
optimized ("async-gather"): an `async def` view that awaits the three calls
    together with asyncio.gather: about 1 x ms. Under an ASGI worker
    (uvicorn) the worker's event loop serves other requests meanwhile; under
    WSGI workers Django runs the view in its own event loop, so the calls
    still overlap but the worker thread stays busy.
Same JSON from both. 503 when DJBENCH_UPSTREAM_URL is not set, 502 when the
upstream cannot be reached. No database queries.
"""
import asyncio
import urllib.error
import urllib.request

from django.conf import settings
from django.http import JsonResponse

from techniques import async_http
from techniques.views.common import int_param

CALLS = 3
TIMEOUT_S = 10.0


def _plan(request):
    """(the upstream URLs to call, ms); URLs is None when no upstream is set."""
    ms = int_param(request, "ms", 100, maximum=60_000)
    base = settings.DJBENCH_UPSTREAM_URL
    return ([f"{base}/delay/{ms}"] * CALLS if base else None), ms


def _not_configured():
    return JsonResponse(
        {
            "error": "DJBENCH_UPSTREAM_URL is not set; point it at a server "
            "that answers GET /delay/<ms> after <ms> milliseconds"
        },
        status=503,
    )


def _result(ms, statuses):
    return JsonResponse({"upstream_calls": len(statuses), "ms": ms, "statuses": statuses})


def _upstream_failed(exc):
    return JsonResponse({"error": f"upstream request failed: {exc}"}, status=502)


def _fetch_sync(url):
    try:
        with urllib.request.urlopen(url, timeout=TIMEOUT_S) as response:
            response.read()
            return response.status
    except urllib.error.HTTPError as exc:
        # A non-2xx answer is still an answer: report it like the async client.
        exc.read()
        return exc.code


def naive(request):
    urls, ms = _plan(request)
    if urls is None:
        return _not_configured()
    try:
        statuses = [_fetch_sync(url) for url in urls]
    except (urllib.error.URLError, OSError) as exc:
        return _upstream_failed(exc)
    return _result(ms, statuses)


async def optimized(request):
    urls, ms = _plan(request)
    if urls is None:
        return _not_configured()
    try:
        replies = await asyncio.gather(*(async_http.get(url, TIMEOUT_S) for url in urls))
    except async_http.HttpError as exc:
        return _upstream_failed(exc)
    return _result(ms, [status for status, _ in replies])
