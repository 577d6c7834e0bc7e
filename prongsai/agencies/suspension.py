"""Which agencies the platform has suspended. A suspended agency keeps all its content but
its public site, its admin sign-in and its timed jobs stop (see prongsai/platform); the
work apps ask here which agencies to run their jobs for."""

from wagtail.models import Site

from prongsai.agencies.models import AgencySettings


def suspended_sites():
    return Site.objects.filter(
        pk__in=AgencySettings.objects.filter(suspended_at__isnull=False).values("site")
    )


def active_sites():
    """The agencies the worker's timed jobs run for."""
    return Site.objects.exclude(pk__in=suspended_sites().values("pk"))


def is_suspended(site):
    return site is not None and suspended_sites().filter(pk=site.pk).exists()
