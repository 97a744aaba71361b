"""GET /: the list of technique endpoints."""
from django.shortcuts import render

from techniques.registry import TECHNIQUES


def index(request):
    return render(request, "techniques/index.html", {"techniques": TECHNIQUES})
