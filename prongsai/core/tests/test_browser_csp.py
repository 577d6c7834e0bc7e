"""The Content-Security-Policy breaks nothing: Debian's Chromium reports no violation on the main
public pages, nor on the main admin pages of a signed-in webmaster."""

import json
import re

import pytest

pytestmark = pytest.mark.browser

LISTEN_FOR_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", event => {
  window.__cspViolations.push(
    `${event.violatedDirective} blocked ${event.blockedURI || "inline"}` +
      ` (${event.sourceFile}:${event.lineNumber})`
  );
});
"""

PUBLIC_PAGES = [
    "/",
    "/news/",
    "/plans/",
    "/ita/",
    "/search/?q=%E0%B8%88%E0%B8%B1%E0%B8%94%E0%B8%8B%E0%B8%B7%E0%B9%89%E0%B8%AD",
]

ADMIN_PAGES = [
    "/admin/",
    "/admin/pages/",
    "/admin/documents/",
    "/admin/images/",
    "/admin/ita/",
    "/admin/reports/site-history/",
]


def watched_page(chromium):
    page = chromium.new_page(viewport={"width": 1280, "height": 900})
    # what the browser does waits 8 s at most; a page from the demo server, on a machine busy
    # with other test processes, may take longer
    page.set_default_timeout(8000)
    page.set_default_navigation_timeout(20_000)
    page.add_init_script(LISTEN_FOR_VIOLATIONS)
    page.console_errors = []
    page.on(
        "console",
        lambda message: (
            page.console_errors.append(message.text)
            if "Content Security Policy" in message.text
            else None
        ),
    )
    return page


def violations_on(page, url):
    page.console_errors.clear()
    response = page.goto(url)
    assert response.status == 200, url
    page.wait_for_load_state("networkidle")
    return page.evaluate("window.__cspViolations") + page.console_errors


def first_link(page, url, selector):
    page.goto(url)
    return page.locator(selector).first.get_attribute("href")


def test_no_policy_violation_on_the_main_public_pages(demo_server, chromium):
    page = watched_page(chromium)
    paths = list(PUBLIC_PAGES)
    paths.append(first_link(page, demo_server + "/news/", ".card-title a"))
    paths.append(
        first_link(page, demo_server + "/reports/procurement-reports/", "table.disclosures a")
    )
    problems = {path: violations_on(page, demo_server + path) for path in paths}
    page.close()
    assert len(problems) == len(PUBLIC_PAGES) + 2
    assert not {path: found for path, found in problems.items() if found}, json.dumps(
        problems, ensure_ascii=False, indent=1
    )


def sign_in(page, base, username):
    page.goto(base + "/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "prongsai-demo")
    page.click("button[type=submit]", no_wait_after=True)
    page.wait_for_url(lambda url: "/admin/login/" not in url)


def first_editor(page, base, model):
    """The editor of the first page of a type, from Wagtail's page type usage listing."""
    return first_link(page, base + f"/admin/pages/usage/{model}/", "a[href$='/edit/']")


def test_no_policy_violation_in_the_admin_of_a_webmaster(demo_server, chromium):
    page = watched_page(chromium)
    problems = {"/admin/login/": violations_on(page, demo_server + "/admin/login/")}
    sign_in(page, demo_server, "webmaster")
    editor = first_link(page, demo_server + "/admin/pages/", "a[href*='/edit/']")
    # the image editor, with its focal point tool (jQuery Jcrop)
    image = first_link(page, demo_server + "/admin/images/", "a[href*='/images/'][href*='/?next=']")
    paths = [
        *ADMIN_PAGES,
        editor,
        first_editor(page, demo_server, "site/newspage"),
        first_editor(page, demo_server, "disclosures/disclosurepage"),
        first_link(page, demo_server + "/admin/documents/", "a[href*='/documents/edit/']"),
        image,
        first_link(page, demo_server + "/admin/ita/", "a[href*='/ita/checklists/']"),
        "/admin/reports/aging-pages/",
        "/admin/reports/document-text/",
        "/admin/settings/agencies/agencysettings/",
    ]
    for path in paths:
        problems[path] = violations_on(page, demo_server + path)
    page.goto(demo_server + image)
    page.locator(".jcrop-holder").wait_for()  # the focal point tool did start
    problems["focal point"] = page.evaluate("window.__cspViolations") + page.console_errors
    # the editor's live preview shows the public page inside the admin
    page.goto(demo_server + editor)
    page.locator("[data-side-panel-toggle='preview']").first.click()
    page.wait_for_timeout(3000)
    problems["preview"] = page.evaluate("window.__cspViolations") + page.console_errors
    page.close()
    assert not {path: found for path, found in problems.items() if found}, json.dumps(
        problems, ensure_ascii=False, indent=1
    )


