"""djbench's probe: the one instrumentation djbench puts into any Django project.

Added by the settings overlay djbench writes for each deployment (first in
MIDDLEWARE, and to INSTALLED_APPS); the project itself is not changed. Each
response then carries a Server-Timing header with the request's server time,
database time, query count, repeated query shapes and database vendor, cache
time with hits and misses, and template time. Django 3.2 through 5.x; sync
and async views; gthread, gevent and ASGI workers.
"""
default_app_config = "djbench_probe.apps.ProbeConfig"  # Django 3.2 reads this; 4+ ignores it.
