"""Production answers only over HTTPS and tells browsers to keep to it; every mode sends a
Content-Security-Policy (strict on the public site) and a Permissions-Policy."""

import base64
import hashlib
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management.utils import get_random_secret_key

from prongsai.core.security import nonce_known_initialisers

ROOT = Path(__file__).resolve().parents[3]
HOST = "www.example.go.th"

# Runs inside a fresh interpreter in production mode; prints what a client saw.
PROBE = f"""
import json, django
django.setup()
from django.test import Client
client = Client(raise_request_exception=False)
seen = {{}}
home = client.get("/", HTTP_HOST="{HOST}")
seen["home"] = [home.status_code, home.headers.get("Location")]
health = client.get("/healthz", HTTP_HOST="{HOST}")
seen["healthz_status"] = health.status_code
secure = client.get("/", HTTP_HOST="{HOST}", HTTP_X_FORWARDED_PROTO="https")
seen["secure_status"] = secure.status_code
seen["hsts"] = secure.headers.get("Strict-Transport-Security")
login = client.post(
    "/admin/login/", {{"username": "webmaster", "password": "x"}}, HTTP_HOST="{HOST}"
)
seen["login"] = [login.status_code, login.headers.get("Location"), sorted(login.cookies)]
from django.conf import settings
seen["cookies_secure"] = [settings.SESSION_COOKIE_SECURE, settings.CSRF_COOKIE_SECURE]
print(json.dumps(seen))
"""


def production_env(tmp_path, **extra):
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(
        PRONGSAI_MODE="production",
        PRONGSAI_DATA_DIR=str(tmp_path),
        SECRET_KEY=get_random_secret_key(),
        ALLOWED_HOSTS=HOST,
        DJANGO_SETTINGS_MODULE="prongsai.settings",
    )
    for name in ("PRONGSAI_TRUSTED_PROXY", "PRONGSAI_HSTS_PRELOAD"):
        env.pop(name, None)
    env.update(extra)
    return env


def run_probe(tmp_path, **extra):
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=ROOT,
        env=production_env(tmp_path, **extra),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("preload", ["0", "1"])
