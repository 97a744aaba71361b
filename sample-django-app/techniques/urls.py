from django.urls import path

from techniques.registry import TECHNIQUES, url_name

urlpatterns = [
    path(endpoint.route, endpoint.view, name=url_name(technique, endpoint))
    for technique in TECHNIQUES
    for endpoint in technique.endpoints
]
