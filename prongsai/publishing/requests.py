"""Turning a filled-in request form into a draft item on its way through the workflow.

Nothing is retyped later: the draft Disclosure (or news item) is created from the form with the
files attached, and the request record copies the requester's name, position and department.
"""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.models import Page

from prongsai.agencies.collections import agency_collection
from prongsai.core.html import text_to_paragraphs
from prongsai.core.storage import title_from_filename
from prongsai.disclosures.models import AgencyDocument, DisclosureIndexPage, DisclosurePage
from prongsai.disclosures.uploads import too_large_problem
from prongsai.publishing import notices
from prongsai.publishing.models import PublicationRequest
from prongsai.quota.usage import would_exceed
from prongsai.site.models import NewsIndexPage, NewsPage
from prongsai.site.slugs import readable_slug

MAX_FILES = 10


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"multiple": True}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


def category_choices(site):
    """Where an item may appear: the Disclosure and news listings of the agency."""
    listings = (
        Page.objects.live()
        .descendant_of(site.root_page)
        .type(DisclosureIndexPage, NewsIndexPage)
        .specific()
        .order_by("path")
    )
    return [page for page in listings if not _is_news_root(page)]


def _is_news_root(page):
    return isinstance(page, NewsIndexPage) and not page.category


def check_upload(upload, max_bytes):
    """Thai reasons why one uploaded file cannot be accepted (empty list when it can)."""
    problems = []
    too_large = too_large_problem(upload, max_bytes)
    if too_large:
        return [too_large]
    document = AgencyDocument(title=upload.name, file=upload)
    try:
        document.full_clean(exclude=["collection", "title"])
    except ValidationError as error:
        for message in error.message_dict.get("file", error.messages):
            problems.append(f"{upload.name}: {message}")
    return problems


def _title_from_name(name):
    """The file's name without its extension, readable, cut to fit the title column."""
    return title_from_filename(name, AgencyDocument._meta.get_field("title").max_length)


def check_quota(site, uploads):
    """A Thai reason when the files of one request, together, would take the agency over its
    storage quota (None when they fit); checked before any of them is stored."""
    return would_exceed(
        site, sum(upload.size for upload in uploads), name=[upload.name for upload in uploads]
    )


def user_department(user, site):
    membership = (
        user.department_memberships.filter(department__site=site)
        .select_related("department")
        .first()
    )
    return membership


@transaction.atomic
def submit(cleaned, user, site):
    """Create the documents, the draft item, the request record; start the workflow."""
    membership = user_department(user, site)
    department = membership.department if membership else None
    collection = agency_collection(site)
    stored = []
    try:
        documents = []
        for upload in cleaned["files"]:
            upload.seek(0)
            document = AgencyDocument(
                title=_title_from_name(upload.name),
                file=upload,
                collection=collection,
                department=department,
                uploaded_by_user=user,
            )
            document._set_document_file_metadata()
            document.save()
            stored.append(document.file.name)
            documents.append(document)
        page = _draft_item(cleaned, user, department, documents)
        request_obj = PublicationRequest.objects.create(
            site=site,
            page=page,
            category=cleaned["category"],
            title=cleaned["title"],
            description=cleaned["description"],
            requester=user,
            requester_name=user.get_full_name() or user.get_username(),
            requester_position=membership.position if membership else "",
            department=department,
            department_name=department.name if department else "",
            contact_phone=cleaned["contact_phone"],
            contact_email=cleaned["contact_email"],
            data_period_start=cleaned["data_period_start"],
            data_period_end=cleaned["data_period_end"],
            wanted_publish_date=cleaned["wanted_publish_date"],
            wanted_takedown_date=cleaned["wanted_takedown_date"],
        )
        workflow = page.get_workflow()
        if workflow is None:
            raise ValidationError(
                _("This agency has no publishing workflow; ask the administrator.")
            )
        workflow.start(page, user)
        log(
            page,
            "prongsai.request.submit",
            user=user,
            data={"request": request_obj.reference, "files": [d.filename for d in documents]},
        )
    except Exception:
        for name in stored:
            AgencyDocument._meta.get_field("file").storage.delete(name)
        raise
    transaction.on_commit(lambda: notices.request_submitted(request_obj))
    return request_obj


def _at_bangkok_morning(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(8, 30)))


def _draft_item(cleaned, user, department, documents):
    parent = cleaned["category"].specific
    paragraphs = [p.strip() for p in cleaned["description"].splitlines() if p.strip()]
    # what the person typed is text: escaped, never markup (it reaches the public page)
    body = [{"type": "paragraph", "value": text_to_paragraphs(cleaned["description"])}]
    attachments = [{"type": "file", "value": {"document": d.pk, "title": ""}} for d in documents]
    common = {
        "title": cleaned["title"],
        "summary": paragraphs[0][:300] if paragraphs else "",
        "department": department,
        "body": body if paragraphs else [],
        "attachments": attachments,
        "owner": user,
        "live": False,
    }
    publish_on = cleaned["wanted_publish_date"]
    if publish_on and publish_on > timezone.localdate():
        common["go_live_at"] = _at_bangkok_morning(publish_on)
    if cleaned["wanted_takedown_date"]:
        common["expire_at"] = _at_bangkok_morning(cleaned["wanted_takedown_date"])
    if isinstance(parent, NewsIndexPage):
        page = NewsPage(date=publish_on or timezone.localdate(), category=parent.category, **common)
    else:
        page = DisclosurePage(
            data_period_start=cleaned["data_period_start"],
            data_period_end=cleaned["data_period_end"],
            source="" if department else (user.get_full_name() or user.get_username()),
            **common,
        )
    page.slug = readable_slug(parent, cleaned["title"])
    parent.add_child(instance=page)
    page.save_revision(user=user, log_action=True)
    return page


def record_editor_submission(page, user):
    """The request record of a page a department member drafted and submitted in the CMS."""
    page = page.specific
    site = page.get_site()
    if site is None or user is None:
        return None
    membership = user_department(user, site)
    department = membership.department if membership else getattr(page, "department", None)
    request_obj = PublicationRequest.objects.create(
        site=site,
        page=page,
        category=page.get_parent(),
        title=page.title,
        description=getattr(page, "summary", "") or "",
        requester=user,
        requester_name=user.get_full_name() or user.get_username(),
        requester_position=membership.position if membership else "",
        department=department,
        department_name=department.name if department else "",
        contact_email=user.email,
        data_period_start=getattr(page, "data_period_start", None),
        data_period_end=getattr(page, "data_period_end", None),
    )
    log(page, "prongsai.request.submit", user=user, data={"request": request_obj.reference})
    return request_obj
