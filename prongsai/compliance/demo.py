"""The demo agency's FY2569 OIT checklist: about two thirds ready with evidence linked to the
demo's pages and Disclosures, a few items whose checks fail to show the messages, one check run,
and the public ITA page in the main menu."""

import datetime

from django.contrib.auth import get_user_model
from wagtail.models import Page

from prongsai.agencies.models import Department
from prongsai.agencies.thaidates import FiscalYear
from prongsai.compliance.catalogs import load_shipped_catalogs
from prongsai.compliance.checklists import create_checklist
from prongsai.compliance.checks import run_checks
from prongsai.compliance.models import (
    Catalog,
    Checklist,
    EntryStatus,
    Evidence,
    ITAPage,
    Scheme,
)

FY = 2569
READY, PROGRESS, NOT_STARTED = EntryStatus.READY, EntryStatus.IN_PROGRESS, EntryStatus.NOT_STARTED

# code → (status, department key, evidence, explanation). Evidence: ("slug", s) a page by slug,
# ("title", words) a Disclosure/news by words in its title (FY2569 preferred), ("new", key) a
# page this module creates, ("url", address) an external link.
PLAN = {
    "O1": (
        READY,
        "office",
        [("slug", "structure"), ("slug", "powers")],
        "เมนูข้อมูลพื้นฐาน > โครงสร้างหน่วยงาน และ อำนาจหน้าที่",
    ),
    "O2": (READY, "office", [("slug", "executives")], "เมนูข้อมูลพื้นฐาน > ทำเนียบผู้บริหาร"),
    "O3": (READY, "office", [("slug", "contact")], "เมนูติดต่อเรา: ที่อยู่ โทรศัพท์ อีเมล แผนที่"),
    "O4": (READY, "office", [("slug", "general")], "เมนูข่าวประชาสัมพันธ์ > ข่าวสารทั่วไป"),
    "O5": (
        READY,
        "office",
        [("title", "แผนพัฒนาท้องถิ่น (พ.ศ. 2566 – 2570)")],
        "เมนูแผนงานและงบประมาณ > แผนยุทธศาสตร์และแผนพัฒนาท้องถิ่น",
    ),
    "O6": (NOT_STARTED, "office", [], ""),
    "O7": (NOT_STARTED, "office", [], ""),
    "O8": (READY, "works", [("slug", "staff-manuals")], "เมนูคู่มือ > คู่มือการปฏิบัติงาน"),
    "O9": (READY, "welfare", [("slug", "citizen-manuals")], "เมนูคู่มือ > คู่มือสำหรับประชาชน"),
    "O10": (
        PROGRESS,
        "office",
        [("url", "https://www.info.go.th/")],
        "ระบบ e-Service ของหน่วยงานยังอยู่ระหว่างจัดทำ ใช้ศูนย์บริการภาครัฐไปก่อน",
    ),
    "O11": (
        READY,
        "finance",
        [("slug", "procurement-reports")],
        "เมนูผลการดำเนินงาน > สรุปผลการจัดซื้อจัดจ้าง (สขร.1) รายเดือน",
    ),
    "O12": (
        READY,
        "finance",
        [("title", "รายงานผลการวิเคราะห์การจัดซื้อจัดจ้าง")],
        "เมนูผลการดำเนินงาน > สรุปผลการจัดซื้อจัดจ้าง",
    ),
    "O13": (
        READY,
        "office",
        [("title", "แผนการบริหารและพัฒนาทรัพยากรบุคคล")],
        "เมนูแผนงานและงบประมาณ > แผนการดำเนินงานและโครงการ",
    ),
    "O14": (READY, "office", [("new", "hr-report")], "เมนูผลการดำเนินงาน > รายงานผลการปฏิบัติราชการ"),
    "O15": (READY, "office", [("new", "ethics")], "เมนูกฎหมายและระเบียบ"),
    "O16": (
        READY,
        "office",
        [("title", "คู่มือการปฏิบัติงานการรับเรื่องร้องเรียน")],
        "เมนูคู่มือ > คู่มือการปฏิบัติงาน",
    ),
    "O17": (PROGRESS, "office", [("new", "complaint-channels")], ""),
    "O18": (NOT_STARTED, "office", [], ""),
    "O19": (
        READY,
        "office",
        [("title", "เชิญร่วมประชุมประชาคมหมู่บ้าน")],
        "เมนูข่าวประชาสัมพันธ์ > ข่าวสารทั่วไป",
    ),
    "O20": (PROGRESS, "office", [("new", "no-gift")], "ร่างประกาศรอนายกลงนาม"),
    "O21": (READY, "office", [("new", "risk")], "เมนูผลการดำเนินงาน > รายงานผลการปฏิบัติราชการ"),
    "O22": (NOT_STARTED, "office", [], ""),
    "O23": (
        READY,
        "office",
        [("title", "แผนปฏิบัติการป้องกันการทุจริต")],
        "เมนูแผนงานและงบประมาณ > แผนยุทธศาสตร์และแผนพัฒนาท้องถิ่น",
    ),
    "O24": (
        READY,
        "office",
        [("new", "anti-corruption-report")],
        "เมนูผลการดำเนินงาน > รายงานผลการปฏิบัติราชการ",
    ),
    "O25": (
        READY,
        "office",
        [("new", "ita-improvement")],
        "เมนูผลการดำเนินงาน > รายงานผลการปฏิบัติราชการ",
    ),
    "O26": (NOT_STARTED, "office", [], ""),
}