def test_check_deploy_has_no_warnings_in_production(tmp_path, preload):
    result = subprocess.run(
        [sys.executable, "-m", "prongsai", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=production_env(
            tmp_path, PRONGSAI_TRUSTED_PROXY="127.0.0.1", PRONGSAI_HSTS_PRELOAD=preload
        ),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNINGS" not in result.stdout + result.stderr


def test_behind_the_proxy_plain_http_is_sent_to_https_and_https_gets_hsts(tmp_path):
    seen = run_probe(tmp_path, PRONGSAI_TRUSTED_PROXY="127.0.0.1")
    assert seen["home"] == [301, f"https://{HOST}/"]
    assert seen["secure_status"] != 301
    assert seen["hsts"] == "max-age=31536000"
    assert seen["cookies_secure"] == [True, True]


def test_a_server_error_in_production_leaves_its_traceback_in_the_log_file(tmp_path):
    run_probe(tmp_path, PRONGSAI_TRUSTED_PROXY="127.0.0.1")  # its database has no tables: "/" fails
    written = (tmp_path / "logs" / "prongsai.log").read_text(encoding="utf-8")
    assert "ERROR django.request" in written and "Internal Server Error: /" in written
    assert "Traceback (most recent call last)" in written


def test_a_sign_in_over_plain_http_is_not_accepted(tmp_path):
    seen = run_probe(tmp_path, PRONGSAI_TRUSTED_PROXY="127.0.0.1")
    status, location, cookies = seen["login"]
    assert (status, location) == (301, f"https://{HOST}/admin/login/")
    assert "sessionid" not in cookies


def test_the_local_monitor_reaches_healthz_over_plain_http(tmp_path):
    seen = run_probe(tmp_path, PRONGSAI_TRUSTED_PROXY="127.0.0.1")
    assert seen["healthz_status"] in (200, 503)  # answered, not redirected


def test_hsts_preload_is_the_operators_choice(tmp_path):
    seen = run_probe(tmp_path, PRONGSAI_TRUSTED_PROXY="127.0.0.1", PRONGSAI_HSTS_PRELOAD="1")
    assert seen["hsts"] == "max-age=31536000; includeSubDomains; preload"


def test_without_a_trusted_proxy_a_forwarded_https_header_is_not_believed(tmp_path):
    seen = run_probe(tmp_path)
    assert seen["secure_status"] == 301
    assert seen["hsts"] is None


def test_a_forwarded_https_header_from_an_address_that_is_not_the_proxy_is_not_believed(
    tmp_path,
):
    seen = run_probe(tmp_path, PRONGSAI_TRUSTED_PROXY="10.0.0.1")  # the client is 127.0.0.1
    assert seen["secure_status"] == 301
    assert seen["hsts"] is None


@pytest.mark.django_db
def test_the_public_site_allows_no_inline_script_or_style(client, demo_site):
    response = client.get("/")
    policy = dict(
        part.strip().split(" ", 1)
        for part in response.headers["Content-Security-Policy"].split(";")
    )
    assert policy["default-src"] == "'self'"
    assert policy["script-src"] == "'self'"
    assert policy["style-src"] == "'self'"
    assert policy["frame-ancestors"] == "'none'"
    assert "unsafe" not in response.headers["Content-Security-Policy"]
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    for feature in ("camera=()", "microphone=()", "geolocation=()"):
        assert feature in response.headers["Permissions-Policy"]


def directives(response):
    return dict(
        part.strip().split(" ", 1)
        for part in response.headers["Content-Security-Policy"].split(";")
    )


@pytest.mark.django_db
def test_the_admin_allows_no_inline_script_but_its_own_preview_frame(client, users):
    client.force_login(users["webmaster"])
    policy = directives(client.get("/admin/"))
    assert policy["script-src"] == "'self'"  # the dashboard has no inline script to allow
    assert policy["frame-ancestors"] == "'self'"
    # the one inline handler: jQuery Jcrop's touch probe in the image editor
    assert policy["script-src-attr"] == (
        "'unsafe-hashes' 'sha256-i+qr4lq34KgNHiW62lWi9aInEBwiEOrfCzaNPCvkqD8='"
    )
    assert (
        base64.b64encode(hashlib.sha256(b"return;").digest()).decode() in policy["script-src-attr"]
    )


INLINE_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.DOTALL)


@pytest.mark.django_db
def test_only_wagtails_date_widget_scripts_get_the_nonce_of_the_admin_page(client, users):
    client.force_login(users["webmaster"])
    response = client.get("/admin/reports/site-history/")  # its filter has two date fields
    policy = directives(response)
    assert "unsafe-inline" not in policy["script-src"]
    nonce = re.fullmatch(r"'self' 'nonce-(?P<nonce>[\w+/=]+)'", policy["script-src"])["nonce"]
    html = response.content.decode()
    assert int(response["Content-Length"]) == len(response.content)
    executed = [
        m
        for m in INLINE_SCRIPT.finditer(html)
        if "src=" not in m["attrs"] and "json" not in m["attrs"]
    ]
    assert [m["body"] for m in executed] == [
        'initDateChooser("id_timestamp_0", {"dayOfWeekStart": 0, "format": "d/m/Y"});',
        'initDateChooser("id_timestamp_1", {"dayOfWeekStart": 0, "format": "d/m/Y"});',
    ]
    assert [m["attrs"] for m in executed] == [f' nonce="{nonce}"'] * 2
    assert html.count(nonce) == 2


@pytest.mark.django_db
def test_each_admin_response_has_a_nonce_of_its_own(client, users):
    client.force_login(users["webmaster"])
    first = directives(client.get("/admin/reports/site-history/"))["script-src"]
    second = directives(client.get("/admin/reports/site-history/"))["script-src"]
    assert "nonce-" in first and first != second


@pytest.mark.parametrize(
    "script",
    [
        'initDateChooser("id_date", {"dayOfWeekStart": 0, "format": "d/m/Y"});',
        'initTimeChooser("id_time", {"format": "H:i"});',
        'initDateTimeChooser("id_go_live_at", {"parentID": "#schedule-publishing-dialog"});',
        'new ImageChooser("id_lead_image", {"modalUrl": "/admin/images/chooser/"});',
        'new PageChooser("id_page", {"modelNames": ["wagtailcore.page"], "canChooseRoot": false});',
        'new DocumentChooser("id_document", {"modalUrl": "/admin/documents/chooser/"});',
        'new SnippetChooser("id_department", {"modalUrl": "/admin/snippets/choose/x/"});',
        'createTaskChooser("id_task");',
        "\n        (function() {\n            var panel = new InlinePanel(JSON.parse("
        '"{\\u0022formsetPrefix\\u0022: \\u0022id_related_links\\u0022}"));\n'
        "        })();\n    ",
    ],
)
def test_wagtails_initialisers_get_the_nonce(script):
    html = f"<p>x</p><script>{script}</script>"
    assert nonce_known_initialisers(html, "N0nce") == (
        f'<p>x</p><script nonce="N0nce">{script}</script>'
    )


@pytest.mark.parametrize(
    "script",
    [
        'initDateChooser("x", {});alert(1)',
        'initDateChooser("x", {});alert(1);',
        'initDateChooser("x", {}); alert(1); initDateChooser("y", {});',
        'initDateChooser("x", alert(1));',
        'initDateChooser("x", {"a": alert(1)});',
        "initDateChooser(x, {});",
        'initDateChooser("x", NaN);',
        'initDateChooser("x</script><script>alert(1)//", {});',
        'initDateChooser("<!--<script>", {});',
        'alert(1);initDateChooser("x", {});',
        'new Function("alert(1)")();',
        'new ImageChooser("x", {}) && alert(1);',
        "(function() { var panel = new InlinePanel(JSON.parse(alert(1))); })();",
        'document.write("hi");',
    ],
)
def test_any_other_inline_script_gets_no_nonce(script):
    html = f"<script>{script}</script>"
    assert nonce_known_initialisers(html, "N0nce") == html


def test_a_script_with_attributes_of_its_own_is_left_as_it_is():
    for html in (
        '<script type="module">initDateChooser("x", {});</script>',
        '<script nonce="guessed">initDateChooser("x", {});</script>',
        '<script src="/evil.js">initDateChooser("x", {});</script>',
    ):
        assert nonce_known_initialisers(html, "N0nce") == html


def public_templates():
    """The public site's own templates and every page template built on its base.html."""
    for path in (ROOT / "prongsai").glob("*/templates/**/*.html"):
        text = path.read_text()
        if path.is_relative_to(ROOT / "prongsai" / "site") or '{% extends "base.html" %}' in text:
            yield path, text


def test_public_templates_have_no_inline_script_style_or_handlers():
    markers = ("<script>", "<style", "style=", " onclick=", " onsubmit=", " onload=")
    offending = {
        str(path.relative_to(ROOT))
        for path, text in public_templates()
        for marker in markers
        if marker in text
    }
    assert len(list(public_templates())) > 30
    assert not offending


def test_none_of_our_templates_has_an_inline_script_or_event_handler():
    """The admin's policy allows Wagtail's own initialisers only: our admin templates (the ITA
    checklist's progress, its confirmation) keep their scripts in static files too."""
    inline_script = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
    handler = re.compile(r"\son[a-z]+\s*=", re.IGNORECASE)
    templates = list((ROOT / "prongsai").glob("*/templates/**/*.html"))
    offending = {
        str(path.relative_to(ROOT))
        for path in templates
        if inline_script.search(path.read_text()) or handler.search(path.read_text())
    }
    assert len(templates) > 60
    assert not offending


@pytest.mark.django_db
def test_a_page_preview_may_be_framed_by_the_admin_but_keeps_the_public_rules(demo_site):
    home = demo_site.root_page.specific
    response = home.make_preview_request()  # what Wagtail's preview panel renders
    assert response.status_code == 200
    policy = response.headers["Content-Security-Policy"]
    assert "frame-ancestors 'self'" in policy
    assert "script-src 'self';" in policy + ";"
    assert "unsafe" not in policy
