"""A WSGI app of known latency for bench/clock-accuracy.sh: GET /sleep/<ms> sleeps
that many milliseconds, then answers 200 with two bytes. Nothing else runs."""
import time


def application(environ, start_response):
    path = environ.get("PATH_INFO", "")
    try:
        millis = int(path.rsplit("/", 1)[-1]) if path.startswith("/sleep/") else -1
    except ValueError:
        millis = -1
    if millis < 0:
        start_response("404 Not Found", [("Content-Type", "text/plain"), ("Content-Length", "0")])
        return [b""]
    time.sleep(millis / 1000)
    start_response("200 OK", [("Content-Type", "text/plain"), ("Content-Length", "2")])
    return [b"ok"]
