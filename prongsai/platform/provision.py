"""create_agency: everything an agency needs on the platform, made in one transaction, the one
way agencies are made (the `prongsai agency create` command, the platform admin screen, the
demo and the tests all call it)."""

from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.validators import DomainNameValidator, validate_email
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.models import Collection, Page, Site

from prongsai.agencies.models import AgencySettings, AgencyType, Role
from prongsai.agencies.roles import ensure_agency_roles
from prongsai.platform.skeleton import build_sections
from prongsai.site.models import HomePage


class AgencyError(ValueError):
    """A request to create an agency that cannot be carried out; the message is for people."""


@dataclass
class Agency:
    site: Site
    home: HomePage
    settings: AgencySettings
    collection: Collection
    groups: dict
    created: bool = True
    admin: object = None
    set_password_url: str = ""
    pages: dict = field(default_factory=dict)


def clean_hostname(hostname):
    hostname = (hostname or "").strip().lower()
    if hostname != "localhost":
        try:
            DomainNameValidator(accept_idna=False)(hostname)
        except ValidationError as error:
            raise AgencyError(
                _("“%(host)s” is not a host name (e.g. www.nongnamsai.go.th).") % {"host": hostname}
            ) from error
    return hostname


def _clean_port(port):
    try:
        port = int(port)
    except (TypeError, ValueError):
        port = 0
    if not 0 < port < 65536:
        raise AgencyError(_("The port must be a number from 1 to 65535."))
    return port


def _home_slug(hostname):
    """A slug for the home page that no other agency's home page has (they are siblings)."""
    base = slugify(hostname.replace(".", "-"))[:40] or "agency"
    slug, n = base, 1
    while Page.get_first_root_node().get_children().filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def _is_agency(site):
    return isinstance(site.root_page.specific, HomePage) and site.agency_roles.exists()


def _wagtail_welcome_site(hostname, port):
    """The Site Wagtail's first migration makes (localhost:80 on its welcome page): a new
    agency on that host takes it over instead of clashing with it."""
    site = Site.objects.filter(hostname=hostname, port=port).select_related("root_page").first()
    if site is not None and type(site.root_page.specific) is Page:
        return site
    return None


@transaction.atomic
def create_agency(
    name_th,
    short_name,
    hostname,
    port=80,
    admin_username=None,
    admin_email=None,
    agency_type=AgencyType.SAO,
    home_slug=None,
    default_site=False,
):
    """Create an agency: its Site on `hostname:port`, a home page with every section, its
    collection, role groups, settings and publishing workflow (through the
    `prongsai_agency_created` hook) and, with `admin_username`, its first agency admin.

    Idempotent: an agency already on that host is returned as it is (created=False), with
    its roles brought up to date and the admin added."""
    name_th, short_name = (name_th or "").strip(), (short_name or "").strip()
    if not name_th:
        raise AgencyError(_("The agency's name in Thai is required."))
    if not short_name:
        raise AgencyError(_("The agency's short name is required (e.g. อบต.หนองน้ำใส)."))
    hostname, port = clean_hostname(hostname), _clean_port(port)
    existing = Site.objects.filter(hostname=hostname, port=port).first()
    if existing is not None and _is_agency(existing):
        agency = _existing_agency(existing, short_name)
    else:
        agency = _new_agency(
            name_th, short_name, hostname, port, agency_type, home_slug, default_site
        )
    if admin_username:
        agency.admin, agency.set_password_url = _first_admin(
            agency.groups[Role.AGENCY_ADMIN], admin_username, admin_email
        )
    return agency


def _existing_agency(site, short_name):
    from prongsai.agencies.collections import agency_collection

    collection = agency_collection(site)
    settings_ = AgencySettings.for_site(site)
    groups = ensure_agency_roles(site, collection, settings_.short_name or short_name)
    return Agency(
        site=site,
        home=site.root_page.specific,
        settings=settings_,
        collection=collection,
        groups=groups,
        created=False,
    )


def _new_agency(name_th, short_name, hostname, port, agency_type, home_slug, default_site):
    if short_name in set(AgencySettings.objects.values_list("short_name", flat=True)):
        raise AgencyError(
            _("Another agency already uses the short name “%(name)s”.") % {"name": short_name}
        )
    root = Page.get_first_root_node()
    home = HomePage(title="หน้าแรก", slug=home_slug or _home_slug(hostname), summary=name_th)
    root.add_child(instance=home)
    home.save_revision(log_action=True).publish(skip_permission_checks=True)
    home.refresh_from_db()
    site = _attach_site(home, name_th, hostname, port, default_site)

    root_collection = Collection.get_first_root_node()
    collection = root_collection.get_children().filter(name=short_name).first()
    collection = collection or root_collection.add_child(name=short_name)

    agency_settings = AgencySettings.for_site(site)
    agency_settings.name_th = name_th
    agency_settings.short_name = short_name
    agency_settings.agency_type = agency_type
    agency_settings.save()

    groups = ensure_agency_roles(site, collection, short_name)
    pages = build_sections(home, name_th)
    for hook in hooks.get_hooks("prongsai_agency_created"):
        hook(site=site, label=short_name)
    return Agency(
        site=site,
        home=home,
        settings=agency_settings,
        collection=collection,
        groups=groups,
        pages=pages,
    )


def _attach_site(home, name_th, hostname, port, default_site):
    site = _wagtail_welcome_site(hostname, port)
    if site is None and Site.objects.filter(hostname=hostname, port=port).exists():
        raise AgencyError(
            _("The host %(host)s:%(port)s already serves a site that is not an agency.")
            % {"host": hostname, "port": port}
        )
    welcome_page = site.root_page if site is not None else None
    site = site or Site(hostname=hostname, port=port)
    site.root_page = home
    site.site_name = name_th
    if default_site or not Site.objects.filter(is_default_site=True).exclude(pk=site.pk).exists():
        Site.objects.filter(is_default_site=True).exclude(pk=site.pk).update(is_default_site=False)
        site.is_default_site = True
    site.save()
    if welcome_page is not None and welcome_page.depth == 2:
        welcome_page.delete()  # Wagtail's "Welcome to your new Wagtail site!" page
    return site


def _first_admin(group, username, email):
    """An existing account joins the agency's admin group; a new one gets an unusable password
    and a link to set one (returned, to hand to the person)."""
    User = get_user_model()
    user = User.objects.filter(username=username).first()
    link = ""
    if user is None:
        if email:
            try:
                validate_email(email)
            except ValidationError as error:
                raise AgencyError(
                    _("“%(email)s” is not an e-mail address.") % {"email": email}
                ) from error
        user = User(username=username, email=email or "")
        user.set_unusable_password()
        user.save()
        link = set_password_url(user)
    user.groups.add(group)
    return user, link


def set_password_url(user):
    """A one-time link (Wagtail's password reset) for a person to choose a password."""
    path = reverse(
        "wagtailadmin_password_reset_confirm",
        args=[
            urlsafe_base64_encode(force_bytes(user.pk)),
            default_token_generator.make_token(user),
        ],
    )
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path
