"""Images pass the permission check in a real browser: a citizen sees the logo and the images of
the published news, and the webmaster's image listing in the admin still shows every
thumbnail (renditions are served by the checked view, not straight from /media/)."""

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


def test_the_webmasters_image_listing_shows_every_thumbnail(demo_server, chromium):
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

    assert all_shown(page, "main img") >= 3
    assert failures == []
    context.close()
