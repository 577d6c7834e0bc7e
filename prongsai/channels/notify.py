"""The one way Prongsai tells people something: an in-app notification, and an e-mail.

    from prongsai.channels.notify import notify, users_with_role

    notify(
        users_with_role(site, Role.APPROVER),
        subject="มีคำขอเผยแพร่ข้อมูลรอการอนุมัติ",
        body="กองคลังขอเผยแพร่ “ประกาศราคากลาง …”",
        url=reverse("…"),              # admin path or public URL; relative is made absolute
        kind="request.submitted",
        agency_name=agency.display_name,
    )

The notifications are saved at once (inside the caller's transaction); the e-mails go out only
after that transaction commits, so a rolled-back action sends nothing. A failed e-mail never
loses the notification: the error is recorded on it (`email_error`) and the person still sees
it in the admin.
"""

import logging
from contextlib import suppress
from functools import partial

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, Group
from django.core.mail import get_connection, send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from prongsai.channels.models import Notification

logger = logging.getLogger("prongsai.channels")

# Stored on the notification (not a UI string): the person has no e-mail address.
NO_EMAIL = "ไม่มีอีเมล"

# Seconds to wait for the SMTP server when settings.EMAIL_TIMEOUT is not set, so a dead mail
# server cannot hold a request (the e-mails are sent when its transaction commits) for minutes.
DEFAULT_EMAIL_TIMEOUT = 20

SUBJECT_MAX_LENGTH = Notification._meta.get_field("subject").max_length
URL_MAX_LENGTH = Notification._meta.get_field("url").max_length
ERROR_MAX_LENGTH = 1000


def notify(recipients, subject, body, url="", kind="", email=True, agency_name=None):
    """Notify people; returns the Notification objects created (one per person).

    recipients  a user, a Group, or any iterable (list, queryset) of users and/or Groups;
                repeated and inactive users are dropped (each person is notified once)
    subject     one line of Thai (newlines are folded; cut at 255 characters)
    body        plain text; may be several lines
    url         where the notification leads: an admin path ("/admin/pages/3/edit/") or a
                public URL; a relative one is made absolute with WAGTAILADMIN_BASE_URL in e-mails
    kind        a short code for later filtering, e.g. "request.submitted", "request.rejected"
    email       False for in-app only
    agency_name named in the e-mail footer; by default the recipient's agency when they work
                in only one (or the only agency of the install), else WAGTAIL_SITE_NAME

    E-mails are sent after the current transaction commits (at once outside a transaction).
    A recipient without an e-mail address gets only the in-app notification, with
    email_error "ไม่มีอีเมล"; a sending error is recorded in email_error per message.
    """
    users = _active_users(recipients)
    if not users:
        return []
    subject = " ".join(str(subject).split())[:SUBJECT_MAX_LENGTH]
    body = str(body or "").strip()
    url = str(url or "").strip()[:URL_MAX_LENGTH]
    kind = str(kind or "")[:64]

    created = []
    with transaction.atomic():
        for user in users:
            notification = Notification.objects.create(
                recipient=user,
                subject=subject,
                body=body,
                url=url,
                kind=kind,
                email_error=NO_EMAIL if email and not user.email else "",
            )
            created.append(notification)

    to_email = [n for n in created if email and n.recipient.email]
    if to_email:
        transaction.on_commit(partial(send_emails, to_email, agency_name=agency_name), robust=True)
    return created


def send_emails(notifications, agency_name=None):
    """E-mail each notification to its recipient, recording success or the error on it."""
    timeout = getattr(settings, "EMAIL_TIMEOUT", None) or DEFAULT_EMAIL_TIMEOUT
    connection = get_connection(timeout=timeout)
    with suppress(Exception):  # a refused connection is recorded per message below
        connection.open()
    try:
        for notification in notifications:
            _send_one(notification, connection, agency_name)
    finally:
        with suppress(Exception):
            connection.close()


