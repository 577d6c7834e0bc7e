"""Every role of three agencies against every read and write of every app.

Agencies A, B and C are made the supported way (`prongsai agency create`), each with one
person per role and content of every kind; every object of A carries a sentinel ("ลับ-A-…",
"secret-a-…") so that a leak shows as a substring. For each write action of the table below:

- each role of B and C sends the complete request against A's object, and so do A's own roles
  that may not do it: A's state (the action's snapshot) is unchanged, no file appears in
  MEDIA_ROOT, nothing is sent (mail, notifications);
- then the CONTROL, a role of A that may do it (or a platform administrator for the actions the
  install keeps to them), sends the same request and the snapshot changes: the request was
  complete, the refusals were the rules' doing.

For the reads, every role of B and C opens every listing, report, chooser, search and export
and no sentinel of A is in what they get; A's own webmaster (or a platform administrator)
sees it there.

One test per app; each collects every failure (app / action / agency / role) before failing.
"""

import hashlib
import io
import os
from dataclasses import dataclass, field
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page, PageViewRestriction, Site

from prongsai.agencies.factories import UserFactory
from prongsai.agencies.models import AgencyRole, AgencySettings, Department, DepartmentMember, Role
from prongsai.channels.models import Notification
from prongsai.site.factories import KnowledgeItemPageFactory, NewsPageFactory, StandardPageFactory

pytestmark = pytest.mark.django_db

AGENCIES = ("A", "B", "C")
TARGET = "A"
SUPERUSER = "superuser"
ROLES = tuple(Role)
LEAK_MARKS = ("ลับ-A-", "secret-a-")


def sentinel(letter, kind):
    return f"ลับ-{letter}-{kind}"


# ---------------------------------------------------------------- the three agencies


@dataclass
class Agency:
    letter: str
    site: Site
    users: dict
    objects: dict = field(default_factory=dict)

    @property
    def home(self):
        return self.site.root_page.specific

    @property
    def collection(self):
        from prongsai.agencies.collections import agency_collection

        return agency_collection(self.site)

    def section(self, slug):
        return Page.objects.descendant_of(self.site.root_page).get(slug=slug).specific


@dataclass
class World:
    agencies: dict
    superuser: object
    cache: dict = field(default_factory=dict)
    media: object = None

    @property
    def a(self):
        return self.agencies[TARGET]

    def user(self, letter, role):
        return self.superuser if role == SUPERUSER else self.agencies[letter].users[role]


def _png(colour):
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), colour).save(buffer, "PNG")
    return buffer.getvalue()


def _pdf(title):
    from prongsai.disclosures.factories import small_pdf

    return small_pdf(title)


def make_image(collection, title, colour="red"):
    from wagtail.images import get_image_model

    image = get_image_model()(
        title=title, file=ContentFile(_png(colour), name="picture.png"), collection=collection
    )
    image.save()
    return image


def make_document(collection, title):
    from prongsai.disclosures.factories import DocumentFactory

    return DocumentFactory(collection=collection, title=title)


def _create_agency(letter):
    low = letter.lower()
    call_command(
        "agency",
        "create",
        "--name",
        sentinel(letter, "หน่วยงาน"),
        "--short-name",
        f"หน่วยงาน{letter}-matrix",
        "--host",
        f"{low}.matrix.example",
        "--admin",
        f"secret-{low}-admin",
        "--email",
        f"secret-{low}-admin@matrix.example",
        stdout=io.StringIO(),
    )
    site = Site.objects.get(hostname=f"{low}.matrix.example")
    groups = {ar.role: ar.group for ar in AgencyRole.objects.filter(site=site)}
    users = {Role.AGENCY_ADMIN: get_user_model().objects.get(username=f"secret-{low}-admin")}
    for role in ROLES:
        if role != Role.AGENCY_ADMIN:
            users[role] = UserFactory(
                username=f"secret-{low}-{role}",
                first_name=sentinel(letter, f"ชื่อ{role}"),
                groups=[groups[role]],
            )
    return Agency(letter=letter, site=site, users=users)


def _fill(agency):
    """Content of every kind, each titled with the agency's sentinel."""
    from prongsai.compliance.checklists import create_checklist
    from prongsai.compliance.models import Catalog
    from prongsai.disclosures.factories import DisclosurePageFactory
    from prongsai.publishing.factories import PublicationRequestFactory
    from prongsai.retention.models import CampaignItem, CampaignState, RetentionCampaign
    from prongsai.trash import services as trash

    x, o, users, site = agency.letter, agency.objects, agency.users, agency.site
    low = x.lower()
    o["department"] = Department.objects.create(site=site, name=sentinel(x, "ส่วนงาน"))
    o["department2"] = Department.objects.create(site=site, name=sentinel(x, "ส่วนงานสอง"))
    DepartmentMember.objects.create(
        department=o["department"], user=users[Role.REQUESTER], position="นักวิชาการ"
    )
    o["department"].save()  # the department's editors group follows its members
    collection = agency.collection
    o["image"] = make_image(collection, sentinel(x, "ภาพ"))
    o["image2"] = make_image(collection, sentinel(x, "ภาพสอง"), "blue")
    o["document"] = make_document(collection, sentinel(x, "เอกสาร"))
    o["document2"] = make_document(collection, sentinel(x, "เอกสารสอง"))
    about = agency.section("about")
    o["page"] = StandardPageFactory(
        parent=about,
        title=sentinel(x, "หน้า"),
        slug="secret-page",
        body=[
            ("image", {"image": o["image"], "alt_text": "ภาพ", "caption": ""}),
            ("files", [{"document": o["document"], "title": ""}]),
        ],
    )
    o["page2"] = StandardPageFactory(parent=about, title=sentinel(x, "หน้าสอง"), slug="secret-2")
    o["draft"] = StandardPageFactory(
        parent=about, title=sentinel(x, "ร่าง"), slug="secret-draft", live=False
    )
    o["news"] = NewsPageFactory(
        parent=_news(agency),
        title=sentinel(x, "ข่าว"),
        slug="secret-news",
    )
    o["knowledge"] = KnowledgeItemPageFactory(
        parent=agency.section("knowledge"), title=sentinel(x, "ความรู้"), slug="secret-knowledge"
    )
    listing = _disclosure_listing(agency)
    o["listing"] = listing
    o["disclosure"] = DisclosurePageFactory(
        parent=listing,
        title=sentinel(x, "เปิดเผย"),
        slug="secret-disclosure",
        department=o["department"],
        fiscal_year=2560,
    )
    o["redirect"] = Redirect.objects.create(
        old_path=f"/secret-{low}-old", site=site, redirect_link=f"https://{low}.example/new"
    )
    o["redirect2"] = Redirect.objects.create(
        old_path=f"/secret-{low}-old2", site=site, redirect_link=f"https://{low}.example/new2"
    )
    o["request"] = _submitted_request(agency, sentinel(x, "คำขอ"))
    o["request2"] = _submitted_request(agency, sentinel(x, "คำขอสอง"))
    o["request3"] = _submitted_request(agency, sentinel(x, "คำขอสาม"))
    for trait in ("returned", "approved", "published"):
        PublicationRequestFactory(
            site=site,
            requester=users[Role.REQUESTER],
            title=sentinel(x, f"คำขอ{trait}"),
            **{trait: True},
        )
    catalogs = [
        c for c in Catalog.objects.exclude(scheme="gws").order_by("pk") if c.applies_to("sao")
    ]
    o["catalog"], o["catalog2"] = catalogs[0], catalogs[1]
    o["checklist"] = create_checklist(site, catalogs[0])
    o["entry"] = o["checklist"].entries.order_by("item__sort_order").first()
    o["entry"].explanation = sentinel(x, "ไอทีเอ")
    o["entry"].save()
    today = timezone.localdate()
    o["campaign"] = RetentionCampaign.objects.create(
        site=site,
        title=sentinel(x, "แคมเปญ"),
        before_fiscal_year=2565,
        deadline=today + timedelta(days=14),
        state=CampaignState.ANNOUNCED,
    )
    o["campaign_item"] = CampaignItem.objects.create(
        campaign=o["campaign"],
        page=o["disclosure"],
        title=sentinel(x, "รายการลบ"),
        department=o["department"],
        department_name=o["department"].name,
        fiscal_year=2560,
    )
    o["campaign_draft"] = RetentionCampaign.objects.create(
        site=site,
        title=sentinel(x, "แคมเปญร่าง"),
        before_fiscal_year=2565,
        deadline=today + timedelta(days=14),
    )
    o["campaign_due"] = RetentionCampaign.objects.create(
        site=site,
        title=sentinel(x, "แคมเปญครบกำหนด"),
        before_fiscal_year=2565,
        deadline=today - timedelta(days=1),
        state=CampaignState.ANNOUNCED,
    )
    webmaster = users[Role.WEBMASTER]
    for name in ("trashed", "trashed2", "trashed3", "trashed4", "trashed5"):
        page = StandardPageFactory(parent=about, title=sentinel(x, name), slug=f"secret-{name}")
        o[f"{name}_entry"] = trash.move_to_trash(page, webmaster)
    # a campaign carried out, whose item still lies in the trash (its purge page lists it)
    o["campaign_done"] = RetentionCampaign.objects.create(
        site=site,
        title=sentinel(x, "แคมเปญเสร็จ"),
        before_fiscal_year=2565,
        deadline=today - timedelta(days=30),
        state=CampaignState.DONE,
        executed_at=timezone.now(),
    )
    CampaignItem.objects.create(
        campaign=o["campaign_done"],
        page_id=int(o["trashed5_entry"].object_id),
        title=sentinel(x, "รายการในถัง"),
        department=o["department"],
        department_name=o["department"].name,
        fiscal_year=2560,
        outcome="trashed",
        trash_entry=o["trashed5_entry"],
    )
    # a page with two revisions (the live one and a later draft), to revert to the first
    o["revert"] = StandardPageFactory(
        parent=about, title=sentinel(x, "ย้อนเดิม"), slug="secret-revert"
    )
    o["revert_from"] = o["revert"].live_revision
    o["revert"].title = sentinel(x, "ย้อนใหม่")
    o["revert"].save_revision(user=webmaster)
    # pages only the bulk actions touch
    o["bulk_live"] = StandardPageFactory(
        parent=about, title=sentinel(x, "ชุดเผยแพร่"), slug="secret-b1"
    )
    o["bulk_draft"] = StandardPageFactory(
        parent=about, title=sentinel(x, "ชุดร่าง"), slug="secret-b2", live=False
    )
    o["bulk_move"] = StandardPageFactory(parent=about, title=sentinel(x, "ชุดย้าย"), slug="secret-b3")
    o["bulk_delete"] = StandardPageFactory(
        parent=about, title=sentinel(x, "ชุดลบ"), slug="secret-b4"
    )
    o["notification"] = Notification.objects.create(
        recipient=webmaster, subject=sentinel(x, "แจ้งเตือน"), kind="test"
    )
    o["notification2"] = Notification.objects.create(
        recipient=webmaster, subject=sentinel(x, "แจ้งเตือนสอง"), kind="test"
    )
    o["spare"] = UserFactory(
        username=f"secret-{low}-spare",
        first_name=sentinel(x, "สำรอง"),
        groups=[AgencyRole.objects.get(site=site, role=Role.REQUESTER).group],
    )
    o["spare2"] = UserFactory(
        username=f"secret-{low}-spare2",
        first_name=sentinel(x, "สำรองสอง"),
        groups=[AgencyRole.objects.get(site=site, role=Role.REQUESTER).group],
    )
    _history(agency)
    _lockout(f"secret-{low}-spare")
    _traffic(f"/secret-{low}-traffic", site)


