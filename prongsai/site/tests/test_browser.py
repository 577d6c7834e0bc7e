"""The public site in Debian's Chromium, at a phone's width and a desktop's, judged by outside
tools: axe-core for accessibility and the Nu HTML checker for markup."""

import json
import subprocess
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[3]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
WIDTHS = {"phone": 375, "desktop": 1280}
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]

# One page of each main type, as a citizen reaches them.
MAIN_PAGES = {
    "home": "/",
    "section": "/about/",
    "standard": "/about/history/",
    "vision": "/about/vision/",
    "structure": "/about/structure/",
    "executives": "/about/executives/",
    "disclosure-listing": "/plans/",
    "news-listing": "/news/",
    "laws": "/laws/",
    "citizen-manuals": "/manuals/citizen-manuals/",
    "information-centre": "/information-centre/",
    "knowledge": "/knowledge/",
    "contact": "/contact/",
    "links": "/website/links/",
    "sitemap": "/website/sitemap/",
    "search": "/search/?q=%E0%B8%88%E0%B8%B1%E0%B8%94%E0%B8%8B%E0%B8%B7%E0%B9%89%E0%B8%AD",
    "search-nothing": "/search/?q=%E0%B8%82%E0%B9%89%E0%B8%B2%E0%B8%A7%E0%B9%82%E0%B8%9E%E0%B8%94",
}


def first_link(page, base, listing, selector):
    page.goto(base + listing)
    return page.locator(selector).first.get_attribute("href")


@pytest.fixture(scope="module")
def main_pages(demo_server, chromium):
    """The main page types plus one news item, one Disclosure and one citizen manual."""
    page = chromium.new_page()
    pages = dict(MAIN_PAGES)
    pages["news-item"] = first_link(page, demo_server, "/news/", ".card-title a")
    pages["disclosure"] = first_link(
        page, demo_server, "/reports/procurement-reports/", "table.disclosures a"
    )
    pages["citizen-manual"] = first_link(page, demo_server, "/manuals/citizen-manuals/", ".tile a")
    pages["knowledge-item"] = first_link(page, demo_server, "/knowledge/", ".card-title a")
    page.close()
    return pages


def open_menu_if_collapsed(page):
    toggle = page.locator(".menu-toggle")
    if toggle.is_visible():
        toggle.click()
        assert toggle.get_attribute("aria-expanded") == "true"


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_every_category_is_reachable_from_the_menu(demo_server, chromium, width, screenshots_dir):
    page = chromium.new_page(viewport={"width": width, "height": 900})
    page.goto(demo_server + "/")
    hrefs = page.locator("#main-menu a").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))"
    )
    assert len(hrefs) >= 25
    for href in hrefs:
        page.goto(demo_server + "/")
        open_menu_if_collapsed(page)
        link = page.locator(f'#main-menu a[href="{href}"]').first
        if not link.is_visible():  # desktop sub-menus open on hover
            submenu_owner = page.locator("#main-menu .has-children").filter(
                has=page.locator(f'a[href="{href}"]')
            )
            submenu_owner.locator(".menu-link").hover()
        with page.expect_navigation():
            link.click()
        assert page.url == demo_server + href
        assert page.locator("h1").first.inner_text().strip()
        assert page.evaluate("document.documentElement.lang") == "th"
    page.goto(demo_server + "/")
    page.screenshot(path=screenshots_dir / f"home-{width}.png", full_page=True)
    page.close()


@pytest.mark.parametrize("width", [320, 375, 1280])
def test_no_page_scrolls_sideways(demo_server, chromium, main_pages, width):
    page = chromium.new_page(viewport={"width": width, "height": 800})
    for name, path in main_pages.items():
        page.goto(demo_server + path)
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{name} at {width}px scrolls sideways by {overflow}px"
    page.close()


def test_a_citizen_downloads_a_file_and_gets_the_real_bytes(
    demo_server, chromium, main_pages, tmp_path
):
    page = chromium.new_page(viewport={"width": 375, "height": 800})
    page.goto(demo_server + main_pages["disclosure"])
    pdf_file = page.locator(".file").filter(has_text="PDF").first
    meta = pdf_file.locator(".file-meta").inner_text()
    assert "KB" in meta
    with page.expect_download() as info:
        pdf_file.locator(".file-link").click()
    download = info.value
    target = tmp_path / download.suggested_filename
    download.save_as(target)
    data = target.read_bytes()
    assert data.startswith(b"%PDF")
    size_kb = float(meta.split("·")[1].strip().split()[0])
    assert abs(len(data) / 1024 - size_kb) < 0.1
    page.close()


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_axe_finds_no_accessibility_violations(
    demo_server, chromium, main_pages, width, screenshots_dir
):
    # axe goes in as an inline script, which the site's Content-Security-Policy refuses
    page = chromium.new_page(viewport={"width": width, "height": 900}, bypass_csp=True)
    problems = {}
    for name, path in main_pages.items():
        page.goto(demo_server + path)
        page.add_script_tag(path=str(AXE))
        result = page.evaluate(
            "async tags => await axe.run(document, {runOnly: {type: 'tag', values: tags}})",
            AXE_TAGS,
        )
        violations = [
            f"{v['id']}: {v['help']} ({', '.join(n['target'][0] for n in v['nodes'][:3])})"
            for v in result["violations"]
        ]
        if violations:
            problems[name] = violations
        page.screenshot(path=screenshots_dir / f"{name}-{width}.png")
    page.close()
    assert not problems, json.dumps(problems, ensure_ascii=False, indent=1)


def test_nu_html_checker_finds_no_errors(demo_server, main_pages, tmp_path):
    files = []
    for name, path in main_pages.items():
        with urllib.request.urlopen(demo_server + path) as response:
            target = tmp_path / f"{name}.html"
            target.write_bytes(response.read())
            files.append(str(target))
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--format", "json", *files],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(result.stderr or "{}").get("messages", [])
    errors = [
        f"{Path(m.get('url', '')).name}:{m.get('lastLine')}: {m['message']}"
        for m in messages
        if m.get("type") == "error"
    ]
    assert not errors, "\n".join(errors)
