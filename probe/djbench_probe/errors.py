"""Server errors, told where the harness can read them: the server's own log.

With DEBUG off, Django sends an unhandled exception to the `django.request`
logger, which by default only mails the admins, and answers 500: a benchmark
would see the 500s and nothing of why. The probe prints the traceback to the
server's stderr, once for each distinct place it was raised, so a run's log
says what broke without being flooded at hundreds of requests per second.
"""
import sys
import threading
import traceback

_seen = set()
_lock = threading.Lock()
_MAX_DISTINCT = 20


def report(sender, request=None, **kwargs):
    kind, value, tb = sys.exc_info()
    if kind is None:
        return
    frames = traceback.extract_tb(tb)
    where = (kind.__name__,) + ((frames[-1].filename, frames[-1].lineno) if frames else ())
    with _lock:
        if where in _seen or len(_seen) >= _MAX_DISTINCT:
            return
        _seen.add(where)
    path = getattr(request, "path", "?")
    sys.stderr.write(
        f"djbench probe: {kind.__name__} on {path} (shown once per place it is raised):\n"
        + "".join(traceback.format_exception(kind, value, tb))
    )
    sys.stderr.flush()
