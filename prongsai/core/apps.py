from django.apps import AppConfig


class CoreConfig(AppConfig):
    """The runtime: web server, background worker and the scheduler of timed jobs."""

    name = "prongsai.core"
    label = "core"
    verbose_name = "Prongsai runtime"

    def ready(self):
        from prongsai.core import jobs  # noqa: F401  (registers the timed jobs)
        from prongsai.publishing.signals import silence_wagtail_workflow_emails

        # Listed last in INSTALLED_APPS so this runs after wagtail.admin connected its e-mails.
        silence_wagtail_workflow_emails()
