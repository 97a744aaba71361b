"""POST /techniques/reset/: undo the write experiments between trials.

Removes the rows the write endpoints added (readings written by db-index,
signups, sent e-mails) and clears the default cache, so every trial starts
from the seeded state. Readings created by `seed --readings` stay, so the
write experiment keeps running against tables of the seeded size.
"""
from django.core.cache import caches
from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from techniques.models import IndexedReading, Reading, SentEmail, Signup
from techniques.views.db_index import WRITE_SENSOR_PREFIX


@csrf_exempt
@require_POST
def reset(request):
    deleted = {
        "readings": Reading.objects.filter(sensor__startswith=WRITE_SENSOR_PREFIX).delete()[0],
        "indexed_readings": IndexedReading.objects.filter(sensor__startswith=WRITE_SENSOR_PREFIX).delete()[0],
        "signups": Signup.objects.all().delete()[0],
        "sent_emails": SentEmail.objects.all().delete()[0],
    }
    caches["default"].clear()
    return JsonResponse({"deleted": deleted, "cache_cleared": True})
