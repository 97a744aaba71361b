"""GET /: the list of technique endpoints."""
from django.shortcuts import render

from techniques.registry import TECHNIQUES, UTILITY_ENDPOINTS


def index(request):
    return render(request, "techniques/index.html", {"techniques": TECHNIQUES, "utilities": UTILITY_ENDPOINTS})
