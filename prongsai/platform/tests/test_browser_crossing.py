"""Issue 12 in the browser: on a fresh demo with agencies B and C made by `prongsai agency create`,
B's webmaster and B's agency admin, signed in through the login form, walk every admin screen
in Chromium and see nothing of the demo agency (A) nor of C; A's objects opened by address
show nothing and stay as they were; the demo's webmaster sees nothing of B.

The demo runs on its own data folder (the agencies added here would change what the other
browser tests see). B's first agency admin comes from the command's --admin option and sets a
password through the link it prints; that admin then makes B's other people on the users screen.
Sentinel content ("ลับ-B-…") is put in with `prongsai shell`, there being no command for it.
"""

import json
import re
import subprocess
import sys
from dataclasses import dataclass, field
from urllib.parse import parse_qs, quote, urlsplit

import pytest

pytestmark = pytest.mark.browser

PASSWORD = "walk-pass-2569"
WAIT_MS = 8000

SEED = """
import json
from django.core.files.base import ContentFile
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Site
from wagtail.rich_text import RichText
from wagtail.search.backends import get_search_backend
from prongsai.agencies.collections import agency_collection
from prongsai.agencies.models import Department
from prongsai.core import samplefiles
from prongsai.site.models import StandardPage


def seed(HOST, L):
    site = Site.objects.get(hostname=HOST)
    collection = agency_collection(site)
    image = get_image_model()(
        title=f"ลับ-{L}-ภาพ",
        collection=collection,
        file=ContentFile(samplefiles.make_photo(f"ลับ-{L}", 3, (120, 80)), name="secret.png"),
    )
    image.save()
    document = get_document_model()(
        title=f"ลับ-{L}-เอกสาร",
        collection=collection,
        file=ContentFile(
            samplefiles.make_pdf(f"ลับ-{L}-เอกสาร", ["ลับ"], agency=site.site_name), name="secret.pdf"
        ),
    )
    document._set_document_file_metadata()
    document.save()
    department = Department.objects.create(site=site, name=f"ลับ-{L}-ส่วนงาน")
    page = site.root_page.add_child(
        instance=StandardPage(
            title=f"ลับ-{L}-หน้า",
            slug=f"secret-{L.lower()}",
            department=department,
            body=[
                ("paragraph", RichText(f"<p>ลับ-{L}-เนื้อหา</p>")),
                ("image", {"image": image, "alt_text": "", "caption": ""}),
                ("files", [{"document": document, "title": ""}]),
            ],
        )
    )
    page.save_revision().publish()
    # the worker indexes saved objects a little later; the walk searches at once
    backend = get_search_backend()
    for obj in (page, document, image):
        backend.add(obj)
    Redirect.objects.create(site=site, old_path=f"/secret-{L.lower()}-old", redirect_page=page)
    return {"site": site.pk, "home": site.root_page_id, "page": page.pk}
"""

# What of the demo agency (A) a person of another agency must never read: every title of its
# pages (but the sections every agency has), documents, images and departments, its people's
# names, user names and e-mail addresses, and its own name.
A_MARKS = """
import json
from django.contrib.auth import get_user_model
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Site
from prongsai.agencies.collections import agency_collections
from prongsai.agencies.models import AgencyRole, AgencySettings, Department


def a_marks():
    a = Site.objects.get(is_default_site=True)
    shared = set()
    for other in Site.objects.exclude(pk=a.pk):
        tree = Page.objects.descendant_of(other.root_page, inclusive=True)
        shared |= set(tree.values_list("title", flat=True))
    pages = Page.objects.descendant_of(a.root_page)
    titles = set(pages.values_list("title", flat=True)) - shared
    collections = agency_collections(a)
    documents = get_document_model().objects.filter(collection__in=collections).order_by("pk")
    images = get_image_model().objects.filter(collection__in=collections).order_by("pk")
    titles |= set(documents.values_list("title", flat=True))
    titles |= set(images.values_list("title", flat=True))
    titles |= set(Department.objects.filter(site=a).values_list("name", flat=True))
    settings = AgencySettings.for_site(a)
    titles |= {settings.name_th, settings.short_name}
    people = get_user_model().objects.filter(groups__agency_role__site=a).distinct()
    titles |= {f"{p.first_name} {p.last_name}" for p in people}
    tokens = {p.username for p in people} | {p.email for p in people if p.email}
    news = pages.filter(depth__gte=5).live().order_by("-pk").first()
    document, image = documents.first(), images.first()
    webmaster = people.get(username="webmaster")
    return ({
        "titles": sorted(titles), "tokens": sorted(tokens),
        "page": news.pk, "page_title": news.title,
        "document": document.pk, "document_title": document.title,
        "image": image.pk, "image_title": image.title,
        "user": webmaster.pk,
    })
"""

