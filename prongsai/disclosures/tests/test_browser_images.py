"""Images pass the permission check in a real browser: a citizen sees the logo and the images of
the published news, and the webmaster's image listing and an image's edit page in the admin
still show every thumbnail (renditions are served by the checked view, not straight from
/media/)."""

import re

import pytest

pytestmark = pytest.mark.browser

SHOWN = "img => img.complete && img.naturalWidth > 0"


def media_failures(page):
    """Every /media/ answer that was not 200, as it happens."""
    failures = []
    page.on(
        "response",
        lambda r: "/media/" in r.url and r.status != 200 and failures.append((r.status, r.url)),
    )
    return failures


def all_shown(page, selector, first=6):
    """The first images of `selector` load (scrolled to: lazy images wait); returns the count."""
    images = page.locator(selector)
    count = images.count()
    assert count > 0, selector
    for index in range(min(first, count)):
        images.nth(index).scroll_into_view_if_needed()
    page.wait_for_function(
        f"() => [...document.querySelectorAll({selector!r})].slice(0, {first}).every({SHOWN})",
        timeout=30_000,
    )
    return count


def test_a_citizen_sees_the_logo_and_the_images_of_the_news(demo_server, chromium):
    page = chromium.new_page(viewport={"width": 1280, "height": 900})
    failures = media_failures(page)

    page.goto(demo_server + "/news/")
    page.wait_for_load_state("networkidle")

    all_shown(page, "img.brand-logo")
    all_shown(page, "img.card-image", first=3)
    assert failures == []
    page.close()


def test_the_webmasters_image_listing_and_edit_page_show_their_images(
    demo_server, chromium, screenshots_dir
):
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    failures = media_failures(page)
    page.goto(demo_server + "/admin/login/")
    page.fill("#id_username", "webmaster")
    page.fill("#id_password", "prongsai-demo")
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r".*/admin/$"))

    page.goto(demo_server + "/admin/images/")
    page.wait_for_load_state("networkidle")

    assert all_shown(page, "main img", first=100) >= 3  # every thumbnail of the page
    page.screenshot(path=screenshots_dir / "admin-images-1280.png", full_page=True)

    edit_links = page.locator("main a[href*='/admin/images/']").filter(has=page.locator("img"))
    edit_url = edit_links.first.get_attribute("href")
    assert re.match(r"/admin/images/\d+/", edit_url), edit_url
    page.goto(demo_server + edit_url)
    page.wait_for_load_state("networkidle")

    # the preview beside the form, a rendition (the focal-point tool hides the <img> it was
    # given and draws copies of it, so no scrolling: every copy must have loaded)
    page.wait_for_function(
        "() => { const imgs = [...document.querySelectorAll('main .focal-point-chooser img')];"
        f" return imgs.length > 0 && imgs.every({SHOWN}); }}",
        timeout=30_000,
    )
    page.screenshot(path=screenshots_dir / "admin-image-edit-1280.png", full_page=True)
    assert failures == []
    context.close()
