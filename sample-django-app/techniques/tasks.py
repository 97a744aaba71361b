"""Celery tasks (found by djbench_app.celery's autodiscover_tasks)."""
from celery import shared_task

from techniques.mail import send_fake_email


@shared_task(ignore_result=True)
def send_email(token, recipient, subject, body):
    send_fake_email(token, recipient, subject, body)