def _new_pages(site, departments):
    """Pages the demo checklist points at that the site demo does not have."""
    from prongsai.disclosures.models import DisclosureIndexPage, DisclosurePage
    from prongsai.site.models import StandardPage

    home = site.root_page.specific
    fy = FiscalYear(FY)
    prev = fy.previous()
    index = (
        DisclosureIndexPage.objects.descendant_of(home).filter(slug="performance").first()
        or DisclosureIndexPage.objects.descendant_of(home).first()
    )
    laws = DisclosureIndexPage.objects.descendant_of(home).filter(slug="laws").first() or index
    office = departments.get("office")
    made = {}

    def disclosure(key, parent, title, start, end, live=True):
        page = DisclosurePage(
            title=title,
            department=office,
            summary=title,
            data_period_start=start,
            data_period_end=end,
            publish_date=min(end + datetime.timedelta(days=20), datetime.date.today()),
            fiscal_year=FiscalYear(FY).be if start >= fy.start else prev.be,
            live=live,
        )
        parent.add_child(instance=page)
        revision = page.save_revision()
        if live:
            revision.publish(skip_permission_checks=True)
        made[key] = page

    disclosure(
        "hr-report",
        index,
        f"รายงานผลการบริหารและพัฒนาทรัพยากรบุคคล ประจำปีงบประมาณ {prev.be}",
        prev.start,
        prev.end,
    )
    disclosure(
        "ethics", laws, f"ประมวลจริยธรรมและการขับเคลื่อนจริยธรรม ประจำปีงบประมาณ {FY}", fy.start, fy.end
    )
    disclosure("risk", index, f"การประเมินความเสี่ยงการทุจริต ประจำปีงบประมาณ {FY}", fy.start, fy.end)
    disclosure(
        "anti-corruption-report",
        index,
        f"รายงานผลการดำเนินการป้องกันการทุจริต ประจำปีงบประมาณ {prev.be}",
        prev.start,
        prev.end,
    )
    disclosure(
        "ita-improvement",
        index,
        f"มาตรการส่งเสริมคุณธรรมและความโปร่งใสจากผลการประเมิน ITA ประจำปีงบประมาณ {FY}",
        fy.start,
        fy.end,
    )
    disclosure(
        "no-gift",
        index,
        f"ประกาศเจตนารมณ์ No Gift Policy ประจำปีงบประมาณ {FY} (ร่าง)",
        fy.start,
        fy.end,
        live=False,
    )
    # published, but not in the menu and not listed anywhere: "ไม่มีลิงก์จากหน้าแรก"
    channels = StandardPage(
        title="ช่องทางแจ้งเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ",
        slug="corruption-complaints",
        summary="โทรศัพท์ อีเมล ตู้รับเรื่อง และแบบฟอร์มออนไลน์",
        show_in_menus=False,
    )
    home.add_child(instance=channels)
    channels.save_revision().publish(skip_permission_checks=True)
    made["complaint-channels"] = channels
    return made


