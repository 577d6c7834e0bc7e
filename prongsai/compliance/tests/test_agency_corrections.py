"""An agency's own corrections of an install-wide catalog item: its checklist and its public
ITA page read the corrected text; the catalog row and every other agency stay as they were."""

import pytest
from django.test import Client
from django.urls import reverse

from prongsai.agencies.models import Role
from prongsai.compliance.catalogs import save_catalog
from prongsai.compliance.checklists import create_checklist, export_rows
from prongsai.compliance.factories import ITAPageFactory
from prongsai.compliance.models import CatalogItem, CatalogItemCorrection, Scheme

CATALOG_TITLE = "ITA ทดสอบการแก้ไขของหน่วยงาน"
CATALOG_TITLE_TH = "แผนการดำเนินงานประจำปี"
CORRECTED_TITLE = "แผนการดำเนินงานและการใช้จ่ายงบประมาณประจำปี"


@pytest.fixture
def catalog(db):
    return save_catalog(
        [
            {
                "code": "T1",
                "title_th": CATALOG_TITLE_TH,
                "title_en": "",
                "group": "basic information",
                "period": "current",
                "status": "unconfirmed",
                "source_note": "คู่มือ ITA",
                "min_count": None,
                "expected": "",
                "sort_order": 1,
            }
        ],
        scheme=Scheme.NACC_OIT,
        fiscal_year=2599,
        title=CATALOG_TITLE,
    )


def agency_with_checklist(make_agency, catalog):
    agency = make_agency()
    create_checklist(agency.site, catalog)
    ITAPageFactory(parent=agency.home)
    agency.checklist = agency.site.ita_checklists.get()
    return agency


@pytest.fixture
def a(make_agency, catalog):
    return agency_with_checklist(make_agency, catalog)


@pytest.fixture
def b(make_agency, catalog):
    return agency_with_checklist(make_agency, catalog)


def correction_url(item, agency):
    return reverse("compliance:correction", args=[item.pk, agency.site.pk])


def correction_post(**fields):
    data = {
        "title_th": CORRECTED_TITLE,
        "title_en": "",
        "group": "basic information",
        "period": "current",
        "min_count": "",
        "status": "confirmed",
        "source_note": "ผู้ประเมินแจ้งทางอีเมล",
        "expected": "",
    }
    data.update(fields)
    return data


def item_row(item):
    item = CatalogItem.objects.get(pk=item.pk)
    return (item.title_th, item.title_en, item.status, item.source_note, item.expected)


def public_ita(client, agency):
    return client.get("/ita/", HTTP_HOST=agency.site.hostname).content.decode()


def checklist_html(client, agency):
    return client.get(reverse("compliance:checklist", args=[agency.checklist.pk])).content.decode()


@pytest.mark.parametrize("role", [Role.AGENCY_ADMIN, Role.WEBMASTER])
def test_a_correction_shows_only_on_the_agencys_own_checklist_and_ita_page(
    client, catalog, a, b, role
):
    item = catalog.items.get()
    before = item_row(item)
    client.force_login(a.user(role))

    response = client.post(correction_url(item, a), correction_post())

    assert response.status_code == 302
    assert CORRECTED_TITLE in checklist_html(client, a)
    page = public_ita(client, a)
    assert CORRECTED_TITLE in page and "ยังไม่ยืนยัน" not in page
    assert CORRECTED_TITLE in export_rows(a.checklist)[0]["title"]
    # the catalog row and agency B are as they were
    assert item_row(item) == before
    page = public_ita(client, b)
    assert CATALOG_TITLE_TH in page and CORRECTED_TITLE not in page and "ยังไม่ยืนยัน" in page
    assert export_rows(b.checklist)[0]["title"] == CATALOG_TITLE_TH
    client.force_login(b.user(Role.WEBMASTER))
    html = checklist_html(client, b)
    assert CATALOG_TITLE_TH in html and CORRECTED_TITLE not in html


def test_the_agency_drops_its_correction_and_reads_the_catalog_again(client, catalog, a):
    item = catalog.items.get()
    client.force_login(a.user(Role.AGENCY_ADMIN))
    client.post(correction_url(item, a), correction_post())
    assert CORRECTED_TITLE in public_ita(client, a)

    client.post(reverse("compliance:drop_correction", args=[item.pk, a.site.pk]))

    assert not CatalogItemCorrection.objects.filter(site=a.site).exists()
    page = public_ita(client, a)
    assert CATALOG_TITLE_TH in page and CORRECTED_TITLE not in page


