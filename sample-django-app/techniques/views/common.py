"""Helpers shared by the technique views."""
from django.core.exceptions import BadRequest


def int_param(request, name, default, minimum=0, maximum=1_000_000):
    """Read ?name= as an int in [minimum, maximum]; 400 when malformed.

    Out-of-range values are an error rather than clamped so a harness typo
    cannot silently measure a different workload.
    """
    raw = request.GET.get(name, "")
    if raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise BadRequest(f"?{name}= must be an integer, got {raw!r}")
    if not minimum <= value <= maximum:
        raise BadRequest(f"?{name}= must be between {minimum} and {maximum}, got {value}")
    return value
