"""`prongsai agency create|list|suspend|resume` as a platform administrator runs them."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation
from wagtail.models import Site

from prongsai.agencies.models import AgencyRole, AgencySettings, Role


def run(*args):
    out = io.StringIO()
    call_command("agency", *args, stdout=out)
    return out.getvalue()


def test_create_makes_the_agency_and_prints_the_set_password_link(client, db):
    out = run(
        "create",
        "--name",
        "เทศบาลตำบลคำสั่ง",
        "--short-name",
        "ทต.คำสั่ง",
        "--host",
        "command.example",
        "--admin",
        "command-admin",
        "--email",
        "admin@command.example",
    )
    site = Site.objects.get(hostname="command.example")
    assert AgencySettings.for_site(site).short_name == "ทต.คำสั่ง"
    assert AgencyRole.objects.filter(
        site=site, role=Role.AGENCY_ADMIN, group__user__username="command-admin"
    ).exists()
    assert "สร้างหน่วยงาน เทศบาลตำบลคำสั่ง" in out
    assert "/admin/password_reset/confirm/" in out
    assert client.get("/", HTTP_HOST="command.example").status_code == 200


def test_create_with_a_bad_host_fails_in_thai_and_creates_nothing(db):
    sites = Site.objects.count()
    with translation.override("th"), pytest.raises(CommandError) as refusal:
        run("create", "--name", "ก", "--short-name", "ก", "--host", "bad host!")
    assert "ไม่ใช่ชื่อโฮสต์" in str(refusal.value)
    assert Site.objects.count() == sites


def test_list_shows_each_agency_with_its_counts(new_agency):
    lines = run("list").splitlines()
    banmai = next(line for line in lines if "banmai.example" in line).split("\t")
    assert banmai[0] == "องค์การบริหารส่วนตำบลบ้านใหม่"
    pages = int(banmai[2])
    assert pages == new_agency.home.get_descendants(inclusive=True).count()
    assert banmai[3:] == ["0", "1", "เปิดใช้งาน"]
    demo = next(line for line in lines if "localhost" in line).split("\t")
    assert int(demo[3]) > 0  # the demo agency's documents


def test_suspend_and_resume_by_host(new_agency):
    out = run("suspend", "banmai.example", "--reason", "ค้างชำระค่าบริการ")
    settings = AgencySettings.for_site(new_agency.site)
    assert settings.is_suspended and settings.suspension_reason == "ค้างชำระค่าบริการ"
    assert "ระงับหน่วยงาน" in out
    assert "ระงับ" in next(line for line in run("list").splitlines() if "banmai" in line)
    run("resume", "banmai.example")
    settings.refresh_from_db()
    assert not settings.is_suspended and settings.suspension_reason == ""


def test_suspending_an_unknown_host_fails_in_thai(db):
    with translation.override("th"), pytest.raises(CommandError) as refusal:
        run("suspend", "nowhere.example", "--reason", "ทดสอบ")
    assert "ไม่มีหน่วยงาน" in str(refusal.value)
