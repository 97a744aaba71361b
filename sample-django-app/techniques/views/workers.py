"""cpu-bound and io-bound: workloads for comparing worker counts and classes.

/techniques/cpu-bound/?n=200000  pure-Python integer loop, about 20 ms at the
    default n on a current CPU; holds the GIL the whole time, so only more
    processes add throughput.
/techniques/io-bound/?ms=50      time.sleep(ms); releases the GIL, and gevent
    workers patch it into a cooperative wait, so threads or greenlets add
    throughput.
Neither touches the database.
"""
import time

from django.http import JsonResponse

from techniques.views.common import int_param


def lcg_checksum(n):
    """n steps of a linear congruential generator: deterministic CPU work."""
    acc = 0
    for i in range(n):
        acc = (acc * 1103515245 + i) % 2147483648
    return acc


def cpu_bound(request):
    n = int_param(request, "n", 200_000, maximum=100_000_000)
    return JsonResponse({"n": n, "result": lcg_checksum(n)})


def io_bound(request):
    ms = int_param(request, "ms", 50, maximum=60_000)
    time.sleep(ms / 1000)
    return JsonResponse({"slept_ms": ms})
