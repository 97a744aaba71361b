"""URL patterns, generated from techniques.registry (the single list)."""
from django.urls import path

from techniques.registry import TECHNIQUES, UTILITY_ENDPOINTS, url_name

urlpatterns = [
    path(endpoint.route, endpoint.view, name=url_name(technique, endpoint))
    for technique in TECHNIQUES
    for endpoint in technique.endpoints
]
urlpatterns += [path(endpoint.route, endpoint.view, name=endpoint.variant) for endpoint in UTILITY_ENDPOINTS]
