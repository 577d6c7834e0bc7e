"""The sections every agency's site starts with: the categories the public looks for (ITA and
the Official Information Act) as empty index pages, in menu order. The demo fills the same
pages with its content; a new agency's webmaster fills them with the agency's own."""

from dataclasses import dataclass, field

from prongsai.core.html import paragraphs_html
from prongsai.disclosures.models import DisclosureIndexPage, InformationCentrePage
from prongsai.site.models import (
    ContactPage,
    KnowledgeIndexPage,
    NewsIndexPage,
    RelatedLinksPage,
    SectionPage,
    SiteMapPage,
)


@dataclass
class Section:
    page_class: type
    slug: str
    title: str
    summary: str = ""
    fields: dict = field(default_factory=dict)
    children: list = field(default_factory=list)


# (slug, title, default OIA category of what is published there); the demo uses the OIA
# category for its sample disclosures.
DISCLOSURE_SECTIONS = {
    "plans": (
        "แผนงานและงบประมาณ",
        "ยุทธศาสตร์ แผนพัฒนา แผนการดำเนินงาน งบประมาณรายจ่ายประจำปี และแผนการจัดซื้อจัดจ้าง",
        [
            ("strategy", "แผนยุทธศาสตร์และแผนพัฒนาท้องถิ่น", "s9(3)"),
            ("action-plans", "แผนการดำเนินงานและโครงการ", "s9(3)"),
            ("budget", "งบประมาณรายจ่ายประจำปี", "s9(3)"),
            ("procurement-plans", "แผนการจัดซื้อจัดจ้าง", "s9(8)"),
        ],
    ),
    "reports": (
        "ผลการดำเนินงาน",
        "รายงานผลการปฏิบัติราชการ รายงานการเงิน และสรุปผลการจัดซื้อจัดจ้าง",
        [
            ("performance", "รายงานผลการปฏิบัติราชการ", "s7(5)"),
            ("finance-reports", "รายงานการเงินและงบแสดงฐานะการเงิน", "s9(8)"),
            ("procurement-reports", "สรุปผลการจัดซื้อจัดจ้าง (สขร.1)", "s9(8)"),
        ],
    ),
}

# news category -> (title, slug) of its index under the news section
NEWS_CATEGORIES = {
    "general": ("ข่าวสารทั่วไป", "general"),
    "activity": ("ภาพข่าวกิจกรรม", "activity"),
    "alert": ("เรื่องแจ้งเตือน", "alerts"),
    "job": ("ประกาศรับสมัครงาน", "jobs"),
    "procurement": ("ประกาศจัดซื้อจัดจ้าง", "procurement"),
    "procurement_result": ("ผลการจัดซื้อจัดจ้าง", "procurement-results"),
}


def _disclosure_sections():
    return [
        Section(
            DisclosureIndexPage,
            slug,
            title,
            intro_text,
            {"intro": paragraphs_html([intro_text])},
            [Section(DisclosureIndexPage, s, t, t) for s, t, _oia in children],
        )
        for slug, (title, intro_text, children) in DISCLOSURE_SECTIONS.items()
    ]


