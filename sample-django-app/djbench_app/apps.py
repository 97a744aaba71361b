from django.apps import AppConfig


class DjbenchAppConfig(AppConfig):
    """Project-level app: installs the timing hooks before any request or
    database connection exists (ready() runs during django.setup())."""

    name = "djbench_app"
    verbose_name = "djbench project"

    def ready(self):
        from djbench_app import instrumentation

        instrumentation.install()
