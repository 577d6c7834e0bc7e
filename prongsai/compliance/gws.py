"""Government Website Standard self-audit: the agency's own site against the parts in
``catalogs/gws-v2-parts.csv`` (titles come from the GWS catalog; the checks are code)."""

from urllib.parse import urlsplit

from django.apps import apps
from django.conf import settings

from prongsai.agencies.models import AgencySettings
from prongsai.compliance.models import Catalog, Scheme


def _live(site, model_label, **filters):
    model = apps.get_model(model_label)
    return (
        model.objects.live()
        .public()
        .descendant_of(site.root_page, inclusive=True)
        .filter(**filters)
        .first()
    )


def _titled(site, model_label, *words):
    model = apps.get_model(model_label)
    pages = model.objects.live().public().descendant_of(site.root_page)
    for word in words:
        page = pages.filter(title__icontains=word).first()
        if page is not None:
            return page
    return None


def audit(site):
    from django.test import Client

    agency = AgencySettings.for_site(site)
    checks = []

    def add(part, label, ok, todo, page=None, manual=False):
        checks.append(
            {
                "part": str(part),
                "label": label,
                "ok": bool(ok),
                "todo": "" if ok else todo,
                "url": page.url if page is not None and ok else "",
                "manual": manual,
            }
        )

    host = (site.hostname or "").lower()
    base_host = (urlsplit(settings.WAGTAILADMIN_BASE_URL).hostname or "").lower()
    domains = [h for h in (host, base_host) if h]
    suffix = ".ac.th" if agency.agency_type == "school" else ".go.th"
    add(
        1,
        f"ชื่อโดเมนของหน่วยงานลงท้ายด้วย {suffix}",
        any(h.endswith(suffix) for h in domains),
        f"ใช้ชื่อโดเมน {suffix} ของหน่วยงาน และตั้งค่า PRONGSAI_BASE_URL ให้ตรงกัน",
    )
    # part 2: basic information
    required = [
        ("ประวัติความเป็นมา", _titled(site, "site.StandardPage", "ประวัติ")),
        ("วิสัยทัศน์ พันธกิจ", _live(site, "site.VisionMissionPage")),
        ("โครงสร้างหน่วยงาน", _live(site, "site.OrganisationStructurePage")),
        ("ทำเนียบผู้บริหาร", _live(site, "site.ExecutiveDirectoryPage")),
        ("อำนาจหน้าที่", _titled(site, "site.StandardPage", "อำนาจหน้าที่")),
        ("ยุทธศาสตร์และแผน", _titled(site, "disclosures.DisclosureIndexPage", "แผน")),
        ("งบประมาณประจำปี", _titled(site, "disclosures.DisclosureIndexPage", "งบประมาณ")),
        (
            "รายงานผลการดำเนินงาน",
            _titled(site, "disclosures.DisclosureIndexPage", "ผลการ", "รายงาน"),
        ),
        ("หน้าติดต่อหน่วยงาน", _live(site, "site.ContactPage")),
    ]
    for label, page in required:
        add(2, f"มีหน้า{label}", page, f"สร้างและเผยแพร่หน้า{label}", page)
    missing = [
        name
        for name, value in (
            ("ที่อยู่", agency.address),
            ("โทรศัพท์", agency.phone),
            ("อีเมล", agency.email),
        )
        if not value
    ]
    add(
        2,
        "ข้อมูลติดต่อครบ (ที่อยู่ โทรศัพท์ อีเมล)",
        not missing,
        "กรอก" + " ".join(missing) + "ในการตั้งค่าหน่วยงาน",
    )
    add(
        2,
        "มีแผนที่ตั้งหน่วยงาน",
        agency.map_url,
        "กรอกพิกัดแผนที่ในการตั้งค่าหน่วยงาน",
    )
    # part 3: services
    manual_page = _live(site, "site.CitizenManualPage")
    add(3, "มีคู่มือสำหรับประชาชน", manual_page, "เผยแพร่คู่มือสำหรับประชาชนอย่างน้อย 1 เรื่อง", manual_page)
    # part 4: participation (the complaint system belongs to the services app)
    add(
        4,
        "ช่องทางรับเรื่องร้องเรียนและแบบสำรวจความพึงพอใจ",
        False,
        "ตรวจด้วยตนเอง: มีช่องทางรับเรื่องร้องเรียน ถาม-ตอบ และแบบสำรวจความพึงพอใจบนเว็บไซต์",
        manual=True,
    )
    # part 5: open data
    links_model = apps.get_model("site.RelatedLink")
    open_data = links_model.objects.filter(
        page__path__startswith=site.root_page.path, url__icontains="data.go.th"
    ).exists()
    add(
        5,
        "มีลิงก์ไปยังศูนย์กลางข้อมูลเปิดภาครัฐ (data.go.th)",
        open_data,
        "เพิ่มลิงก์ data.go.th ในหน้าเว็บไซต์ที่เกี่ยวข้อง",
    )
    # part 6: features
    client = Client(raise_request_exception=False)
    host_header = site.hostname if site.port in (80, 443) else f"{site.hostname}:{site.port}"

    def status(path):
        try:
            return client.get(path, HTTP_HOST=host_header).status_code
        except Exception:
            return 500

    add(6, "มีระบบค้นหาที่ /search/", status("/search/?q=test") == 200, "เปิดใช้หน้าค้นหา /search/")
    sitemap_page = _live(site, "site.SiteMapPage")
    add(6, "มีหน้าแผนผังเว็บไซต์", sitemap_page, "สร้างหน้าแผนผังเว็บไซต์ (SiteMapPage)", sitemap_page)
    add(6, "มี /sitemap.xml", status("/sitemap.xml") == 200, "เปิดใช้ /sitemap.xml")
    add(
        6,
        "แสดงเบราว์เซอร์ที่รองรับ",
        agency.supported_browsers,
        "กรอกข้อความเบราว์เซอร์ที่รองรับในการตั้งค่าหน่วยงาน",
    )
    # part 7: security
    https = settings.WAGTAILADMIN_BASE_URL.startswith("https://") and getattr(
        settings, "SESSION_COOKIE_SECURE", False
    )
    add(
        7,
        "ใช้ HTTPS (PRONGSAI_BASE_URL เป็น https:// และคุกกี้ปลอดภัย)",
        https,
        "ติดตั้งใบรับรอง SSL ที่ nginx ตั้ง PRONGSAI_BASE_URL=https://… และรันในโหมด production",
    )
    # part 8: policies linked from every page (the footer shows the pages set in the settings)
    home_html = ""
    try:
        response = client.get(site.root_page.url or "/", HTTP_HOST=host_header)
        home_html = (
            response.content.decode("utf-8", "replace") if response.status_code == 200 else ""
        )
    except Exception:
        home_html = ""
    for field, label in (
        ("website_policy_page", "นโยบายเว็บไซต์"),
        ("privacy_policy_page", "นโยบายการคุ้มครองข้อมูลส่วนบุคคล"),
        ("security_policy_page", "นโยบายการรักษาความมั่นคงปลอดภัยเว็บไซต์"),
    ):
        page = getattr(agency, field)
        ok = page is not None and page.live and (page.url or "") in home_html
        add(
            8,
            f"{label} เผยแพร่และมีลิงก์จากทุกหน้า (ส่วนท้าย)",
            ok,
            f"เผยแพร่หน้า{label} และเลือกหน้านั้นในการตั้งค่าหน่วยงาน (แสดงที่ส่วนท้ายทุกหน้า)",
            page,
        )
    scored = [c for c in checks if not c["manual"]]
    passed = sum(c["ok"] for c in scored)
    catalog = Catalog.objects.filter(scheme=Scheme.GWS).first()
    parts = {i.code: i for i in catalog.items.all()} if catalog else {}
    grouped = []
    for code in sorted({c["part"] for c in checks}, key=int):
        item = parts.get(code)
        grouped.append(
            {
                "code": code,
                "title": item.title_th if item else "",
                "unconfirmed": item.unconfirmed if item else False,
                "checks": [c for c in checks if c["part"] == code],
            }
        )
    return {
        "score": round(100 * passed / len(scored)) if scored else 0,
        "passed": passed,
        "total": len(scored),
        "parts": grouped,
        "todo": [c for c in checks if not c["ok"]],
        "information_centre": _live(site, "disclosures.InformationCentrePage"),
    }
