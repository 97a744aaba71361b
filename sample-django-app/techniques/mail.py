"""A fake e-mail sender for the celery-offload technique.

It stands in for an SMTP round trip: it waits DJBENCH_SMTP_DELAY_MS (the
remote server's latency) and records a SentEmail row so the harness can see
when the mail "went out".
"""
import time

from django.conf import settings

from techniques.models import SentEmail


def send_fake_email(token, recipient, subject, body):
    time.sleep(settings.DJBENCH_SMTP_DELAY_MS / 1000)
    SentEmail.objects.create(token=token, recipient=recipient, subject=subject, body=body)
