from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublishingConfig(AppConfig):
    """The road every item travels: request → approve or reject → publish → notify,
    with the paper trail (request form PDF, yearly report, audit log)."""

    name = "prongsai.publishing"
    label = "publishing"
    verbose_name = _("Publishing requests")

    def ready(self):
        from prongsai.core.apps import when_every_app_is_ready
        from prongsai.publishing import signals

        when_every_app_is_ready(signals.silence_wagtail_workflow_emails)