# A's objects as the database holds them, read apart from the browser.
A_STATE = """
import json
from django.contrib.auth import get_user_model
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page
page = Page.objects.get(pk=PAGE)
document = get_document_model().objects.get(pk=DOCUMENT)
image = get_image_model().objects.get(pk=IMAGE)
user = get_user_model().objects.get(pk=USER)
print(json.dumps({
    "page": [page.title, page.live, page.locked, page.latest_revision_id,
             page.has_unpublished_changes],
    "document": [document.title, document.file.name, document.collection_id],
    "image": [image.title, image.file.name, image.collection_id],
    "user": [user.username, user.email, user.password, user.is_active,
             sorted(user.groups.values_list("pk", flat=True))],
}, ensure_ascii=False))
"""

# Titles of demo pages that are also words of the interface (page type names, the settings'
# policy-page fields, the ITA checklist's checks): on a screen they tell nothing of A.
INTERFACE_WORDS = {
    "ทำเนียบผู้บริหาร",
    "โครงสร้างหน่วยงาน",
    "นโยบายการคุ้มครองข้อมูลส่วนบุคคล",
    "นโยบายการรักษาความมั่นคงปลอดภัยเว็บไซต์",
    "นโยบายเว็บไซต์",
}
# The settings form's help text gives the demo's short name as an example of a short name.
EXAMPLES = ("เช่น อบต.หนองน้ำใส",)

# The page's text as a person reads it, hidden parts included (filters in closed drop-downs,
# options of selects) and what the form fields hold; not the scripts.
DOM_TEXT = """() => {
  const body = document.body.cloneNode(true);
  body.querySelectorAll("script, style").forEach(node => node.remove());
  const values = [...document.querySelectorAll("input:not([type=hidden]), textarea")]
    .map(field => field.value);
  return body.textContent + "\\n" + values.join("\\n");
}"""