def _history(agency):
    """Site-history rows of objects other than pages (the pages wrote their own on publish)."""
    from wagtail.log_actions import log

    o, webmaster = agency.objects, agency.users[Role.WEBMASTER]
    for key in ("department", "redirect", "document", "image", "campaign", "spare"):
        log(instance=o[key], action="wagtail.create", user=webmaster)
    log(instance=o["department"], action="wagtail.edit", user=webmaster)
    log(instance=AgencySettings.for_site(agency.site), action="wagtail.edit", user=webmaster)


def _news(agency):
    from prongsai.site.models import NewsIndexPage

    return (
        NewsIndexPage.objects.descendant_of(agency.site.root_page)
        .exclude(category="")
        .order_by("path")
        .first()
    )


def _disclosure_listing(agency):
    from prongsai.disclosures.pages import DisclosureIndexPage

    return (
        DisclosureIndexPage.objects.descendant_of(agency.site.root_page)
        .filter(depth=agency.site.root_page.depth + 2)
        .order_by("path")
        .first()
    )


def _submitted_request(agency, title):
    from prongsai.publishing import requests

    cleaned = {
        "title": title,
        "category": agency.objects["listing"],
        "description": title,
        "files": [SimpleUploadedFile("คำขอ.pdf", _pdf(title), content_type="application/pdf")],
        "data_period_start": None,
        "data_period_end": None,
        "wanted_publish_date": None,
        "wanted_takedown_date": None,
        "contact_phone": "",
        "contact_email": "",
    }
    return requests.submit(cleaned, agency.users[Role.REQUESTER], agency.site)


def _lockout(username):
    from axes.models import AccessAttempt
    from django.conf import settings

    AccessAttempt.objects.create(
        username=username,
        ip_address="192.0.2.9",
        user_agent="test",
        get_data="",
        post_data="",
        http_accept="*/*",
        path_info="/admin/login/",
        failures_since_start=settings.AXES_FAILURE_LIMIT,
        attempt_time=timezone.now(),
    )


def _traffic(path, site):
    from prongsai.traffic.models import TrafficEntry

    TrafficEntry.objects.create(
        time=timezone.now(), method="GET", host=site.hostname, path=path, status=200
    )


def build_world():
    agencies = {letter: _create_agency(letter) for letter in AGENCIES}
    for agency in agencies.values():
        _fill(agency)
    superuser = get_user_model().objects.create_superuser("platform-root", "root@matrix.example")
    return World(agencies=agencies, superuser=superuser)


