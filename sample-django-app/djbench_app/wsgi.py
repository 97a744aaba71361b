"""WSGI entry point: gunicorn djbench_app.wsgi (sync, gthread, gevent workers)."""
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "djbench_app.settings")

application = get_wsgi_application()
