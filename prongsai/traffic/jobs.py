from prongsai.core.scheduler import every


@every(60 * 60)
def purge_old_traffic():
    from prongsai.traffic.retention import purge_old_entries

    purge_old_entries()