def sections(agency_name):
    """The section tree of a new agency called `agency_name` (its Thai name)."""
    from django.utils.html import escape

    name = escape(agency_name)
    return [
        Section(
            SectionPage,
            "about",
            "ข้อมูลพื้นฐาน",
            "ประวัติ วิสัยทัศน์ โครงสร้าง ผู้บริหาร และอำนาจหน้าที่",
            {"intro": paragraphs_html([f"ข้อมูลพื้นฐานของ{name}"])},
        ),
        *_disclosure_sections(),
        Section(
            NewsIndexPage,
            "news",
            "ข่าวประชาสัมพันธ์",
            "ข่าวสารทั่วไป ภาพกิจกรรม เรื่องแจ้งเตือน ประกาศรับสมัครงานและจัดซื้อจัดจ้าง",
            children=[
                Section(NewsIndexPage, slug, title, title, {"category": category})
                for category, (title, slug) in NEWS_CATEGORIES.items()
            ],
        ),
        Section(
            DisclosureIndexPage,
            "laws",
            "กฎหมายและระเบียบ",
            "กฎหมาย ระเบียบ ข้อบังคับ และข้อบัญญัติที่เกี่ยวข้อง โดยแสดงที่มาของข้อมูล",
            {"require_source": True},
        ),
        Section(
            SectionPage,
            "manuals",
            "คู่มือ",
            "คู่มือการปฏิบัติงานของเจ้าหน้าที่ และคู่มือสำหรับประชาชนพร้อมแบบฟอร์ม",
            children=[
                Section(
                    DisclosureIndexPage,
                    "staff-manuals",
                    "คู่มือการปฏิบัติงาน",
                    "คู่มือมาตรฐานการปฏิบัติงานตามภารกิจของหน่วยงาน",
                ),
                Section(
                    SectionPage,
                    "citizen-manuals",
                    "คู่มือสำหรับประชาชน",
                    "ขั้นตอนการรับบริการ ระยะเวลา เอกสารที่ต้องใช้ และแบบฟอร์มดาวน์โหลด",
                ),
            ],
        ),
        Section(
            InformationCentrePage,
            "information-centre",
            "ศูนย์ข้อมูลข่าวสาร",
            "ข้อมูลข่าวสารตามมาตรา 7 และมาตรา 9 แห่งพระราชบัญญัติข้อมูลข่าวสารของราชการ พ.ศ. 2540",
            {
                "intro": paragraphs_html(
                    [
                        "ประชาชนมีสิทธิเข้าตรวจดูข้อมูลข่าวสารของราชการได้ที่ศูนย์ข้อมูลข่าวสาร "
                        f"สำนักงาน{name} และผ่านหน้านี้"
                    ]
                )
            },
        ),
        Section(
            KnowledgeIndexPage,
            "knowledge",
            "คลังความรู้",
            "อินโฟกราฟิก สื่อมัลติมีเดีย บทความ งานวิจัย และข้อมูลสถิติ พร้อมแหล่งที่มา",
        ),
        Section(
            ContactPage,
            "contact",
            "ติดต่อเรา",
            "ที่อยู่ โทรศัพท์ โทรสาร อีเมล แผนที่ และผู้รับผิดชอบแต่ละเรื่อง",
            {"intro": paragraphs_html(["ติดต่อสอบถามได้ในวันและเวลาราชการ"])},
        ),
        Section(
            SectionPage,
            "website",
            "เกี่ยวกับเว็บไซต์",
            "นโยบายเว็บไซต์ นโยบายความเป็นส่วนตัว ความมั่นคงปลอดภัย แผนผังเว็บไซต์ และเว็บไซต์ที่เกี่ยวข้อง",
            children=[
                Section(
                    RelatedLinksPage,
                    "links",
                    "เว็บไซต์หน่วยงานที่เกี่ยวข้อง",
                    "หน่วยงานต้นสังกัดและหน่วยงานที่เกี่ยวข้อง",
                ),
                Section(SiteMapPage, "sitemap", "แผนผังเว็บไซต์", "รายการหน้าทั้งหมดของเว็บไซต์"),
            ],
        ),
    ]


def build_sections(home, agency_name, user=None):
    """Add and publish the section tree under a new agency's home page; returns {slug: page}."""
    pages = {}
    _add_sections(home, sections(agency_name), pages, user)
    return pages


def _add_sections(parent, tree, pages, user):
    for section in tree:
        page = section.page_class(
            title=section.title,
            slug=section.slug,
            summary=section.summary,
            show_in_menus=True,
            **section.fields,
        )
        parent.add_child(instance=page)
        revision = page.save_revision(user=user, log_action=True)
        revision.publish(user=user, skip_permission_checks=True)
        page.refresh_from_db()
        pages[section.slug] = page
        _add_sections(page, section.children, pages, user)