def _find_by_title(site, words):
    from prongsai.disclosures.models import DisclosurePage
    from prongsai.site.models import NewsPage

    for model in (DisclosurePage, NewsPage):
        pages = model.objects.live().descendant_of(site.root_page).filter(title__icontains=words)
        if model is DisclosurePage:
            preferred = pages.filter(fiscal_year=FY).first()
            if preferred:
                return preferred
        page = pages.order_by("path").first()
        if page:
            return page
    return None


def build_demo_compliance(site):
    """Idempotent: does nothing when the agency already has an FY2569 OIT checklist."""
    load_shipped_catalogs()
    catalog = Catalog.objects.filter(scheme=Scheme.NACC_OIT, fiscal_year=FY).first()
    if catalog is None or Checklist.objects.filter(site=site, catalog=catalog).exists():
        return None
    departments = {}
    for dept in Department.objects.filter(site=site):
        key = (dept.email or "").split("@")[0]
        departments[key] = dept
    users = {
        u.username: u
        for u in get_user_model().objects.filter(
            username__in=["webmaster", "webmaster2", "requester"]
        )
    }
    made = _new_pages(site, departments)
    checklist = create_checklist(site, catalog, FY)
    fy = FiscalYear(FY)
    for entry in checklist.entries.select_related("item"):
        status, dept_key, evidence, explanation = PLAN.get(
            entry.item.code, (NOT_STARTED, "office", [], "")
        )
        entry.status = status
        entry.department = departments.get(dept_key)
        entry.responsible = users.get(
            "requester"
            if dept_key == "finance"
            else "webmaster2"
            if entry.item.group in ("human resources", "corruption prevention")
            else "webmaster"
        )
        entry.due_date = (
            datetime.date(fy.end.year, 3, 31)
            if status != READY
            else fy.first_half[1] - datetime.timedelta(days=30)
        )
        entry.explanation = explanation
        entry.save()
        for order, (kind, value) in enumerate(evidence):
            if kind == "slug":
                page = Page.objects.descendant_of(site.root_page).filter(slug=value).first()
                if page:
                    Evidence.objects.create(entry=entry, page=page, sort_order=order)
            elif kind == "title":
                page = _find_by_title(site, value)
                if page:
                    Evidence.objects.create(entry=entry, page=page, sort_order=order)
            elif kind == "new":
                Evidence.objects.create(entry=entry, page=made[value], sort_order=order)
            elif kind == "url":
                Evidence.objects.create(
                    entry=entry, url=value, label="ศูนย์บริการข้อมูลภาครัฐ", sort_order=order
                )
    home = site.root_page.specific
    if not ITAPage.objects.descendant_of(home).exists():
        ita = ITAPage(
            title="การประเมินคุณธรรมและความโปร่งใส (ITA)",
            slug="ita",
            summary="การเปิดเผยข้อมูลสาธารณะ (OIT) ตามเกณฑ์การประเมิน ITA ของสำนักงาน ป.ป.ช.",
            intro=(
                "<p>ข้อมูลที่หน่วยงานเปิดเผยตามแบบวัดการเปิดเผยข้อมูลสาธารณะ (OIT) แยกตามข้อและปีงบประมาณ</p>"
            ),
            show_in_menus=True,
        )
        home.add_child(instance=ita)
        ita.save_revision().publish(skip_permission_checks=True)
    run_checks(checklist, user=users.get("webmaster"))
    return checklist
