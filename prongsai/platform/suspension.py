"""Suspending and resuming an agency, and the platform's overview of its agencies.

A suspended agency keeps everything; only its public site (503), its staff's sign-in and its
timed jobs stop (prongsai.agencies.suspension says which agencies are suspended)."""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.documents import get_document_model
from wagtail.log_actions import log
from wagtail.models import Page, Site

from prongsai.agencies.collections import agency_collections
from prongsai.agencies.models import AgencySettings
from prongsai.platform.provision import AgencyError, clean_hostname


def find_agency(host):
    """The agency at `host` ("host" or "host:port"); AgencyError when there is none."""
    hostname, _sep, port = (host or "").strip().partition(":")
    sites = Site.objects.filter(hostname=clean_hostname(hostname))
    if port:
        sites = sites.filter(port=int(port) if port.isdigit() else -1)
    site = sites.first()
    if site is None or not site.agency_roles.exists():
        raise AgencyError(_("There is no agency at %(host)s.") % {"host": host})
    return site


@transaction.atomic
def suspend_agency(site, reason, user=None):
    reason = (reason or "").strip()
    if not reason:
        raise AgencyError(_("Give the reason for the suspension."))
    settings = AgencySettings.for_site(site)
    settings.suspended_at = timezone.now()
    settings.suspension_reason = reason
    settings.save(update_fields=["suspended_at", "suspension_reason"])
    log(settings, "prongsai.agency.suspend", user=user, data={"reason": reason})
    return settings


@transaction.atomic
def resume_agency(site, user=None):
    settings = AgencySettings.for_site(site)
    settings.suspended_at = None
    settings.suspension_reason = ""
    settings.save(update_fields=["suspended_at", "suspension_reason"])
    log(settings, "prongsai.agency.resume", user=user)
    return settings


def agency_overview():
    """One row per agency: name, host, pages, documents, users, whether suspended."""
    rows = []
    Document = get_document_model()
    User = get_user_model()
    sites = Site.objects.filter(agency_roles__isnull=False).distinct().select_related("root_page")
    for site in sites.order_by("hostname", "port"):
        settings = AgencySettings.for_site(site)
        rows.append(
            {
                "site": site,
                "name": settings.name_th or site.site_name,
                "short_name": settings.short_name,
                "host": site.hostname if site.port == 80 else f"{site.hostname}:{site.port}",
                "pages": Page.objects.descendant_of(site.root_page, inclusive=True).count(),
                "documents": Document.objects.filter(
                    collection__in=agency_collections(site)
                ).count(),
                "users": User.objects.filter(groups__agency_role__site=site).distinct().count(),
                "suspended_at": settings.suspended_at,
                "suspension_reason": settings.suspension_reason,
            }
        )
    return rows
