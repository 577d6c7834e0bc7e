"""Who runs the platform: superusers (platform administrators). Agency admins run one agency
and never reach these screens."""


def is_platform_admin(user):
    return user.is_authenticated and user.is_active and user.is_superuser


def locked_out_by_suspension(user):
    """Staff whose every agency is suspended may not sign in; platform admins always may,
    and a person who also works for an active agency keeps that access."""
    from prongsai.agencies.scope import agency_sites
    from prongsai.agencies.suspension import active_sites

    if not user.is_authenticated or user.is_superuser:
        return False
    sites = agency_sites(user)
    return sites.exists() and not sites.filter(pk__in=active_sites().values("pk")).exists()
