from django.apps import AppConfig


class ProbeConfig(AppConfig):
    """Installs the timing hooks before any request or database connection
    exists (ready() runs during django.setup())."""

    name = "djbench_probe"
    verbose_name = "djbench probe"
    default = True

    def ready(self):
        from djbench_probe import instrumentation

        instrumentation.install()
