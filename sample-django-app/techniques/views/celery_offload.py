"""celery-offload: move slow side work (sending e-mail) out of the request.

naive:     sends the (fake) e-mail inside the request: DJBENCH_SMTP_DELAY_MS
           of waiting + 1 INSERT. Answers {"sent": true, "token": ...}.
optimized: send_email.delay(...) to Celery and answer at once:
           {"queued": true, "token": ...}; 0 queries in the web process.
status:    GET /techniques/celery-offload/status/<token>/ -> {"token", "sent"}
           (1 query), so the harness can time until the worker finished.
POST is the intended method; GET is accepted too so simple load generators
can drive it. CSRF-exempt: this is a benchmark API. Every request gets a
fresh token.
"""
import uuid

from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from techniques.mail import send_fake_email
from techniques.models import SentEmail
from techniques.tasks import send_email

RECIPIENT = "reader@example.com"
SUBJECT = "Welcome to djbench"
BODY = "Thanks for signing up. This message was sent by the celery-offload technique."


@csrf_exempt
@require_http_methods(["GET", "POST"])
def naive(request):
    token = uuid.uuid4().hex
    send_fake_email(token, RECIPIENT, SUBJECT, BODY)
    return JsonResponse({"sent": True, "token": token})


@csrf_exempt
@require_http_methods(["GET", "POST"])
def optimized(request):
    token = uuid.uuid4().hex
    send_email.delay(token, RECIPIENT, SUBJECT, BODY)
    return JsonResponse({"queued": True, "token": token})


@require_GET
def status(request, token):
    return JsonResponse({"token": token, "sent": SentEmail.objects.filter(token=token).exists()})
