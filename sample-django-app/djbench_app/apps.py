from django.apps import AppConfig


class DjbenchAppConfig(AppConfig):
    """Project-level app of the reference project."""

    name = "djbench_app"
    verbose_name = "djbench project"
