"""Which agencies the platform has suspended. A suspended agency keeps all its content but
its public site, its admin sign-in and its timed jobs stop (see prongsai/platform); the
work apps ask here which agencies to run their jobs for.

Every public request asks whether its agency is suspended, so the answer is kept in the
cache, one key per site, and the key is dropped whenever the agency's settings are saved or
deleted (suspend and resume both save them)."""

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Site

from prongsai.agencies.models import AgencySettings

# a day: the key is dropped on every change, this only bounds a cache nobody cleans
SUSPENSION_CACHE_SECONDS = 24 * 60 * 60


def suspended_sites():
    return Site.objects.filter(
        pk__in=AgencySettings.objects.filter(suspended_at__isnull=False).values("site")
    )


def active_sites():
    """The agencies the worker's timed jobs run for."""
    return Site.objects.exclude(pk__in=suspended_sites().values("pk"))


def _cache_key(site_pk):
    return f"agency-suspended:{site_pk}"


def is_suspended(site):
    """Whether the platform has suspended `site`; from the cache once asked."""
    if site is None:
        return False
    key = _cache_key(site.pk)
    suspended = cache.get(key)
    if suspended is None:
        suspended = suspended_sites().filter(pk=site.pk).exists()
        cache.set(key, suspended, SUSPENSION_CACHE_SECONDS)
    return suspended


@receiver(post_save, sender=AgencySettings, dispatch_uid="agency-suspension-cache-save")
@receiver(post_delete, sender=AgencySettings, dispatch_uid="agency-suspension-cache-delete")
def forget_suspension(sender, instance, **kwargs):
    """Drop the cached answer now and again when the change is committed, so a request
    that read the old row while the change was being made cannot keep it cached."""
    key = _cache_key(instance.site_id)
    cache.delete(key)
    transaction.on_commit(lambda: cache.delete(key))