def prongsai(env, *args, timeout=120):
    """Runs `prongsai …` in `env` (the demo's data folder); returns its output."""
    done = subprocess.run(
        [sys.executable, "-m", "prongsai", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


def shell(env, code, **values):
    preamble = "".join(f"{name} = {value!r}\n" for name, value in values.items())
    output = prongsai(env, "shell", "--no-imports", "-c", preamble + code)
    return json.loads(output.strip().splitlines()[-1])


@dataclass
class Walk:
    url: str
    env: dict
    a: dict
    b: dict
    c: dict
    people: dict = field(default_factory=dict)
    a_before: dict = field(default_factory=dict)

    def a_state(self):
        a = self.a
        return shell(
            self.env,
            A_STATE,
            PAGE=a["page"],
            DOCUMENT=a["document"],
            IMAGE=a["image"],
            USER=a["user"],
        )


def make_agency(env, letter):
    low = letter.lower()
    output = prongsai(
        env,
        "agency",
        "create",
        "--name",
        f"ลับ-{letter}-หน่วยงาน",
        "--short-name",
        f"ลับ-{letter}-อบต.",
        "--host",
        f"{low}.walk.example",
        "--admin",
        f"secret-{low}-admin",
        "--email",
        f"secret-{low}-admin@walk.example",
    )
    link = re.search(r"https?://[^/\s]+(/admin/password_reset/\S+)", output).group(1)
    return {"admin": f"secret-{low}-admin", "link": link}


@pytest.fixture(scope="module")
def walk(tmp_path_factory, chromium, demo_runner):
    data_dir = tmp_path_factory.mktemp("walk-data")
    env = demo_runner.environment(data_dir)
    prongsai(env, "demo", "--no-serve", "--data-dir", str(data_dir), timeout=300)
    b, c = make_agency(env, "B"), make_agency(env, "C")
    made = shell(
        env,
        SEED + A_MARKS + "print(json.dumps("
        "{'B': seed('b.walk.example', 'B'), 'C': seed('c.walk.example', 'C'), 'A': a_marks()},"
        " ensure_ascii=False))",
    )
    a, b, c = made["A"], {**b, **made["B"]}, {**c, **made["C"]}
    with demo_runner.serving(data_dir) as url:
        world = Walk(url, env, a, b, c)
        world.a_before = world.a_state()
        context = chromium.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.set_default_timeout(WAIT_MS)
        # B's first agency admin chooses a password with the command's one-time link ...
        page.goto(url + b["link"])
        page.fill("#id_new_password1", PASSWORD)
        page.fill("#id_new_password2", PASSWORD)
        page.click("main form button[type=submit]")
        page.wait_for_url(re.compile(r".*/password_reset/complete/$"))
        # ... and makes a person in each of B's other roles on the users screen.
        sign_in(page, url, b["admin"])
        for username, role in (
            ("secret-b-webmaster", "ผู้ดูแลเว็บไซต์"),
            ("secret-b-approver", "ผู้อนุมัติรับรองข้อมูล"),
            ("secret-b-requester", "เจ้าหน้าที่เจ้าของข้อมูล"),
            ("secret-b-executive", "ผู้บริหาร"),
        ):
            add_person(page, url, username, role)
            world.people[role] = username
        context.close()
        yield world


def sign_in(page, url, username, password=PASSWORD):
    page.goto(url + "/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r".*/admin/$"))


def add_person(page, url, username, role):
    page.goto(url + "/admin/users/new/")
    page.fill("#id_username", username)
    page.fill("#id_email", f"{username}@walk.example")
    page.fill("#id_first_name", f"ลับ-B-{role}")
    page.fill("#id_last_name", "ทดสอบ")
    page.fill("#id_password1", PASSWORD)
    page.fill("#id_password2", PASSWORD)
    page.click("#tab-label-roles")
    page.get_by_label(f"ลับ-B-อบต.: {role}", exact=True).check()
    page.get_by_role("button", name="สร้าง").click()
    page.wait_for_url(re.compile(r".*/admin/users/$"))
    assert username in page.inner_text("main")


def session(chromium, walk, username, password=PASSWORD):
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(WAIT_MS)
    sign_in(page, walk.url, username, password)
    return context, page


def leaks(text, walk_or_marks):
    """The marks of another agency found in `text`."""
    if isinstance(walk_or_marks, Walk):
        marks = walk_or_marks.a
        for example in EXAMPLES:
            text = text.replace(example, "")
        found = [t for t in marks["titles"] if t in text and t not in INTERFACE_WORDS]
        found += [
            token
            for token in marks["tokens"]
            if re.search(rf"(?<![\w.@-]){re.escape(token)}(?![\w.@-])", text)
        ]
        return found + [mark for mark in ("ลับ-C-", "secret-c-") if mark in text]
    return [mark for mark in walk_or_marks if mark in text]


def screens(walk, letter):
    """(name, address, a text of the reader's own agency the screen shows)."""
    own = walk.b if letter == "B" else None
    site = own["site"] if own else 1
    home = own["home"] if own else None
    a = walk.a

    def mine(text):
        return text if own else None

    rows = [
        ("dashboard", "/admin/", None),
        ("explorer-root", "/admin/pages/", None),
        ("pages-search-a", f"/admin/pages/search/?q={quote(a['page_title'])}", None),
        ("documents", "/admin/documents/", mine("ลับ-B-เอกสาร")),
        ("documents-search-a", f"/admin/documents/?q={quote(a['document_title'])}", None),
        ("images", "/admin/images/", mine("ลับ-B-ภาพ")),
        ("images-search-a", f"/admin/images/?q={quote(a['image_title'])}", None),
        ("collections", "/admin/collections/", None),
        ("users", "/admin/users/", None),
        ("users-search-a", "/admin/users/?q=webmaster", None),
        ("groups", "/admin/groups/", None),
        ("departments", "/admin/snippets/agencies/department/", mine("ลับ-B-ส่วนงาน")),
        ("redirects", "/admin/redirects/", mine("/secret-b-old")),
        ("settings", "/admin/settings/agencies/agencysettings/", None),
        ("site-history", "/admin/reports/site-history/", mine("ลับ-B-หน้า")),
        ("page-types", "/admin/reports/page-types-usage/", None),
        ("locked", "/admin/reports/locked/", None),
        ("workflow", "/admin/reports/workflow/", None),
        ("workflow-tasks", "/admin/reports/workflow_tasks/", None),
        ("aging", "/admin/reports/aging-pages/", None),
        ("ita", "/admin/ita/", None),
        ("campaigns", "/admin/currency/campaigns/", None),
        ("trash", "/admin/trash/", None),
        ("storage", "/admin/storage/", None),
        ("requests", "/admin/requests/", None),
        ("notifications", "/admin/notifications/", None),
    ]
    if own:
        rows += [
            ("explorer-home", f"/admin/pages/{home}/", "ลับ-B-หน้า"),
            ("pages-search-own", f"/admin/pages/search/?q={quote('ลับ-B-หน้า')}", "ลับ-B-หน้า"),
            ("documents-search-own", f"/admin/documents/?q={quote('ลับ-B-เอกสาร')}", "ลับ-B-เอกสาร"),
            ("images-search-own", f"/admin/images/?q={quote('ลับ-B-ภาพ')}", "ลับ-B-ภาพ"),
            ("settings-own", f"/admin/settings/agencies/agencysettings/{site}/", "ลับ-B-หน่วยงาน"),
            ("explorer-search-a", f"/admin/pages/{home}/?q={quote(a['page_title'])}", None),
            ("explorer-search-own", f"/admin/pages/{home}/?q={quote('ลับ-B-หน้า')}", "ลับ-B-หน้า"),
        ]
    return rows


def dom_text(page):
    return page.evaluate(DOM_TEXT)


def look(page, shots, name, found_by, failures, expect=None, typed=""):
    page.screenshot(path=shots / f"crossing-{name}.png")
    text = dom_text(page)
    if typed:
        text = text.replace(typed, "")  # the search box and "results for …" echo the reader
    leaked = found_by(text)
    if leaked:
        failures.append(f"{name}: {leaked[:5]}")
    # what a search found is a link; the echo of what was typed is not
    if expect and not (page.locator("a", has_text=expect).count() if typed else expect in text):
        failures.append(f"{name}: the reader's own {expect!r} is not shown")
    return text


def walk_screens(page, walk, who, letter, found_by, shots, failures):
    for name, path, expect in screens(walk, letter):
        response = page.goto(walk.url + path)
        if response.status >= 500:
            failures.append(f"{who}-{name}: answered {response.status}")
            continue
        typed = parse_qs(urlsplit(path).query).get("q", [""])[0]
        look(page, shots, f"{who}-{name}", found_by, failures, expect, typed)


def open_modal(page, opener):
    opener()
    modal = page.locator(".modal-content")
    modal.wait_for()
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(300)  # the modal fades in; the screenshot should show it
    return modal


def search_modal(page, modal, text):
    with page.expect_response(lambda r: "q=" in r.url):
        modal.locator("input[name=q]").fill(text)
    page.wait_for_load_state("networkidle")


def close_modal(page, modal):
    modal.locator("button.close, [data-bs-dismiss=modal], button[aria-label='ปิด']").first.click()
    modal.wait_for(state="hidden")


def chooser_action(page, kind, label):
    chooser = page.locator(f".{kind}-chooser").first
    chooser.locator("button[aria-label='การดำเนินการ']").click()
    return lambda: chooser.get_by_role("button", name=label, exact=True).click()


def walk_choosers(page, walk, who, found_by, shots, failures):
    """The choosers a webmaster opens from the edit form of one of B's pages."""
    a = walk.a
    page.goto(walk.url + f"/admin/pages/{walk.b['page']}/edit/")
    look(page, shots, f"{who}-page-edit", found_by, failures, "ลับ-B-ส่วนงาน")

    def open_link_chooser():
        page.locator(".public-DraftEditor-content").first.click(click_count=3)
        page.click("button[name=LINK]")

    modal = open_modal(page, open_link_chooser)
    look(page, shots, f"{who}-page-chooser", found_by, failures)
    search_modal(page, modal, a["page_title"])
    look(page, shots, f"{who}-page-chooser-search-a", found_by, failures, typed=a["page_title"])
    search_modal(page, modal, "ลับ-B-หน้า")
    look(page, shots, f"{who}-page-chooser-search-own", found_by, failures, "ลับ-B-หน้า", "ลับ-B-หน้า")
    close_modal(page, modal)

    for kind, label, a_title, own in (
        ("image", "เปลี่ยนรูปภาพ", a["image_title"], "ลับ-B-ภาพ"),
        ("document", "เลือกเอกสารอื่น", a["document_title"], "ลับ-B-เอกสาร"),
        ("snippet", "เลือก ส่วนงาน อื่น", None, "ลับ-B-ส่วนงาน"),  # departments: no search
    ):
        modal = open_modal(page, chooser_action(page, kind, label))
        look(page, shots, f"{who}-{kind}-chooser", found_by, failures, own)
        if a_title:
            search_modal(page, modal, a_title)
            look(page, shots, f"{who}-{kind}-chooser-search-a", found_by, failures, typed=a_title)
        close_modal(page, modal)


def open_a_objects(page, walk, who, shots, failures):
    """A's page, document, image and webmaster account opened by address show none of A."""
    a = walk.a
    for name, path in (
        ("a-page-edit", f"/admin/pages/{a['page']}/edit/"),
        ("a-page-explore", f"/admin/pages/{a['page']}/"),
        ("a-document-edit", f"/admin/documents/edit/{a['document']}/"),
        ("a-image-edit", f"/admin/images/{a['image']}/"),
        ("a-user-edit", f"/admin/users/edit/{a['user']}/"),
        ("a-settings", "/admin/settings/agencies/agencysettings/1/"),
    ):
        page.goto(walk.url + path)
        text = look(page, shots, f"{who}-{name}", lambda t: leaks(t, walk), failures)
        refused = "ไม่พบหน้าที่ต้องการหา" in text or "คุณไม่มีสิทธิ์เข้าถึงส่วนนี้" in text
        # the explorer sends a person to their own agency's pages instead
        if not refused and page.url.endswith(path):
            failures.append(f"{who}-{name}: neither 'not found' nor 'no permission' shown")


@pytest.mark.parametrize("role", ["webmaster", "agency_admin"])
def test_b_sees_nothing_of_the_demo_agency_nor_of_c(walk, chromium, screenshots_dir, role):
    username = walk.b["admin"] if role == "agency_admin" else "secret-b-webmaster"
    context, page = session(chromium, walk, username)
    failures = []

    def found_by(text):
        return leaks(text, walk)

    who = f"b-{role}"
    walk_screens(page, walk, who, "B", found_by, screenshots_dir, failures)
    walk_choosers(page, walk, who, found_by, screenshots_dir, failures)
    open_a_objects(page, walk, who, screenshots_dir, failures)
    context.close()
    assert walk.a_state() == walk.a_before
    assert not failures, "\n".join(failures)


def test_the_demo_webmaster_sees_nothing_of_b_nor_of_c(walk, chromium, screenshots_dir):
    context, page = session(chromium, walk, "webmaster", "prongsai-demo")
    failures = []

    def found_by(text):
        return leaks(text, ("ลับ-B-", "secret-b-", "ลับ-C-", "secret-c-"))

    walk_screens(page, walk, "a-webmaster", "A", found_by, screenshots_dir, failures)
    # the searches for A's titles that found nothing for B find them for A's own webmaster
    for path, title in (
        (f"/admin/pages/search/?q={quote(walk.a['page_title'])}", walk.a["page_title"]),
        (f"/admin/documents/?q={quote(walk.a['document_title'])}", walk.a["document_title"]),
        (f"/admin/images/?q={quote(walk.a['image_title'])}", walk.a["image_title"]),
    ):
        page.goto(walk.url + path)
        if title not in dom_text(page):
            failures.append(f"{path}: A's webmaster does not find A's own {title!r}")
    for name, path in (
        ("b-page-edit", f"/admin/pages/{walk.b['page']}/edit/"),
        ("b-explore", f"/admin/pages/{walk.b['home']}/"),
    ):
        page.goto(walk.url + path)
        look(page, screenshots_dir, f"a-webmaster-{name}", found_by, failures)
    context.close()
    assert not failures, "\n".join(failures)
