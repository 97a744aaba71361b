from django.apps import AppConfig


class ProbeConfig(AppConfig):
    """Installs the timing hooks before any request or database connection
    exists (ready() runs during django.setup())."""

    name = "djbench_probe"
    verbose_name = "djbench probe"
    default = True

    def ready(self):
        from django.core.signals import got_request_exception

        from djbench_probe import errors, instrumentation

        instrumentation.install()
        got_request_exception.connect(errors.report, dispatch_uid="djbench-probe-errors")
