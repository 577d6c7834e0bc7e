"""Shared fixtures: the demo agency loaded once per test database, and a second agency to
try to cross into."""

import contextlib
import os

import pytest

os.environ.setdefault("PRONGSAI_MODE", "test")


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Every database test starts from the demo agency (loaded once, rolled back per test)."""
    from prongsai.demo.loader import load_demo

    with django_db_blocker.unblock():
        load_demo()


@pytest.fixture(autouse=True)
def fresh_cache():
    """Wagtail caches site roots and we cache menus; a rolled-back test must not leave them."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def jobs_not_yet_run():
    """Each test sees every timed job as due, as a freshly started worker would."""
    from prongsai.core.scheduler import registered_jobs

    for job in registered_jobs():
        job.last_run = None
    yield


@pytest.fixture
def demo_site(db):
    from prongsai.demo.loader import DemoBuilder

    return DemoBuilder().demo_site()


@pytest.fixture
def users(db):
    from django.contrib.auth import get_user_model

    return {user.username: user for user in get_user_model().objects.all()}


@pytest.fixture
def other_agency(db):
    """A second agency on the same install, with its own home page, roles and a webmaster."""
    from django.contrib.auth import get_user_model

    from prongsai.agencies.models import Department, Role
    from prongsai.platform.provision import create_agency
    from prongsai.site.factories import StandardPageFactory

    agency = create_agency("เทศบาลตำบลอื่น", "ทต.อื่น", "other.example", port=80)
    site, home, collection, groups = agency.site, agency.home, agency.collection, agency.groups
    department = Department.objects.create(site=site, name="กองคลัง ทต.อื่น")
    page = StandardPageFactory(parent=home, title="ประวัติ ทต.อื่น", slug="history")
    webmaster = get_user_model().objects.create_user("other-webmaster", password="x-pass-12345")
    webmaster.groups.add(groups[Role.WEBMASTER])
    return {
        "site": site,
        "home": home,
        "page": page,
        "webmaster": webmaster,
        "department": department,
        "collection": collection,
        "groups": groups,
    }


@pytest.fixture
def make_agency(db, settings):
    """Builds agencies beside the demo one (prongsai.site.factories.AgencyFactory), each served
    on its own host name: `make_agency(name="เทศบาลตำบลทดสอบ")`."""
    from prongsai.site.factories import AgencyFactory

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, ".example"]
    return AgencyFactory


@pytest.fixture
def agency(make_agency):
    """One agency built by the factories: no demo content, no people (agency.user(role))."""
    return make_agency()


# ---------- browser tests: a real `prongsai demo` server and Debian's Chromium ----------

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def _free_port():
    """A free port on 127.0.0.1; PRONGSAI_TEST_PORTS=8400-8449 keeps it within a range, for a
    machine shared by several people."""
    import socket

    wanted = os.environ.get("PRONGSAI_TEST_PORTS", "")
    first, _, last = wanted.partition("-")
    candidates = range(int(first), int(last or first) + 1) if first else [0]
    for port in candidates:
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return sock.getsockname()[1]
    raise RuntimeError(f"no free port in PRONGSAI_TEST_PORTS={wanted}")


def demo_environment(data_dir):
    """The environment `prongsai` commands run in against the demo in `data_dir` (SQLite)."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DATABASE_URL", "PRONGSAI_MODE", "PRONGSAI_DATA_DIR")
    }
    return {**env, "PRONGSAI_MODE": "demo", "PRONGSAI_DATA_DIR": str(data_dir)}


@contextlib.contextmanager
def serving_demo(data_dir):
    """Runs `prongsai demo` on a free port with its data in `data_dir` until the block ends."""
    import subprocess
    import sys
    import time
    import urllib.request

    port = _free_port()
    env = demo_environment(data_dir)
    del env["PRONGSAI_MODE"], env["PRONGSAI_DATA_DIR"]  # `prongsai demo` sets them itself
    log_path = data_dir / "server.log"
    with open(log_path, "w") as log:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "prongsai",
                "demo",
                "--port",
                str(port),
                "--data-dir",
                str(data_dir),
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
            env=env,
        )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 300
    while True:
        try:
            with urllib.request.urlopen(url + "/", timeout=5) as response:
                if response.status == 200:
                    break
        except OSError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            raise RuntimeError("the demo server did not start:\n" + log_path.read_text()[-3000:])
        time.sleep(1)
    try:
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.fixture(scope="session")
def demo_runner():
    """For a module that needs a demo of its own (e.g. with agencies added before it starts):
    `.environment(data_dir)` for `prongsai` commands against it, `.serving(data_dir)` to serve it.
    """
    import types

    return types.SimpleNamespace(environment=demo_environment, serving=serving_demo)


@pytest.fixture(scope="session")
def demo_server(tmp_path_factory):
    """`prongsai demo` exactly as a newcomer runs it, on a free port, with its own data folder."""
    with serving_demo(tmp_path_factory.mktemp("demo-data")) as url:
        yield url


@pytest.fixture(scope="session")
def chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def screenshots_dir():
    """Screenshots of key pages are kept for people to look at (test-results/screenshots)."""
    from pathlib import Path

    path = Path(__file__).resolve().parent.parent / "test-results" / "screenshots"
    path.mkdir(parents=True, exist_ok=True)
    return path
