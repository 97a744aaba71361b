"""ASGI entry point: gunicorn -k uvicorn.workers.UvicornWorker djbench_app.asgi"""
import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "djbench_app.settings")

application = get_asgi_application()
