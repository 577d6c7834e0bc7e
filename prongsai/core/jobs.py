"""Timed jobs of the platform itself."""

import io

from django.core.management import call_command

from prongsai.core.scheduler import every


@every(30)
def publish_and_expire_scheduled_pages():
    """Wagtail's scheduled go-live and expiry, so nobody has to run a command or a cron."""
    call_command("publish_scheduled", stdout=io.StringIO())