def test_only_what_differs_is_kept_so_a_later_catalog_fix_still_reaches_the_rest(
    client, catalog, a
):
    item = catalog.items.get()
    client.force_login(a.user(Role.AGENCY_ADMIN))
    client.post(
        correction_url(item, a),
        correction_post(status="unconfirmed", source_note="คู่มือ ITA"),
    )
    assert CatalogItemCorrection.objects.get(site=a.site).changes == {"title_th": CORRECTED_TITLE}
    CatalogItem.objects.filter(pk=item.pk).update(expected="คำอธิบายใหม่ของระบบ")
    form = client.get(correction_url(item, a)).content.decode()
    assert CORRECTED_TITLE in form and "คำอธิบายใหม่ของระบบ" in form

    client.post(
        correction_url(item, a),
        correction_post(
            title_th=CATALOG_TITLE_TH,
            status="unconfirmed",
            source_note="คู่มือ ITA",
            expected="คำอธิบายใหม่ของระบบ",
        ),
    )

    # saving the catalog's own text again leaves nothing to keep
    assert not CatalogItemCorrection.objects.filter(site=a.site).exists()


def test_another_agency_can_neither_see_nor_change_nor_drop_the_correction(client, catalog, a, b):
    item = catalog.items.get()
    client.force_login(a.user(Role.AGENCY_ADMIN))
    client.post(correction_url(item, a), correction_post())
    kept = CatalogItemCorrection.objects.get(site=a.site)

    for role in (Role.AGENCY_ADMIN, Role.WEBMASTER):
        client = Client()  # a browser of B's own
        client.force_login(b.user(role))
        response = client.get(correction_url(item, a))
        assert response.status_code == 404
        assert CORRECTED_TITLE not in response.content.decode()
        client.post(correction_url(item, a), correction_post(title_th="ข้อความของ B"))
        client.post(reverse("compliance:drop_correction", args=[item.pk, a.site.pk]))
        catalog_page = client.get(
            reverse("compliance:catalog", args=[catalog.pk]) + f"?site={a.site.pk}"
        ).content.decode()
        assert CORRECTED_TITLE not in catalog_page and a.site.site_name not in catalog_page

    assert CatalogItemCorrection.objects.get(site=a.site).changes == kept.changes
    assert not CatalogItemCorrection.objects.filter(site=b.site).exists()
    assert CORRECTED_TITLE in public_ita(client, a)


@pytest.mark.parametrize("role", [Role.EXECUTIVE, Role.APPROVER, Role.REQUESTER])
def test_roles_that_do_not_run_the_checklist_cannot_correct(client, catalog, a, role):
    item = catalog.items.get()
    client.force_login(a.user(role))

    client.post(correction_url(item, a), correction_post())

    assert not CatalogItemCorrection.objects.exists()
    assert CATALOG_TITLE_TH in public_ita(client, a)


def test_typed_markup_is_shown_as_text(client, catalog, a):
    item = catalog.items.get()
    client.force_login(a.user(Role.WEBMASTER))
    script = '<script>alert("x")</script>แผนงาน'

    client.post(correction_url(item, a), correction_post(title_th=script))

    for html in (public_ita(client, a), checklist_html(client, a)):
        assert script not in html
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;แผนงาน" in html


@pytest.mark.parametrize(
    "fields, message",
    [
        ({"title_th": "ก" * 1001}, "1000"),
        ({"title_th": "แผน\u202egnp.exe"}, "ควบคุม"),
        ({"title_th": "", "title_en": ""}, "อย่างน้อยหนึ่งช่อง"),
        ({"min_count": "99999999999"}, "100000"),
        ({"period": "whenever"}, "whenever"),
    ],
)
def test_bad_input_gets_a_thai_message_and_keeps_nothing(client, catalog, a, fields, message):
    item = catalog.items.get()
    client.force_login(a.user(Role.AGENCY_ADMIN))

    response = client.post(
        correction_url(item, a), correction_post(**fields), HTTP_ACCEPT_LANGUAGE="th"
    )

    assert response.status_code == 200
    assert message in response.content.decode().replace(",", "")
    assert not CatalogItemCorrection.objects.exists()