def test_no_policy_violation_on_the_agency_admins_screens(demo_server, chromium):
    page = watched_page(chromium)
    sign_in(page, demo_server, "admin")
    paths = [
        "/admin/users/",
        first_link(page, demo_server + "/admin/users/", "a[href*='/users/edit/']"),
        "/admin/groups/",
        "/admin/snippets/agencies/department/add/",
        "/admin/workflows/list/",
        "/admin/sign-ins/",
    ]
    problems = {path: violations_on(page, demo_server + path) for path in paths}
    page.close()
    assert not {path: found for path, found in problems.items() if found}, json.dumps(
        problems, ensure_ascii=False, indent=1
    )


def choose_first_image(page, button):
    """Opens an image chooser's modal and picks the first image in it."""
    button.click()
    modal = page.locator(".modal-content:visible")
    modal.wait_for()
    modal.locator("a.image-choice").first.click()
    page.locator(".modal-content").wait_for(state="hidden")


def test_the_editor_works_under_the_admins_policy(demo_server, chromium):
    """Wagtail's inline initialisers run (with the nonce): the date picker, the choosers and
    the inline panels; a row added to an inline panel runs the ones of its own fields."""
    page = watched_page(chromium)
    sign_in(page, demo_server, "webmaster")
    # explorer -> add a subpage under a news index -> a news page
    index = first_editor(page, demo_server, "site/newsindexpage").removesuffix("edit/")
    page.goto(demo_server + index)
    page.locator("a.w-header-button[href$='/add_subpage/']").click()
    page.get_by_role("link", name="ข่าว", exact=True).click()
    page.wait_for_load_state()
    assert "/add/site/newspage/" in page.url
    page.fill("#id_title", "ข่าวทดลองเครื่องมือแก้ไข")
    # the date widget: pick a day in its calendar
    page.click("#id_date")
    calendar = page.locator(".xdsoft_datetimepicker:visible")
    calendar.locator("td.xdsoft_date:not(.xdsoft_disabled):not(.xdsoft_other_month)").first.click()
    assert re.fullmatch(r"\d\d/\d\d/\d{4}", page.input_value("#id_date"))
    # the image chooser: its modal opens and the chosen image is filled in
    assert page.input_value("#id_lead_image") == ""
    choose_first_image(page, page.locator("[data-chooser-action-choose]:visible").first)
    assert page.input_value("#id_lead_image") != ""
    assert page.locator("#id_lead_image-chooser [data-chooser-title]").inner_text().strip()
    page.locator("button.action-save").first.click(no_wait_after=True)
    page.wait_for_url("**/edit/")  # the new draft's editor
    assert "ข่าวทดลองเครื่องมือแก้ไข" in page.locator(".messages .success").inner_text()
    problems = {"news page": page.evaluate("window.__cspViolations") + page.console_errors}

    # an inline panel: a new row, and the image chooser inside it
    page.goto(demo_server + first_editor(page, demo_server, "site/executivedirectorypage"))
    rows = page.locator("#id_people-FORMS > [data-inline-panel-child]:visible")
    before = rows.count()
    page.click("#id_people-ADD")
    rows.nth(before).wait_for()
    assert rows.count() == before + 1
    row = rows.nth(before)
    choose_first_image(page, row.locator("[data-chooser-action-choose]"))
    assert row.locator("input[type=hidden][name$='-photo']").input_value() != ""
    problems["inline panel"] = page.evaluate("window.__cspViolations") + page.console_errors
    page.close()
    assert not {path: found for path, found in problems.items() if found}, json.dumps(
        problems, ensure_ascii=False, indent=1
    )


def test_a_signed_in_webmaster_on_the_public_site_sees_no_violation(demo_server, chromium):
    """The Wagtail user bar is on every public page for staff."""
    page = watched_page(chromium)
    sign_in(page, demo_server, "webmaster")
    found = violations_on(page, demo_server + "/")
    assert page.locator("wagtail-userbar").count() == 1
    page.close()
    assert not found
