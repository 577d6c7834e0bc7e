"""The Content-Security-Policy breaks nothing: Debian's Chromium reports no violation on the main
public pages, nor on the main admin pages of a signed-in webmaster."""

import json

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


def test_no_policy_violation_in_the_admin_of_a_webmaster(demo_server, chromium):
    page = watched_page(chromium)
    problems = {"/admin/login/": violations_on(page, demo_server + "/admin/login/")}
    page.fill("#id_username", "webmaster")
    page.fill("#id_password", "prongsai-demo")
    page.click("button[type=submit]")
    page.wait_for_load_state()
    assert "/admin/login/" not in page.url
    editor = first_link(page, demo_server + "/admin/pages/", "a[href*='/edit/']")
    for path in [*ADMIN_PAGES, editor]:
        problems[path] = violations_on(page, demo_server + path)
    # the editor's live preview shows the public page inside the admin
    page.goto(demo_server + editor)
    page.locator("[data-side-panel-toggle='preview']").first.click()
    page.wait_for_timeout(3000)
    problems["preview"] = page.evaluate("window.__cspViolations") + page.console_errors
    page.close()
    assert not {path: found for path, found in problems.items() if found}, json.dumps(
        problems, ensure_ascii=False, indent=1
    )


def test_a_signed_in_webmaster_on_the_public_site_sees_no_violation(demo_server, chromium):
    """The Wagtail user bar is on every public page for staff."""
    page = watched_page(chromium)
    page.goto(demo_server + "/admin/login/")
    page.fill("#id_username", "webmaster")
    page.fill("#id_password", "prongsai-demo")
    page.click("button[type=submit]")
    page.wait_for_load_state()
    found = violations_on(page, demo_server + "/")
    assert page.locator("wagtail-userbar").count() == 1
    page.close()
    assert not found
