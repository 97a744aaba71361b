"""Celery app for the celery-offload technique.

Broker: DJBENCH_CELERY_BROKER (settings.CELERY_BROKER_URL). Results are
ignored: the harness checks completion through the SentEmail row instead.
Run a worker with: python -m celery -A djbench_app worker -l info
"""
import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "djbench_app.settings")

app = Celery("djbench_app")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
