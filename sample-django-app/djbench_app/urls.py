from django.conf import settings
from django.contrib.staticfiles.views import serve as staticfiles_serve
from django.urls import include, path, re_path

from techniques.views.health import healthz
from techniques.views.index import index

urlpatterns = [
    path("", index, name="index"),
    path("healthz", healthz, name="healthz"),
    path("techniques/", include("techniques.urls")),
]

if settings.DJBENCH_STATIC == "django":
    # Django serves /static/ itself, DEBUG or not. static() would add nothing
    # with DEBUG off, so route to the staticfiles view directly; insecure=True
    # lifts its DEBUG-only guard. It finds files through the staticfiles
    # finders (no collectstatic needed) and streams them with
    # django.views.static.serve.
    urlpatterns.append(
        re_path(r"^static/(?P<path>.*)$", staticfiles_serve, {"insecure": True}),
    )