@pytest.fixture(scope="module")
def shared_world(django_db_setup, django_db_blocker, tmp_path_factory):
    """The three agencies, built once for the module (building them takes most of a minute)
    inside a transaction that is rolled back when the module ends; each test runs in a
    savepoint within it and is rolled back as usual."""
    from django.db import transaction
    from django.test import override_settings

    media = tmp_path_factory.mktemp("matrix-media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=str(media)):
        outer = transaction.atomic()
        outer.__enter__()
        try:
            world = build_world()
            world.media = media
            yield world
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def world(shared_world, db):
    shared_world.cache = {}
    mail.outbox.clear()
    return shared_world


# ---------------------------------------------------------------- forms as a browser sends them


@dataclass
class Upload:
    """A file in a form: a new SimpleUploadedFile for every request (a file is read once)."""

    name: str
    content: bytes

    def fresh(self):
        return SimpleUploadedFile(self.name, self.content)


def fresh(data):
    out = {}
    for key, value in data.items():
        if isinstance(value, Upload):
            value = value.fresh()
        elif isinstance(value, list):
            value = [v.fresh() if isinstance(v, Upload) else v for v in value]
        out[key] = value
    return out


def browser(user):
    client = Client()
    client.force_login(user)
    return client


def form_fields(client, url, marker):
    """Every field of the form holding the field named `marker`, with the value the page
    shows (lists for multiple values), as the browser would send it unchanged."""
    from bs4 import BeautifulSoup

    response = client.get(url)
    assert response.status_code == 200, f"{url} answered {response.status_code}"
    page = BeautifulSoup(response.content, "html.parser")
    anchor = page.find(attrs={"name": marker})
    assert anchor is not None, f"no field {marker} on {url}"
    form = anchor.find_parent("form")
    data = {}

    def add(name, value):
        data.setdefault(name, []).append(value)

    for element in form.find_all(["input", "select", "textarea"]):
        name = element.get("name")
        kind = element.get("type", "")
        if not name or "__prefix__" in name or kind in ("submit", "button", "file", "image"):
            continue
        if element.name == "select":
            for option in element.find_all("option", selected=True):
                add(name, option.get("value", option.text))
            data.setdefault(name, [])
        elif element.name == "textarea":
            add(name, element.text.lstrip("\n"))
        elif kind in ("checkbox", "radio"):
            if element.has_attr("checked"):
                add(name, element.get("value", "on"))
        else:
            add(name, element.get("value", ""))
    return {k: (v[0] if len(v) == 1 else v) for k, v in data.items() if v != []}


def page_form(page, **changes):
    """What the page editor posts for one of our StandardPages (its StreamField is built by
    the editor's script, so it is written out here, as Wagtail's own tests do)."""
    from wagtail.test.utils.form_data import nested_form_data, streamfield

    fields = {
        "title": page.title,
        "slug": page.slug,
        "summary": "",
        "body": streamfield([]),
        "department": "",
        "source": "งานทดสอบ",
    }
    fields.update(changes)
    return nested_form_data(fields)


def workflow_url(page, action):
    page = Page.objects.get(pk=page.pk).specific
    state = page.current_workflow_state
    task_state = state.current_task_state if state else None
    return f"/admin/pages/workflow/action/{page.pk}/{action}/{task_state.pk if task_state else 0}/"


# ---------------------------------------------------------------- what an action may change


def file_hash(fieldfile):
    try:
        with fieldfile.open("rb") as handle:
            return hashlib.sha256(handle.read()).hexdigest()
    except (FileNotFoundError, ValueError):
        return None


def fresh_obj(obj):
    return type(obj)._default_manager.filter(pk=obj.pk).first()


def page_state(page):
    page = Page.objects.filter(pk=page.pk).first()
    if page is None:
        return None
    return (
        page.title,
        page.live,
        page.locked,
        page.live_revision_id,
        page.latest_revision_id,
        page.get_parent().pk,
        page.get_latest_revision_as_object().title,
        PageViewRestriction.objects.filter(page=page).count(),
    )


def media_files(root):
    found = set()
    for folder, _dirs, names in os.walk(root):
        found.update(os.path.join(folder, n) for n in names)
    return found


def own_files(world, letter):
    """The files of the documents and images (and their renditions) in the collections of
    `letter`'s agency: an upload there is that agency's own (an upload that names another
    agency's collection is refused, disclosures.forms.OwnCollectionMixin)."""
    from prongsai.agencies.collections import agency_collections

    collections = agency_collections(world.agencies[letter].site)
    names = set(
        _document_model().objects.filter(collection__in=collections).values_list("file", flat=True)
    )
    for image in _image_model().objects.filter(collection__in=collections):
        names.add(image.file.name)
        names.update(image.renditions.values_list("file", flat=True))
    return {os.path.join(str(world.media), name) for name in names}


class DryClient:
    """Sends nothing: running an action's request with it fetches (and caches) the forms the
    action builds its request from, before the attempts are watched."""

    def get(self, *args, **kwargs):
        return None

    post = get


def sent_count():
    return len(mail.outbox), Notification.objects.count()


# ---------------------------------------------------------------- the action table


@dataclass
class Action:
    app: str
    name: str
    allowed: tuple  # roles of A that may do it; () = platform administrators only
    send: object  # send(client, world, attacker_agency_letter) -> None: the complete request
    snapshot: object  # snapshot(world) -> what the action changes in A
    prepare: object = None  # prepare(world): what must exist first (once, before the attempts)


def _cached(world, key, make):
    if key not in world.cache:
        world.cache[key] = make()
    return world.cache[key]


def _a_form(world, key, role, url, marker, **changes):
    """The form of A's object as A's permitted person sees it, with `changes`."""

    def make():
        user = world.superuser if role == SUPERUSER else world.a.users[role]
        return form_fields(browser(user), url, marker)

    data = dict(_cached(world, key, make))
    data.update(changes)
    return data


# pages ------------------------------------------------------------------


def _page_edit(client, w, me):
    page = w.a.objects["page"]
    client.post(f"/admin/pages/{page.pk}/edit/", page_form(page, title="แก้แล้ว-ลับ-A"))


def _page_publish(client, w, me):
    page = w.a.objects["page2"]
    data = page_form(page, title="เผยแพร่แล้ว-ลับ-A")
    data["action-publish"] = "action-publish"
    client.post(f"/admin/pages/{page.pk}/edit/", data)


def _page_add(client, w, me):
    about = w.a.section("about")
    page = type("P", (), {"title": "ใหม่-ลับ-A", "slug": "secret-new"})
    client.post(f"/admin/pages/add/site/standardpage/{about.pk}/", page_form(page))


def _page_unpublish(client, w, me):
    page = w.a.objects["news"]
    client.post(f"/admin/pages/{page.pk}/unpublish/", {"include_descendants": ""})


def _page_move(client, w, me):
    page, target = w.a.objects["draft"], w.a.section("manuals")
    client.post(f"/admin/pages/{page.pk}/move/{target.pk}/confirm/")


def _page_copy(client, w, me):
    page = w.a.objects["page"]
    for parent in (w.a.section("about"), w.agencies[me].section("about")):
        client.post(
            f"/admin/pages/{page.pk}/copy/",
            {
                "new_title": "สำเนา-ลับ-A",
                "new_slug": "secret-copy",
                "new_parent_page": parent.pk,
                "copy_subpages": "",
                "publish_copies": "",
                "alias": "",
            },
        )


def _copies(w):
    return Page.objects.filter(slug="secret-copy").count()


def _page_delete(client, w, me):
    page = w.a.objects["knowledge"]
    client.post(f"/admin/pages/{page.pk}/delete/")
    client.post(f"/admin/trash/move/page/{page.pk}/", {"action": "trash", "reason": "ลบ"})


def _page_lock(client, w, me):
    page = w.a.objects["page"]
    client.post(f"/admin/pages/{page.pk}/lock/")


def _page_privacy(client, w, me):
    page = w.a.objects["page2"]
    client.post(
        f"/admin/pages/{page.pk}/privacy/",
        {"restriction_type": "password", "password": "secret-pass-1", "groups": []},
    )


def _about_children(w):
    return sorted(w.a.section("about").get_children().values_list("slug", flat=True))


def _revert_url(w):
    page, revision = w.a.objects["revert"], w.a.objects["revert_from"]
    return f"/admin/pages/{page.pk}/revisions/{revision.pk}/revert/"


def _page_revert(client, w, me):
    """Open the earlier revision in the editor, then save what it shows."""
    page = w.a.objects["revert"]
    shown = _a_form(w, "revert", Role.WEBMASTER, _revert_url(w), "title")
    client.get(_revert_url(w))
    data = page_form(page, title=shown["title"])
    for name in ("loaded_revision_id", "loaded_revision_created_at"):
        if name in shown:
            data[name] = shown[name]
    client.post(f"/admin/pages/{page.pk}/edit/", data)


def _bulk_pages(action, key, data=None, destination=None):
    """Wagtail's bulk action on the page listing: the ids are in the query string."""

    def send(client, w, me):
        url = f"/admin/bulk/wagtailcore/page/{action}/?id={w.a.objects[key].pk}"
        client.get(url)
        if destination is None:
            client.post(url, dict(data or {}))
            return
        # into the attacker's own section first, then where A's staff would move it
        for letter in dict.fromkeys((me, TARGET)):
            client.post(url, {"chooser": w.agencies[letter].section(destination).pk})

    return send


def _bulk_users(action, key, data):
    def send(client, w, me):
        url = f"/admin/bulk/auth/user/{action}/?id={w.a.objects[key].pk}"
        client.get(url)
        client.post(url, data(w) if callable(data) else data)

    return send


def _bulk(app, model, action, key, data):
    """Any other listing's bulk action (documents, images, snippets)."""

    def send(client, w, me):
        url = f"/admin/bulk/{app}/{model}/{action}/?id={w.a.objects[key].pk}"
        client.get(url)
        client.post(url, data)

    return send


def _tags(w, key):
    obj = fresh_obj(w.a.objects[key])
    return sorted(obj.tags.names())


def _a_role_group(role):
    return lambda w: {"role": AgencyRole.objects.get(site=w.a.site, role=role).group_id}


def _user_groups(w, key):
    return sorted(get_user_model().objects.get(pk=w.a.objects[key].pk).groups.values_list("pk"))


PAGE_ACTIONS = [
    Action(
        "pages",
        "edit",
        (Role.WEBMASTER, Role.AGENCY_ADMIN),
        _page_edit,
        lambda w: page_state(w.a.objects["page"]),
    ),
    Action(
        "pages",
        "publish",
        (Role.WEBMASTER, Role.AGENCY_ADMIN),
        _page_publish,
        lambda w: page_state(w.a.objects["page2"]),
    ),
    Action("pages", "add", (Role.WEBMASTER, Role.AGENCY_ADMIN), _page_add, _about_children),
    Action(
        "pages",
        "unpublish",
        (Role.WEBMASTER, Role.AGENCY_ADMIN),
        _page_unpublish,
        lambda w: page_state(w.a.objects["news"]),
    ),
    Action(
        "pages",
        "move",
        (Role.WEBMASTER, Role.AGENCY_ADMIN),
        _page_move,
        lambda w: page_state(w.a.objects["draft"]),
    ),
    Action("pages", "copy", (Role.WEBMASTER, Role.AGENCY_ADMIN), _page_copy, _copies),
    Action(
        "pages",
        "delete (to the trash)",
        (Role.WEBMASTER, Role.AGENCY_ADMIN),
        _page_delete,
        lambda w: page_state(w.a.objects["knowledge"]),
    ),
    Action(
        "pages",
        "lock",
        (Role.WEBMASTER, Role.AGENCY_ADMIN),
        _page_lock,
        lambda w: page_state(w.a.objects["page"]),
    ),
    Action(
        "pages",
        "privacy",
        (Role.WEBMASTER, Role.AGENCY_ADMIN),
        _page_privacy,
        lambda w: page_state(w.a.objects["page2"]),
    ),
    Action(
        "pages",
        "revert to a revision",
        (Role.WEBMASTER, Role.AGENCY_ADMIN),
        _page_revert,
        lambda w: page_state(w.a.objects["revert"]),
    ),
]


# documents and images -------------------------------------------------------


def _file_state(obj):
    obj = fresh_obj(obj)
    if obj is None:
        return None
    return obj.title, obj.collection_id, file_hash(obj.file)


def _collection_count(w, model):
    from prongsai.agencies.collections import agency_collections

    return model.objects.filter(collection__in=agency_collections(w.a.site)).count()


def _document_model():
    from wagtail.documents import get_document_model

    return get_document_model()


def _image_model():
    from wagtail.images import get_image_model

    return get_image_model()


def _doc_add(client, w, me):
    data = _a_form(
        w, "doc-add", Role.WEBMASTER, "/admin/documents/add/", "title", title="ใหม่-ลับ-A-เอกสาร"
    )
    data["file"] = Upload("ใหม่.pdf", _pdf("ใหม่"))
    client.post("/admin/documents/add/", fresh(data))


def _doc_edit_url(w, key="document"):
    return f"/admin/documents/edit/{w.a.objects[key].pk}/"


def _doc_edit(client, w, me):
    data = _a_form(
        w, "doc-edit", Role.WEBMASTER, _doc_edit_url(w), "title", title="แก้แล้ว-ลับ-A-เอกสาร"
    )
    client.post(_doc_edit_url(w), data)


def _doc_replace(client, w, me):
    data = _a_form(w, "doc-replace", Role.WEBMASTER, _doc_edit_url(w, "document2"), "title")
    data["file"] = Upload("แทน.pdf", _pdf("ไฟล์ที่มาแทน"))
    client.post(_doc_edit_url(w, "document2"), fresh(data))


def _doc_delete(client, w, me):
    document = w.a.objects["document2"]
    client.post(f"/admin/documents/delete/{document.pk}/")
    client.post(f"/admin/trash/move/document/{document.pk}/", {"action": "trash", "reason": ""})


def _doc_multiple(client, w, me):
    client.post(
        "/admin/documents/multiple/add/",
        {
            "files[]": SimpleUploadedFile("หลายไฟล์.pdf", _pdf("หลายไฟล์")),
            "collection": w.a.collection.pk,
        },
    )


def _image_add(client, w, me):
    data = _a_form(
        w, "img-add", Role.WEBMASTER, "/admin/images/add/", "title", title="ใหม่-ลับ-A-ภาพ"
    )
    data["file"] = Upload("ใหม่.png", _png("green"))
    client.post("/admin/images/add/", fresh(data))


def _image_edit_url(w, key="image"):
    return f"/admin/images/{w.a.objects[key].pk}/"


def _image_edit(client, w, me):
    data = _a_form(
        w, "img-edit", Role.WEBMASTER, _image_edit_url(w), "title", title="แก้แล้ว-ลับ-A-ภาพ"
    )
    client.post(_image_edit_url(w), data)


def _image_replace(client, w, me):
    data = _a_form(w, "img-replace", Role.WEBMASTER, _image_edit_url(w, "image2"), "title")
    data["file"] = Upload("แทน.png", _png("yellow"))
    client.post(_image_edit_url(w, "image2"), fresh(data))


def _image_delete(client, w, me):
    image = w.a.objects["image2"]
    client.post(f"/admin/images/{image.pk}/delete/")
    client.post(f"/admin/trash/move/image/{image.pk}/", {"action": "trash", "reason": ""})


def _image_multiple(client, w, me):
    client.post(
        "/admin/images/multiple/add/",
        {
            "files[]": SimpleUploadedFile("หลายภาพ.png", _png("purple")),
            "collection": w.a.collection.pk,
        },
    )


FILING = (Role.REQUESTER, Role.WEBMASTER, Role.AGENCY_ADMIN)
RUNNING = (Role.WEBMASTER, Role.AGENCY_ADMIN)

FILE_ACTIONS = [
    Action("documents", "add", FILING, _doc_add, lambda w: _collection_count(w, _document_model())),
    Action("documents", "edit", RUNNING, _doc_edit, lambda w: _file_state(w.a.objects["document"])),
    Action(
        "documents",
        "replace the file",
        RUNNING,
        _doc_replace,
        lambda w: _file_state(w.a.objects["document2"]),
    ),
    Action(
        "documents",
        "multiple upload",
        FILING,
        _doc_multiple,
        lambda w: _collection_count(w, _document_model()),
    ),
    Action(
        "documents",
        "delete (to the trash)",
        RUNNING,
        _doc_delete,
        lambda w: _file_state(w.a.objects["document2"]),
    ),
    Action("images", "add", FILING, _image_add, lambda w: _collection_count(w, _image_model())),
    Action("images", "edit", RUNNING, _image_edit, lambda w: _file_state(w.a.objects["image"])),
    Action(
        "images",
        "replace the file",
        RUNNING,
        _image_replace,
        lambda w: _file_state(w.a.objects["image2"]),
    ),
    Action(
        "images",
        "multiple upload",
        FILING,
        _image_multiple,
        lambda w: _collection_count(w, _image_model()),
    ),
    Action(
        "images",
        "delete (to the trash)",
        RUNNING,
        _image_delete,
        lambda w: _file_state(w.a.objects["image2"]),
    ),
]


# agencies: departments, users, groups, redirects, settings, quota -----------------


def _department_state(w, key):
    department = fresh_obj(w.a.objects[key])
    if department is None:
        return None
    return (
        department.name,
        department.phone,
        department.site_id,
        sorted(department.members.values_list("user_id", flat=True)),
    )


def _dept_add(client, w, me):
    data = _a_form(
        w,
        "dept-add",
        Role.WEBMASTER,
        reverse("wagtailsnippets_agencies_department:add"),
        "name",
        name="ใหม่-ลับ-A-ส่วนงาน",
        site=str(w.a.site.pk),
    )
    client.post(reverse("wagtailsnippets_agencies_department:add"), data)


def _dept_edit(client, w, me):
    url = reverse("wagtailsnippets_agencies_department:edit", args=[w.a.objects["department"].pk])
    data = _a_form(w, "dept-edit", Role.WEBMASTER, url, "name", phone="099-999-9999")
    client.post(url, data)


def _dept_delete(client, w, me):
    client.post(
        reverse("wagtailsnippets_agencies_department:delete", args=[w.a.objects["department2"].pk])
    )


def _a_departments(w):
    return sorted(Department.objects.filter(site=w.a.site).values_list("name", flat=True))


def _user_state(w, key):
    user = get_user_model().objects.filter(pk=w.a.objects[key].pk).first()
    if user is None:
        return None
    return (
        user.email,
        user.is_active,
        user.password,
        sorted(user.groups.values_list("pk", flat=True)),
    )


def _user_add(client, w, me):
    data = _a_form(
        w,
        "user-add",
        Role.AGENCY_ADMIN,
        reverse("wagtailusers_users:add"),
        "username",
        username="secret-a-newcomer",
        email="secret-a-newcomer@matrix.example",
        first_name="ใหม่",
        last_name="ลับ-A",
        password1="Matrix-pass-98765",
        password2="Matrix-pass-98765",
        groups=[str(AgencyRole.objects.get(site=w.a.site, role=Role.REQUESTER).group_id)],
    )
    client.post(reverse("wagtailusers_users:add"), data)


def _user_edit(client, w, me):
    url = reverse("wagtailusers_users:edit", args=[w.a.objects["spare"].pk])
    data = _a_form(
        w, "user-edit", Role.AGENCY_ADMIN, url, "email", email="secret-a-changed@matrix.example"
    )
    client.post(url, data)


def _user_delete(client, w, me):
    client.post(reverse("wagtailusers_users:delete", args=[w.a.objects["spare2"].pk]))


def _a_group(w):
    return AgencyRole.objects.get(site=w.a.site, role=Role.WEBMASTER).group


def _group_edit(client, w, me):
    url = reverse("wagtailusers_groups:edit", args=[_a_group(w).pk])
    data = _a_form(w, "group-edit", SUPERUSER, url, "name", name="ลับ-A-กลุ่มที่ถูกแก้")
    client.post(url, data)


def _group_state(w):
    group = _a_group(w)
    return group.name, group.permissions.count(), group.user_set.count()


def _redirect_state(w, key):
    redirect = fresh_obj(w.a.objects[key])
    if redirect is None:
        return None
    return redirect.old_path, redirect.redirect_link, redirect.site_id


def _redirect_add(client, w, me):
    data = _a_form(
        w,
        "redirect-add",
        Role.WEBMASTER,
        reverse("wagtailredirects:add"),
        "old_path",
        old_path="/secret-a-added",
        redirect_link="https://phishing.example/",
        site=str(w.a.site.pk),
    )
    client.post(reverse("wagtailredirects:add"), data)


def _redirect_edit(client, w, me):
    url = reverse("wagtailredirects:edit", args=[w.a.objects["redirect"].pk])
    data = _a_form(
        w,
        "redirect-edit",
        Role.WEBMASTER,
        url,
        "old_path",
        redirect_link="https://phishing.example/",
    )
    client.post(url, data)


def _redirect_delete(client, w, me):
    client.post(reverse("wagtailredirects:delete", args=[w.a.objects["redirect2"].pk]))


def _redirect_import(client, w, me):
    rows = "from,to\n/secret-a-imported,https://phishing.example/\n"
    upload = client.post(
        reverse("wagtailredirects:start_import"),
        {"import_file": SimpleUploadedFile("r.csv", rows.encode(), content_type="text/csv")},
    )
    context = getattr(upload, "context", None)
    form = context.get("form") if context else None
    if form is None or "import_file_name" not in form.fields:
        return
    data = {name: form[name].value() for name in ("import_file_name", "input_format")}
    data.update(from_index="0", to_index="1", permanent="on", site=str(w.a.site.pk))
    client.post(reverse("wagtailredirects:process_import"), data)


def _stage_import_as_b(w):
    """B's webmaster uploads an import file naming A's paths (and A's site in a column of its
    own); the confirmation's hidden fields name that staged file."""
    rows = f"from,to,site_id\n/secret-a-staged,https://phishing.example/,{w.a.site.pk}\n"
    upload = browser(w.agencies["B"].users[Role.WEBMASTER]).post(
        reverse("wagtailredirects:start_import"),
        {"import_file": SimpleUploadedFile("r.csv", rows.encode(), content_type="text/csv")},
    )
    form = upload.context["form"]
    w.cache["staged"] = {n: form[n].value() for n in ("import_file_name", "input_format")}


def _confirm_staged(client, w, me):
    data = dict(w.cache["staged"], from_index="0", to_index="1", permanent="on")
    client.post(reverse("wagtailredirects:process_import"), dict(data, site=str(w.a.site.pk)))


def _a_redirects(w):
    return sorted(Redirect.objects.filter(site=w.a.site).values_list("old_path", "redirect_link"))


def _settings_url(w):
    return reverse("wagtailsettings:edit", args=["agencies", "agencysettings", w.a.site.pk])


def _settings_state(w):
    s = AgencySettings.objects.get(site=w.a.site)
    return s.name_en, s.phone, s.storage_quota_mb, s.suspended_at


def _settings_edit(client, w, me):
    data = _a_form(
        w,
        "settings",
        Role.WEBMASTER,
        _settings_url(w),
        "name_th",
        name_en="Changed agency",
        phone="02-000-0000",
    )
    client.post(_settings_url(w), data)


def _quota_edit(client, w, me):
    data = _a_form(w, "quota", SUPERUSER, _settings_url(w), "name_th", storage_quota_mb="999999")
    client.post(_settings_url(w), data)


AGENCY_ACTIONS = [
    Action("departments", "add", RUNNING, _dept_add, _a_departments),
    Action(
        "departments", "edit", RUNNING, _dept_edit, lambda w: _department_state(w, "department")
    ),
    Action("departments", "delete", (Role.AGENCY_ADMIN,), _dept_delete, _a_departments),
    Action(
        "users",
        "add",
        (Role.AGENCY_ADMIN,),
        _user_add,
        lambda w: get_user_model().objects.filter(username="secret-a-newcomer").exists(),
    ),
    Action("users", "edit", (Role.AGENCY_ADMIN,), _user_edit, lambda w: _user_state(w, "spare")),
    Action(
        # agency administrators hold no delete_user: deleting an account is for platform admins
        "users",
        "delete",
        (),
        _user_delete,
        lambda w: _user_state(w, "spare2"),
    ),
    Action("groups", "edit", (), _group_edit, _group_state),
    Action("redirects", "add", RUNNING, _redirect_add, _a_redirects),
    Action("redirects", "edit", RUNNING, _redirect_edit, lambda w: _redirect_state(w, "redirect")),
    Action("redirects", "delete", RUNNING, _redirect_delete, _a_redirects),
    Action("redirects", "import", RUNNING, _redirect_import, _a_redirects),
    Action(
        "redirects",
        "confirm an import B staged",
        RUNNING,
        _confirm_staged,
        _a_redirects,
        prepare=_stage_import_as_b,
    ),
    Action("agency settings", "edit", RUNNING, _settings_edit, _settings_state),
    Action("quota", "storage quota", (), _quota_edit, _settings_state),
]


# publishing ------------------------------------------------------------------


def _request_state(w, key):
    from prongsai.publishing.models import PublicationRequest

    request = PublicationRequest.objects.get(pk=w.a.objects[key].pk)
    return request.status, request.decision_reason, request.decided_by_id


def _new_request(client, w, me):
    client.post(
        "/admin/requests/new/",
        {
            "title": "ใหม่-ลับ-A-คำขอ",
            "category": w.a.objects["listing"].pk,
            "description": "",
            "files": [SimpleUploadedFile("คำขอใหม่.pdf", _pdf("คำขอใหม่"))],
            "data_period_start": "",
            "data_period_end": "",
            "wanted_publish_date": "",
            "wanted_takedown_date": "",
            "contact_phone": "",
            "contact_email": "",
        },
    )


def _a_requests(w):
    from prongsai.publishing.models import PublicationRequest

    return (
        PublicationRequest.objects.filter(site=w.a.site).count(),
        Page.objects.filter(title="ใหม่-ลับ-A-คำขอ").count(),
    )


def _approve(client, w, me):
    client.post(workflow_url(w.a.objects["request"].page, "approve"), {"comment": ""})


def _return(client, w, me):
    url = workflow_url(w.a.objects["request2"].page, "reject")
    client.post(url, {"comment": "ไม่เกี่ยวข้องกับภารกิจ"})


def _approved_first(w):
    """request3 passes the head's approval: it waits at the webmaster's step."""
    approver = browser(w.a.users[Role.APPROVER])
    approver.post(workflow_url(w.a.objects["request3"].page, "approve"), {"comment": ""})


def _checked(client, w, me):
    client.post(workflow_url(w.a.objects["request3"].page, "approve"), {"comment": ""})


def _request_and_page(w, key):
    page = Page.objects.get(pk=w.a.objects[key].page_id)
    return _request_state(w, key), page.live, page.live_revision_id


PUBLISHING_ACTIONS = [
    Action(
        "publishing",
        "new request",
        (Role.REQUESTER, Role.APPROVER, Role.WEBMASTER, Role.AGENCY_ADMIN),
        _new_request,
        _a_requests,
    ),
    Action(
        "publishing", "approve", (Role.APPROVER,), _approve, lambda w: _request_state(w, "request")
    ),
    Action(
        "publishing",
        "return / refuse",
        (Role.APPROVER,),
        _return,
        lambda w: _request_state(w, "request2"),
    ),
    Action(
        "publishing",
        "checked (the webmaster's step)",
        (Role.WEBMASTER,),
        _checked,
        lambda w: _request_and_page(w, "request3"),
        prepare=_approved_first,
    ),
]


# compliance ------------------------------------------------------------------


def _entry_url(w):
    return f"/admin/ita/entries/{w.a.objects['entry'].pk}/"


def _entry_state(w):
    from prongsai.compliance.models import ChecklistEntry

    entry = ChecklistEntry.objects.get(pk=w.a.objects["entry"].pk)
    return (
        entry.status,
        entry.explanation,
        sorted(entry.evidence.values_list("url", "label", "page_id", "document_id")),
    )


def _entry_mark(client, w, me):
    data = _a_form(
        w,
        "entry",
        Role.WEBMASTER,
        _entry_url(w),
        "entry-explanation",
        **{"entry-status": "ready", "entry-explanation": "แก้แล้ว"},
    )
    client.post(_entry_url(w), data)


def _entry_evidence(client, w, me):
    data = _a_form(
        w,
        "entry",
        Role.WEBMASTER,
        _entry_url(w),
        "entry-explanation",
        **{"evidence-0-url": "https://phishing.example/evidence", "evidence-0-label": "หลักฐาน"},
    )
    client.post(_entry_url(w), data)


def _checklist_state(w):
    from prongsai.compliance.models import Checklist, CheckRun

    checklist = Checklist.objects.get(pk=w.a.objects["checklist"].pk)
    return checklist.status, CheckRun.objects.filter(checklist=checklist).count()


def _checklist_post(path):
    def send(client, w, me):
        client.post(f"/admin/ita/checklists/{w.a.objects['checklist'].pk}/{path}/")

    return send


def _checklist_create(client, w, me):
    client.post(
        f"/admin/ita/?site={w.a.site.pk}", {"catalog": w.a.objects["catalog2"].pk, "copy_from": ""}
    )


def _a_checklists(w):
    from prongsai.compliance.models import Checklist

    return Checklist.objects.filter(site=w.a.site).count()


CATALOG_CSV = "code,title_th,period\nO1,ลับ-A-เกณฑ์นำเข้า,any\n"


def _catalog_import(client, w, me):
    client.post(
        "/admin/ita/catalogs/import/",
        {
            "scheme": "nacc-oit",
            "fiscal_year": "2571",
            "title": "ลับ-A-ชุดเกณฑ์",
            "agency_types": ["sao"],
            "file": SimpleUploadedFile("oit.csv", CATALOG_CSV.encode()),
        },
    )
    client.post("/admin/ita/catalogs/import/", {"confirm": "1"})


def _catalog_item(w):
    return w.a.objects["catalog"].items.order_by("sort_order").first()


def _catalog_correct(client, w, me):
    url = f"/admin/ita/catalogs/items/{_catalog_item(w).pk}/"
    data = _a_form(w, "catalog-item", SUPERUSER, url, "title_th", title_th="ลับ-A-แก้เกณฑ์")
    client.post(url, data)


def _catalogs(w):
    from prongsai.compliance.models import Catalog, CatalogItem

    return Catalog.objects.count(), CatalogItem.objects.get(pk=_catalog_item(w).pk).title_th


COMPLIANCE_ACTIONS = [
    Action("compliance", "mark an entry", RUNNING, _entry_mark, _entry_state),
    Action("compliance", "attach evidence", RUNNING, _entry_evidence, _entry_state),
    Action("compliance", "run the checks", RUNNING, _checklist_post("run"), _checklist_state),
    Action("compliance", "new checklist", RUNNING, _checklist_create, _a_checklists),
    Action("compliance", "submit", RUNNING, _checklist_post("submit"), _checklist_state),
    Action(
        "compliance", "reopen", (Role.AGENCY_ADMIN,), _checklist_post("reopen"), _checklist_state
    ),
    Action("compliance", "import a catalog", (), _catalog_import, _catalogs),
    Action("compliance", "correct a catalog item", (), _catalog_correct, _catalogs),
]


# retention ------------------------------------------------------------------


def _campaign_state(w, key):
    from prongsai.retention.models import CampaignItem, RetentionCampaign

    campaign = RetentionCampaign.objects.get(pk=w.a.objects[key].pk)
    items = CampaignItem.objects.filter(campaign=campaign)
    return campaign.state, sorted(items.values_list("pk", "keep", "keep_reason", "outcome"))


def _campaign_create(client, w, me):
    url = f"/admin/currency/campaigns/?site={w.a.site.pk}"
    data = _a_form(w, "campaign-add", Role.WEBMASTER, url, "title", title="ใหม่-ลับ-A-แคมเปญ")
    client.post(url, data)


def _a_campaigns(w):
    from prongsai.retention.models import RetentionCampaign

    return sorted(RetentionCampaign.objects.filter(site=w.a.site).values_list("title", "state"))


def _campaign_keep(client, w, me):
    item = w.a.objects["campaign_item"]
    client.post(
        f"/admin/currency/campaigns/{item.campaign_id}/",
        {
            "action": "decide",
            "item": [item.pk],
            f"keep-{item.pk}": "on",
            f"reason-{item.pk}": "ยังใช้อยู่",
        },
    )


def _campaign_action(key, action):
    def send(client, w, me):
        client.post(f"/admin/currency/campaigns/{w.a.objects[key].pk}/", {"action": action})

    return send


def _rules(client, w, me):
    listing = w.a.objects["listing"]
    client.post(f"/admin/currency/rules/?site={w.a.site.pk}", {f"days-{listing.pk}": "77"})


def _rules_state(w):
    from prongsai.retention.models import TakedownRule

    return sorted(TakedownRule.objects.filter(site=w.a.site).values_list("listing_id", "days"))


def _currency_bulk(client, w, me):
    page = w.a.objects["disclosure"]
    client.post(
        f"/admin/currency/?site={w.a.site.pk}",
        {
            "action": "set_date",
            "date": str(timezone.localdate() + timedelta(days=40)),
            "pages": [page.pk],
            "section": "soon",
        },
    )


def _campaign_purge(client, w, me):
    url = f"/admin/currency/campaigns/{w.a.objects['campaign_done'].pk}/purge/"
    client.get(url)
    client.post(url, {"confirm": "yes"})


RETENTION_ACTIONS = [
    Action("retention", "new campaign", RUNNING, _campaign_create, _a_campaigns),
    Action(
        "retention",
        "keep an item",
        (Role.WEBMASTER, Role.AGENCY_ADMIN, Role.REQUESTER),
        _campaign_keep,
        lambda w: _campaign_state(w, "campaign"),
    ),
    Action(
        "retention",
        "announce",
        RUNNING,
        _campaign_action("campaign_draft", "announce"),
        lambda w: _campaign_state(w, "campaign_draft"),
    ),
    Action(
        "retention",
        "cancel",
        RUNNING,
        _campaign_action("campaign_draft", "cancel"),
        lambda w: _campaign_state(w, "campaign_draft"),
    ),
    Action(
        "retention",
        "carry out (remove)",
        RUNNING,
        _campaign_action("campaign_due", "carry_out"),
        lambda w: _campaign_state(w, "campaign_due"),
    ),
    Action("retention", "take-down rules", RUNNING, _rules, _rules_state),
    Action(
        "retention",
        "purge what a campaign left in the trash",
        RUNNING,
        _campaign_purge,
        lambda w: _entry_of(w, "trashed5_entry"),
    ),
    Action(
        "retention",
        "take-down date",
        RUNNING,
        _currency_bulk,
        lambda w: Page.objects.get(pk=w.a.objects["disclosure"].pk).expire_at,
    ),
]


# trash ------------------------------------------------------------------


def _entry_of(w, key):
    from prongsai.trash.models import TrashEntry

    entry = TrashEntry.objects.get(pk=w.a.objects[key].pk)
    return entry.state, Page.objects.filter(pk=entry.object_id).exists()


def _restore(client, w, me):
    client.post(f"/admin/trash/{w.a.objects['trashed_entry'].pk}/restore/")


def _restore_selected(client, w, me):
    client.post(
        f"/admin/trash/restore/?site={w.a.site.pk}",
        {"site": w.a.site.pk, "entries": [w.a.objects["trashed3_entry"].pk]},
    )


def _purge(client, w, me):
    url = f"/admin/trash/{w.a.objects['trashed2_entry'].pk}/purge/"
    client.get(url)
    client.post(url, {"confirm": "yes"})


def _empty(client, w, me):
    client.post(f"/admin/trash/empty/?site={w.a.site.pk}", {"confirm": "yes"})


def _a_trash(w):
    from prongsai.trash.models import TrashEntry

    return sorted(TrashEntry.objects.filter(site=w.a.site).values_list("pk", "state"))


TRASH_ACTIONS = [
    Action("trash", "restore", RUNNING, _restore, lambda w: _entry_of(w, "trashed_entry")),
    Action(
        "trash",
        "restore selected",
        RUNNING,
        _restore_selected,
        lambda w: _entry_of(w, "trashed3_entry"),
    ),
    Action("trash", "delete for good", RUNNING, _purge, lambda w: _entry_of(w, "trashed2_entry")),
    Action("trash", "empty the trash", RUNNING, _empty, _a_trash),
]


# channels, accounts, platform ---------------------------------------------------------


def _note_state(w, key):
    return Notification.objects.get(pk=w.a.objects[key].pk).read_at


def _open_note(client, w, me):
    client.get(f"/admin/notifications/{w.a.objects['notification'].pk}/open/")


def _mark_all_read(client, w, me):
    client.post("/admin/notifications/mark-all-read/")


def _unlock(client, w, me):
    client.post("/admin/sign-ins/", {"username": "secret-a-spare"})


def _fresh_lockout(w):
    """The lockout made with the world is older than the cool-off when the module runs long
    (axes then forgets it on the next request): lock the account again just before the row."""
    from axes.models import AccessAttempt

    AccessAttempt.objects.filter(username="secret-a-spare").delete()
    _lockout("secret-a-spare")


def _lockouts(w):
    from axes.models import AccessAttempt

    return AccessAttempt.objects.filter(username="secret-a-spare").count()


def _suspend_first(w):
    from prongsai.platform.suspension import suspend_agency

    suspend_agency(w.a.site, "ค้างชำระ")


def _resume(client, w, me):
    client.post(f"/admin/agencies/{w.a.site.pk}/resume/")


def _suspend(client, w, me):
    client.post(f"/admin/agencies/{w.a.site.pk}/suspend/", {"reason": "ระงับโดยผู้อื่น"})


def _create_agency_screen(client, w, me):
    client.post(
        "/admin/agencies/create/",
        {
            "name_th": "ลับ-A-หน่วยงานใหม่",
            "short_name": "ใหม่-matrix",
            "hostname": "new.matrix.example",
            "port": "80",
            "agency_type": "sao",
            "admin_username": "",
            "admin_email": "",
        },
    )


OTHER_ACTIONS = [
    Action(
        "channels",
        "open (mark read)",
        (Role.WEBMASTER,),
        _open_note,
        lambda w: _note_state(w, "notification"),
    ),
    Action(
        "channels",
        "mark all read",
        (Role.WEBMASTER,),
        _mark_all_read,
        lambda w: _note_state(w, "notification2"),
    ),
    Action(
        "accounts",
        "unlock a sign-in",
        (Role.AGENCY_ADMIN,),
        _unlock,
        _lockouts,
        prepare=_fresh_lockout,
    ),
    Action("platform", "resume", (), _resume, _settings_state, prepare=_suspend_first),
    Action("platform", "suspend", (), _suspend, _settings_state),
    Action(
        "platform",
        "create an agency",
        (),
        _create_agency_screen,
        lambda w: Site.objects.filter(hostname="new.matrix.example").exists(),
    ),
]


# bulk actions (Wagtail takes the ids in the query string) -------------------------

BULK_ACTIONS = [
    Action(
        "pages (bulk)",
        "publish",
        RUNNING,
        _bulk_pages("publish", "bulk_draft", {"include_descendants": ""}),
        lambda w: page_state(w.a.objects["bulk_draft"]),
    ),
    Action(
        "pages (bulk)",
        "unpublish",
        RUNNING,
        _bulk_pages("unpublish", "bulk_live", {"include_descendants": ""}),
        lambda w: page_state(w.a.objects["bulk_live"]),
    ),
    Action(
        "pages (bulk)",
        "move",
        RUNNING,
        _bulk_pages("move", "bulk_move", destination="manuals"),
        lambda w: page_state(w.a.objects["bulk_move"]),
    ),
    Action(
        # agency staff delete through the trash (trash.wagtail_hooks): Wagtail's bulk delete,
        # which deletes for good, is left to platform administrators
        "pages (bulk)",
        "delete",
        (),
        _bulk_pages("delete", "bulk_delete"),
        lambda w: page_state(w.a.objects["bulk_delete"]),
    ),
    Action(
        "documents (bulk)",
        "add tags",
        RUNNING,
        _bulk("disclosures", "agencydocument", "add_tags", "document", {"tags": "secret-x-tag"}),
        lambda w: _tags(w, "document"),
    ),
    Action(
        "images (bulk)",
        "add tags",
        RUNNING,
        _bulk("wagtailimages", "image", "add_tags", "image", {"tags": "secret-x-tag"}),
        lambda w: _tags(w, "image"),
    ),
    Action(
        "departments (bulk)",
        "delete",
        (Role.AGENCY_ADMIN,),
        _bulk("agencies", "department", "delete", "department2", {}),
        _a_departments,
    ),
    Action(
        "users (bulk)",
        "set active state",
        (Role.AGENCY_ADMIN,),
        _bulk_users("set_active_state", "spare", {"mark_as_active": "False"}),
        lambda w: _user_state(w, "spare"),
    ),
    Action(
        "users (bulk)",
        "assign role",
        (Role.AGENCY_ADMIN,),
        _bulk_users("assign_role", "spare", _a_role_group(Role.WEBMASTER)),
        lambda w: _user_groups(w, "spare"),
    ),
    Action(
        # agency administrators hold no delete_user (as for the single delete)
        "users (bulk)",
        "delete",
        (),
        _bulk_users("delete", "spare2", {}),
        lambda w: _user_state(w, "spare2"),
    ),
]


# ---------------------------------------------------------------- running a row


def attackers(action):
    """(agency, role) pairs that must leave A unchanged: every role of B and C, and A's roles
    the action is not for."""
    pairs = [(letter, role) for letter in AGENCIES if letter != TARGET for role in ROLES]
    pairs += [(TARGET, role) for role in ROLES if role not in action.allowed]
    return pairs


def control_user(world, action):
    return world.user(TARGET, action.allowed[0] if action.allowed else SUPERUSER)


def run_row(world, action, media_root, capture):
    """Try the action as every attacker, then as the control; return the failures."""
    failures = []
    label = f"{action.app} / {action.name}"
    if action.prepare:
        action.prepare(world)
    action.send(DryClient(), world, TARGET)  # fetches the forms as A's staff see them, first
    before = action.snapshot(world)
    for letter, role in attackers(action):
        client = browser(world.user(letter, role))
        files, sent = media_files(media_root), sent_count()
        try:
            with capture(execute=True):
                action.send(client, world, letter)
        except Exception as error:  # a server error is a finding too
            failures.append(f"{label}: {letter}/{role} raised {error!r}")
            continue
        after = action.snapshot(world)
        if after != before:
            failures.append(f"{label}: {letter}/{role} changed A: {before!r} -> {after!r}")
            before = after
        new_files = media_files(media_root) - files - own_files(world, letter)
        if new_files:
            failures.append(f"{label}: {letter}/{role} left files {sorted(new_files)}")
        if sent_count() != sent:
            failures.append(f"{label}: {letter}/{role} sent something {sent} -> {sent_count()}")
    client = browser(control_user(world, action))
    with capture(execute=True):
        action.send(client, world, TARGET)
    if action.snapshot(world) == before:
        failures.append(f"{label}: the control ({action.allowed[:1] or SUPERUSER}) changed nothing")
    return failures


def run_table(world, actions, media_root, capture):
    failures = []
    for action in actions:
        failures += run_row(world, action, media_root, capture)
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize(
    "table",
    [
        pytest.param(PAGE_ACTIONS, id="pages"),
        pytest.param(BULK_ACTIONS, id="bulk-actions"),
        pytest.param(FILE_ACTIONS, id="documents-images"),
        pytest.param(AGENCY_ACTIONS, id="agencies"),
        pytest.param(PUBLISHING_ACTIONS, id="publishing"),
        pytest.param(COMPLIANCE_ACTIONS, id="compliance"),
        pytest.param(RETENTION_ACTIONS, id="retention"),
        pytest.param(TRASH_ACTIONS, id="trash"),
        pytest.param(OTHER_ACTIONS, id="channels-accounts-platform"),
    ],
)
def test_writes_leave_the_other_agency_unchanged(world, django_capture_on_commit_callbacks, table):
    run_table(world, table, world.media, django_capture_on_commit_callbacks)


# ---------------------------------------------------------------- reads


def _text(response):
    """What the person gets: HTML, JSON (choosers put their HTML inside), CSV or a workbook."""
    kind = response.get("Content-Type", "")
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if "spreadsheetml" in kind:
        from openpyxl import load_workbook

        book = load_workbook(io.BytesIO(body), read_only=True)
        return "\n".join(
            str(cell) for sheet in book for row in sheet.iter_rows(values_only=True) for cell in row
        )
    if "json" in kind:
        import json

        return json.dumps(json.loads(body), ensure_ascii=False)
    if "pdf" in kind:
        return body.decode("latin-1")
    return body.decode("utf-8", errors="replace")


def _type_id(model):
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get_for_model(model).pk


def read_urls(w):
    """(url, who sees A's sentinel there) — every listing, report, chooser, search and export."""
    a = w.a
    o, site = a.objects, a.site.pk
    checklist, campaign = o["checklist"].pk, o["campaign"].pk
    wm = Role.WEBMASTER
    return [
        ("/admin/", wm),
        ("/admin/pages/search/?q=ลับ", wm),
        (f"/admin/pages/{a.section('about').pk}/", wm),
        (f"/admin/pages/{o['page'].pk}/history/", wm),
        (f"/admin/pages/{o['page'].pk}/revisions/", None),
        (_revert_url(w), wm),
        (f"/admin/pages/{o['revert'].pk}/revisions/{o['revert_from'].pk}/view/", wm),
        (f"/admin/pages/{o['revert'].pk}/revisions/compare/earliest...latest/", wm),
        (f"/admin/bulk/wagtailcore/page/publish/?id={o['bulk_draft'].pk}", wm),
        (f"/admin/bulk/wagtailcore/page/unpublish/?id={o['bulk_live'].pk}", wm),
        (f"/admin/bulk/wagtailcore/page/move/?id={o['bulk_move'].pk}", wm),
        (f"/admin/bulk/wagtailcore/page/delete/?id={o['bulk_delete'].pk}", wm),
        (f"/admin/bulk/disclosures/agencydocument/add_tags/?id={o['document'].pk}", wm),
        (f"/admin/bulk/disclosures/agencydocument/add_to_collection/?id={o['document'].pk}", wm),
        (f"/admin/bulk/disclosures/agencydocument/delete/?id={o['document'].pk}", wm),
        (f"/admin/bulk/wagtailimages/image/add_tags/?id={o['image'].pk}", wm),
        (f"/admin/bulk/wagtailimages/image/add_to_collection/?id={o['image'].pk}", wm),
        (f"/admin/bulk/wagtailimages/image/delete/?id={o['image'].pk}", wm),
        (f"/admin/bulk/agencies/department/delete/?id={o['department2'].pk}", Role.AGENCY_ADMIN),
        (f"/admin/bulk/auth/user/set_active_state/?id={o['spare'].pk}", Role.AGENCY_ADMIN),
        (f"/admin/bulk/auth/user/assign_role/?id={o['spare'].pk}", Role.AGENCY_ADMIN),
        (f"/admin/bulk/auth/user/delete/?id={o['spare2'].pk}", SUPERUSER),
        (f"/admin/pages/{o['page'].pk}/usage/", None),
        ("/admin/choose-page/", None),
        (f"/admin/choose-page/{a.section('about').pk}/", wm),
        ("/admin/choose-page/search/?q=ลับ", wm),
        ("/admin/reports/page-types-usage/", None),
        ("/admin/reports/site-history/", wm),
        (f"/admin/reports/site-history/?object_type={_type_id(Department)}", wm),
        ("/admin/reports/site-history/?action=wagtail.edit", wm),
        ("/admin/reports/site-history/?export=csv", wm),
        ("/admin/reports/aging-pages/", wm),
        ("/admin/reports/locked/", None),
        ("/admin/reports/workflow/", wm),
        ("/admin/reports/workflow_tasks/", wm),
        ("/admin/reports/document-text/", wm),
        ("/admin/documents/?q=ลับ", wm),
        ("/admin/documents/chooser/?q=ลับ", wm),
        (f"/admin/documents/edit/{o['document'].pk}/", wm),
        ("/admin/images/?q=ลับ", wm),
        ("/admin/images/chooser/?q=ลับ", wm),
        (f"/admin/images/{o['image'].pk}/", wm),
        (reverse("wagtailsnippets_agencies_department:list"), wm),
        ("/admin/snippets/choose/agencies/department/", wm),
        (reverse("wagtailsnippets_agencies_department:edit", args=[o["department"].pk]), wm),
        ("/admin/users/", Role.AGENCY_ADMIN),
        (reverse("wagtailusers_users:edit", args=[o["spare"].pk]), Role.AGENCY_ADMIN),
        ("/admin/groups/", SUPERUSER),
        ("/admin/redirects/", wm),
        (reverse("wagtailredirects:add"), None),
        (reverse("wagtailredirects:edit", args=[o["redirect"].pk]), wm),
        (reverse("wagtailsettings:edit", args=["agencies", "agencysettings", site]), wm),
        ("/admin/requests/", wm),
        (f"/admin/requests/{o['request'].pk}/", wm),
        (f"/admin/requests/{o['request'].pk}/pdf/", None),
        ("/admin/requests/report/2569.xlsx", wm),
        (f"/admin/ita/?site={site}", None),
        (f"/admin/ita/checklists/{checklist}/", wm),
        (f"/admin/ita/checklists/{checklist}/export.csv", wm),
        (f"/admin/ita/checklists/{checklist}/export.xlsx", wm),
        (f"/admin/ita/entries/{o['entry'].pk}/", wm),
        (f"/admin/ita/dashboard/?site={site}", None),
        (f"/admin/ita/self-audit/?site={site}", None),
        (f"/admin/currency/?site={site}", None),
        (f"/admin/currency/rules/?site={site}", None),
        (f"/admin/currency/campaigns/?site={site}", wm),
        (f"/admin/currency/campaigns/{campaign}/", wm),
        (f"/admin/currency/campaigns/{campaign}/report.csv", wm),
        (f"/admin/currency/campaigns/{o['campaign_done'].pk}/purge/", wm),
        (f"/admin/trash/?site={site}", wm),
        (f"/admin/trash/?site={site}&tab=history", None),
        (f"/admin/storage/?site={site}", None),
        ("/admin/notifications/", wm),
        ("/admin/sign-ins/", Role.AGENCY_ADMIN),
        ("/admin/traffic/?path=secret", SUPERUSER),
        ("/admin/agencies/", SUPERUSER),
    ]


def site_history_filters():
    """The site-history report filtered by every object type and every action its log holds
    (what a platform administrator can choose), so that a choice only A's objects make is
    tried too."""
    from wagtail.log_actions import registry

    urls = []
    for log_model in registry.get_log_entry_models():
        entries = log_model.objects.all()
        for type_id in entries.values_list("content_type_id", flat=True).distinct():
            urls.append(f"/admin/reports/site-history/?object_type={type_id}")
        for action in entries.values_list("action", flat=True).distinct():
            urls.append(f"/admin/reports/site-history/?action={action}")
    return [(url, None) for url in dict.fromkeys(urls)]


def test_reads_show_nothing_of_the_other_agency(world):
    failures = []
    urls = read_urls(world)
    filtered = site_history_filters()
    readers = [(letter, role) for letter in AGENCIES if letter != TARGET for role in ROLES]
    for letter, role in readers:
        client = browser(world.user(letter, role))
        # C stands where B does: the many filtered reports are read by B's roles only
        for url, _seen_by in urls + (filtered if letter == "B" else []):
            try:
                text = _text(client.get(url))
            except Exception as error:
                failures.append(f"{url}: {letter}/{role} raised {error!r}")
                continue
            leaked = [mark for mark in LEAK_MARKS if mark in text]
            if leaked:
                failures.append(f"{url}: {letter}/{role} sees {leaked}")
    for url, seen_by in urls:
        if seen_by is None:
            continue
        text = _text(browser(world.user(TARGET, seen_by)).get(url))
        if not any(mark in text for mark in LEAK_MARKS):
            failures.append(f"{url}: A's {seen_by} (control) does not see A's own items")
    assert not failures, "\n".join(failures)
