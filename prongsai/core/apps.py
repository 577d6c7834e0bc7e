from django.apps import AppConfig


class CoreConfig(AppConfig):
    """The runtime: web server, background worker and the scheduler of timed jobs."""

    name = "prongsai.core"
    label = "core"
    verbose_name = "Prongsai runtime"

    def ready(self):
        from prongsai.core import jobs  # noqa: F401  (registers the timed jobs)
