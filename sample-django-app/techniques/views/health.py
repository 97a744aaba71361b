"""GET /healthz: 200 "ok" only when the database answers."""
from django.db import DatabaseError, connection
from django.http import HttpResponse
from django.views.decorators.http import require_GET


@require_GET
def healthz(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as exc:
        return HttpResponse(f"database unavailable: {exc}", status=503, content_type="text/plain")
    return HttpResponse("ok", content_type="text/plain")
