"""Timed jobs of the platform itself."""

import io

from django.core.management import call_command

from prongsai.core.scheduler import every


@every(60)
def write_worker_heartbeat():
    """Tells /healthz the worker is alive (stale after 5 minutes)."""
    from prongsai.core.health import write_worker_heartbeat

    write_worker_heartbeat()


@every(30)
def publish_and_expire_scheduled_pages():
    """Wagtail's scheduled go-live and expiry, so nobody has to run a command or a cron."""
    call_command("publish_scheduled", stdout=io.StringIO())


@every(15 * 60)
def take_scheduled_backup():
    """A backup once per period with the oldest ones pruned, when the schedule is on."""
    from django.conf import settings

    from prongsai.core.backup import scheduled_backup

    if settings.PRONGSAI_BACKUP_SCHEDULE:
        scheduled_backup(
            settings.PRONGSAI_BACKUP_DIR,
            settings.PRONGSAI_BACKUP_EVERY_HOURS,
            settings.PRONGSAI_BACKUP_KEEP,
        )


@every(6 * 3600)
def remove_files_of_interrupted_uploads():
    """Files in media/documents and media/original_images that no record owns (a server killed
    during an upload), once they are 6 hours old."""
    from prongsai.core.orphans import remove_orphan_files

    remove_orphan_files()
