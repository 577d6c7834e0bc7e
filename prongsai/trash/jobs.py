"""Timed work: the worker purges what has been in the trash longer than the agency allows, and
deletes files a killed purge left behind (idempotent: finished entries are skipped)."""

from prongsai.core.scheduler import every


@every(15 * 60)
def purge_expired_trash():
    from prongsai.trash.services import purge_expired

    purge_expired()
