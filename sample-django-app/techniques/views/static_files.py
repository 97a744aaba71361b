"""static-files: who serves /static/ (a deployment-level choice).

DJBENCH_STATIC=django      Django's staticfiles view (no collectstatic needed)
DJBENCH_STATIC=whitenoise  WhiteNoise middleware, compressed + hashed names
                           (needs `manage.py collectstatic` first)
DJBENCH_STATIC=nginx       the app serves nothing under /static/; nginx does
                           from DJBENCH_STATIC_ROOT (after collectstatic)
This page references the two ~50 KB assets through {% static %}, so their
URLs follow the mode (hashed names under WhiteNoise); the harness also
fetches /static/techniques/app.css directly. No database queries.
"""
from django.conf import settings
from django.shortcuts import render

ASSETS = ("techniques/app.css", "techniques/app.js")


def page(request):
    return render(request, "techniques/static_page.html", {"mode": settings.DJBENCH_STATIC, "assets": ASSETS})