def _send_one(notification, connection, agency_name):
    try:
        subject, text, html = render_email(notification, agency_name=agency_name)
        send_mail(
            subject,
            text,
            None,  # DEFAULT_FROM_EMAIL
            [notification.recipient.email],
            connection=connection,
            html_message=html,
        )
    except Exception as error:  # SMTP refusals, timeouts, bad addresses, template errors …
        logger.warning(
            "notification %s: e-mail to user %s failed: %s",
            notification.pk,
            notification.recipient_id,
            error,
        )
        notification.email_error = f"{type(error).__name__}: {error}"[:ERROR_MAX_LENGTH]
        Notification.objects.filter(pk=notification.pk).update(email_error=notification.email_error)
        # A broken SMTP session would fail every later message: start a new one for the next.
        with suppress(Exception):
            connection.close()
    else:
        notification.emailed_at = timezone.now()
        notification.email_error = ""
        Notification.objects.filter(pk=notification.pk).update(
            emailed_at=notification.emailed_at, email_error=""
        )


def render_email(notification, agency_name=None):
    """(subject, plain text, HTML) of the e-mail for one notification, in the recipient's
    admin language (Thai unless they chose otherwise)."""
    user = notification.recipient
    context = {
        "notification": notification,
        "full_name": full_name(user),
        "subject": notification.subject,
        "body": notification.body,
        "link": absolute_url(notification.url),
        "agency_name": agency_name or default_agency_name(user),
        "notifications_url": absolute_url(reverse("prongsai_notifications:index")),
    }
    with translation.override(preferred_language(user)):
        text = render_to_string("channels/email.txt", context).strip() + "\n"
        html = render_to_string("channels/email.html", context)
    return notification.subject, text, html


# ---------- helpers ----------


def users_in_group(group):
    """The active users of a Group (or of the group with that name)."""
    User = get_user_model()
    if isinstance(group, str):
        return User.objects.filter(groups__name=group, is_active=True).distinct()
    return User.objects.filter(groups=group, is_active=True).distinct()


def users_with_role(site, role):
    """The active users holding a role (agencies.Role) in one agency (Site)."""
    return (
        get_user_model()
        .objects.filter(
            groups__agency_role__site=site, groups__agency_role__role=role, is_active=True
        )
        .distinct()
    )


def unread_count(user):
    if user is None or not getattr(user, "is_authenticated", False):
        return 0
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def full_name(user):
    return (user.get_full_name() or "").strip() or user.get_username()


def absolute_url(url):
    """'/admin/x/' → 'https://agency.go.th/admin/x/' (WAGTAILADMIN_BASE_URL); absolute unchanged."""
    if not url:
        return ""
    if "://" in url.split("?", 1)[0]:
        return url
    base = (getattr(settings, "WAGTAILADMIN_BASE_URL", "") or "").rstrip("/")
    if url.startswith("//"):
        scheme = base.split("://", 1)[0] if "://" in base else "https"
        return f"{scheme}:{url}"
    return f"{base}/{url.lstrip('/')}"


def preferred_language(user):
    profile = getattr(user, "wagtail_userprofile", None)
    if profile is not None:
        return profile.get_preferred_language()
    return settings.LANGUAGE_CODE


def default_agency_name(user):
    """The agency a person works in, if only one; else the only agency of the install; else
    the platform's name."""
    from wagtail.models import Site

    from prongsai.agencies.models import AgencySettings

    sites = list(Site.objects.filter(agency_roles__group__user=user).distinct()[:2])
    if len(sites) != 1:
        sites = list(Site.objects.all()[:2])
    if len(sites) == 1:
        return AgencySettings.for_site(sites[0]).display_name
    return getattr(settings, "WAGTAIL_SITE_NAME", "") or "Prongsai"


def _active_users(recipients):
    """Distinct active users, in the order first given."""
    if recipients is None:
        return []
    if isinstance(recipients, AbstractBaseUser | Group):
        recipients = [recipients]
    ids = []
    for item in recipients:
        if item is None:
            continue
        if isinstance(item, Group):
            ids.extend(item.user_set.values_list("pk", flat=True))
        elif getattr(item, "pk", None) is not None:
            ids.append(item.pk)
    ids = list(dict.fromkeys(ids))
    found = get_user_model().objects.filter(pk__in=ids, is_active=True).in_bulk()
    return [found[pk] for pk in ids if pk in found]
