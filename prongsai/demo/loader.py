"""Builds the demo agency: pages in every category, real files, images, departments, accounts.

Idempotent: the content is created once (a site whose root is the demo home page marks it);
later runs only add what is missing (accounts, roles) and never overwrite what users changed.
Dates are relative to today so the demo always spans the current and the previous fiscal year.
"""

import datetime
import io
import logging

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.models import Collection, Site

from prongsai.agencies.models import Department, DepartmentMember
from prongsai.agencies.thaidates import FiscalYear, current_fiscal_year, thai_date
from prongsai.core import samplefiles
from prongsai.core.html import paragraphs_html
from prongsai.demo import content
from prongsai.disclosures.models import (
    AgencyDocument,
    DisclosurePage,
)
from prongsai.platform.provision import create_agency
from prongsai.platform.skeleton import NEWS_CATEGORIES
from prongsai.site.models import (
    CitizenManualPage,
    ContactPerson,
    Executive,
    ExecutiveDirectoryPage,
    KnowledgeItemPage,
    NewsPage,
    OrganisationStructurePage,
    RelatedLink,
    StandardPage,
    VisionMissionPage,
)

logger = logging.getLogger("prongsai.demo")
HOME_SLUG = "nongnamsai"
AGENCY = content.AGENCY["short_name"]


def list_html(items):
    return "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"


def text_block(paragraphs):
    return [{"type": "paragraph", "value": paragraphs_html(paragraphs)}]


def file_blocks(documents):
    return [{"type": "file", "value": {"document": doc.pk, "title": ""}} for doc in documents]


class DemoBuilder:
    def __init__(self, today=None):
        self.today = today or timezone.localdate()
        self.fy = current_fiscal_year() if today is None else _fy_of(today)
        self.photo_cache = []
        self.doc_count = 0

    # ---------- entry point ----------
    def run(self):
        site = self.demo_site()
        created = site is None
        with transaction.atomic():
            if created:
                site = self.build_site()
            self.ensure_accounts(site)
            if created:
                from prongsai.demo.requests import build_demo_requests

                build_demo_requests(site, self.users, content.AGENCY["name_th"])
                from prongsai.compliance.demo import build_demo_compliance

                build_demo_compliance(site)
                from prongsai.retention.demo import build_demo_retention

                build_demo_retention(site, self.users)
        return site, created

    def demo_site(self):
        return Site.objects.filter(root_page__slug=HOME_SLUG).first()

    # ---------- site skeleton ----------
    def build_site(self):
        agency = create_agency(
            content.AGENCY["name_th"],
            AGENCY,
            "localhost",
            port=80,
            agency_type=content.AGENCY["agency_type"],
            home_slug=HOME_SLUG,
            default_site=True,
        )
        site, home = agency.site, agency.home
        self.sections = agency.pages
        self.collection = agency.collection
        self.roles = agency.groups
        self.logo = self.image(
            "ตราสัญลักษณ์ อบต.หนองน้ำใส", samplefiles.make_logo("หนองน้ำใส"), "logo.png"
        )
        home.welcome = paragraphs_html(
            [
                "ยินดีต้อนรับสู่เว็บไซต์องค์การบริหารส่วนตำบลหนองน้ำใส "
                "แหล่งข้อมูลข่าวสาร บริการ และการเผยแพร่ข้อมูลต่อสาธารณะของตำบลเรา"
            ]
        )
        home.hero_image = self.image(
            "หนองน้ำใสยามเช้า", samplefiles.make_photo("หนองน้ำใส", 7, (1600, 500)), "hero.jpg"
        )
        self.publish(home)
        self.settings = agency.settings
        for field, value in content.AGENCY.items():
            setattr(self.settings, field, value)
        self.settings.logo = self.logo
        self.settings.save()
        self.departments = self.create_departments(site)
        self.users = self.create_users()
        self.home = home
        self.build_about()
        self.build_disclosure_sections()
        self.build_news()
        self.build_laws()
        self.build_manuals()
        self.build_knowledge()
        self.build_contact()
        self.build_about_website(site)
        self.assign_department_sections(home)
        logger.info("Demo agency built: %s documents", self.doc_count)
        return site

    def section(self, slug):
        """One of the sections create_agency gave the agency (the demo fills them)."""
        return self.sections[slug]

    def create_departments(self, site):
        departments = {}
        for order, (key, name, kind, phone, duties) in enumerate(content.DEPARTMENTS):
            departments[key] = Department.objects.create(
                site=site,
                name=name,
                kind=kind,
                phone=phone,
                description=duties,
                email=f"{key}@nongnamsai.go.th",
                sort_order=order,
            )
        return departments

    def create_users(self):
        users = {}
        for username, first, last, position, dept_key, _roles in content.ACCOUNTS:
            users[username] = self.user(username, first, last)
            if dept_key:
                head_of = content.HEADS.get(dept_key)
                DepartmentMember.objects.create(
                    department=self.departments[dept_key],
                    user=users[username],
                    position=position,
                    is_head=bool(head_of and head_of[0] == username),
                )
        return users

    def ensure_accounts(self, site):
        """Missing demo accounts come back; existing ones (and their passwords) stay as they are."""
        from prongsai.agencies.models import AgencyRole

        roles = {ar.role: ar.group for ar in AgencyRole.objects.filter(site=site)}
        for username, first, last, _position, _dept, role_codes in content.ACCOUNTS:
            user = self.user(username, first, last)
            for code in role_codes:
                if code in roles:
                    user.groups.add(roles[code])

    def user(self, username, first, last):
        User = get_user_model()
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User(
                username=username,
                first_name=first,
                last_name=last,
                email=f"{username}@nongnamsai.go.th",
                is_superuser=username == "admin",
                is_staff=username == "admin",
            )
            user.set_password(content.DEMO_PASSWORD)
            user.save()
        return user

    # ---------- helpers ----------
    def publish(self, page, when=None):
        if when is not None:
            page.first_published_at = when
        revision = page.save_revision(
            user=self.users.get("webmaster") if hasattr(self, "users") else None, log_action=True
        )
        revision.publish(user=revision.user, skip_permission_checks=True)
        page.refresh_from_db()
        return page

    def add(self, parent, page, when=None, show_in_menus=False):
        page.show_in_menus = show_in_menus
        parent.add_child(instance=page)
        return self.publish(page, when)

    def image(self, title, data, filename):
        Image = get_image_model()
        return Image.objects.create(
            title=title,
            file=ImageFile(io.BytesIO(data), name=filename),
            collection=getattr(self, "collection", Collection.get_first_root_node()),
        )

    def photo(self, index):
        if not self.photo_cache:
            for seed in range(10):
                self.photo_cache.append(
                    self.image(
                        f"ภาพกิจกรรม {seed + 1}",
                        samplefiles.make_photo("กิจกรรม", seed + 11),
                        f"activity-{seed + 1}.jpg",
                    )
                )
        return self.photo_cache[index % len(self.photo_cache)]

    def document(self, title, kind, department, filename, paragraphs=None, table=None):
        paragraphs = paragraphs or [
            f"{title} จัดทำโดย{department.name} {content.AGENCY['name_th']} "
            "เพื่อเผยแพร่ต่อสาธารณะตามพระราชบัญญัติข้อมูลข่าวสารของราชการ พ.ศ. 2540",
            "รายละเอียดประกอบด้วยวัตถุประสงค์ เป้าหมาย งบประมาณ และผลที่คาดว่าจะได้รับ "
            "ประชาชนสามารถขอตรวจดูเอกสารฉบับเต็มได้ที่ศูนย์ข้อมูลข่าวสารขององค์การบริหารส่วนตำบล",
        ]
        agency = content.AGENCY["name_th"]
        if kind == "pdf":
            data = samplefiles.make_pdf(title, paragraphs, agency=agency, table=table)
        elif kind == "docx":
            data = samplefiles.make_docx(title, paragraphs, agency=agency, table=table)
        else:
            header = (table or BUDGET_TABLE)[0]
            rows = [[_number(cell) for cell in row] for row in (table or BUDGET_TABLE)[1:]]
            data = samplefiles.make_xlsx(title, header, rows, agency=agency)
        document = AgencyDocument(
            title=title,
            file=ContentFile(data, name=f"{filename}.{kind}"),
            collection=self.collection,
            department=department,
            uploaded_by_user=self.users["webmaster"],
        )
        document._set_document_file_metadata()
        document.save()
        self.doc_count += 1
        return document

    def fiscal_year(self, code):
        return self.fy if code == "cur" else self.fy.previous()

    def date_in(self, fy, fraction):
        """A day `fraction` of the way through a fiscal year, never after today."""
        end = min(fy.end, self.today)
        span = (end - fy.start).days
        return fy.start + datetime.timedelta(days=int(span * fraction))

    def as_datetime(self, day):
        return timezone.make_aware(datetime.datetime.combine(day, datetime.time(10, 0)))

    # ---------- sections ----------
    def build_about(self):
        about = self.section("about")
        office = self.departments["office"]
        self.add(
            about,
            StandardPage(
                title="ประวัติความเป็นมา",
                slug="history",
                department=office,
                summary="ความเป็นมาของตำบลและองค์การบริหารส่วนตำบลหนองน้ำใส",
                body=text_block(content.HISTORY),
            ),
            show_in_menus=True,
        )
        self.add(
            about,
            VisionMissionPage(
                title="วิสัยทัศน์ พันธกิจ",
                slug="vision",
                department=office,
                summary="วิสัยทัศน์ พันธกิจ และเป้าประสงค์การพัฒนา",
                vision=paragraphs_html([content.VISION]),
                missions=list_html(content.MISSIONS),
                goals=list_html(content.GOALS),
            ),
            show_in_menus=True,
        )
        chart = self.image(
            "แผนภูมิโครงสร้าง อบต.หนองน้ำใส",
            samplefiles.make_photo("โครงสร้าง", 3, (1200, 700)),
            "structure.jpg",
        )
        self.add(
            about,
            OrganisationStructurePage(
                title="โครงสร้างหน่วยงาน",
                slug="structure",
                chart=chart,
                summary="โครงสร้างส่วนราชการและผู้รับผิดชอบ",
                chart_description="นายกองค์การบริหารส่วนตำบล กำกับดูแลปลัดองค์การบริหารส่วนตำบล "
                "ซึ่งบังคับบัญชาสำนักปลัด กองคลัง กองช่าง กองการศึกษา ศาสนาและวัฒนธรรม "
                "กองสาธารณสุขและสิ่งแวดล้อม และกองสวัสดิการสังคม",
                body=paragraphs_html(
                    [
                        "ส่วนราชการภายในแบ่งออกเป็น 1 สำนัก 5 กอง ตามประกาศ"
                        "คณะกรรมการพนักงานส่วนตำบลจังหวัดนครราชสีมา"
                    ]
                ),
            ),
            show_in_menus=True,
        )
        directory = ExecutiveDirectoryPage(
            title="ทำเนียบผู้บริหาร",
            slug="executives",
            summary="คณะผู้บริหาร สมาชิกสภา และหัวหน้าส่วนราชการ",
        )
        for order, (group, name, position, phone) in enumerate(content.EXECUTIVES):
            portrait = self.image(
                name, samplefiles.make_portrait(name, order), f"portrait-{order}.png"
            )
            directory.people.add(
                Executive(
                    sort_order=order,
                    group=group,
                    name=name,
                    position=position,
                    phone=phone,
                    photo=portrait,
                )
            )
        self.add(about, directory, show_in_menus=True)
        self.add(
            about,
            StandardPage(
                title="อำนาจหน้าที่",
                slug="powers",
                department=office,
                source="พระราชบัญญัติสภาตำบลและองค์การบริหารส่วนตำบล พ.ศ. 2537",
                summary="อำนาจหน้าที่ตามกฎหมาย",
                body=text_block(content.POWERS),
            ),
            show_in_menus=True,
        )

    def build_disclosure_sections(self):
        categories = {
            child_slug: self.section(child_slug)
            for _title, _intro, children in content.DISCLOSURE_SECTIONS.values()
            for child_slug, _child_title, _oia in children
        }
        oia_of = {c[0]: c[2] for s in content.DISCLOSURE_SECTIONS.values() for c in s[2]}
        n = 0
        for slug, pattern, dept_key, kind, years, oia in content.DISCLOSURES:
            department = self.departments[dept_key]
            for year_code in years:
                if year_code == "monthly":
                    self.monthly_procurement_reports(categories[slug], pattern, department, oia)
                    continue
                fy = self.fiscal_year(year_code)
                n += 1
                title = pattern.format(fy=fy.be, n=n % 3 + 1)
                self.disclosure(
                    categories[slug],
                    title,
                    department,
                    kind,
                    fy,
                    oia or oia_of[slug],
                    f"{slug}-{fy.be}-{n}",
                )

    def monthly_procurement_reports(self, parent, pattern, department, oia):
        """สขร.1: one report a month, for every finished month of both fiscal years."""
        for fy in (self.fy.previous(), self.fy):
            for index, month in enumerate(content.THAI_MONTHS):
                start = _month_start(fy, index)
                if start >= self.today.replace(day=1):
                    return
                label = f"{month} {start.year + 543}"
                self.disclosure(
                    parent,
                    pattern.format(month=label),
                    department,
                    "pdf",
                    fy,
                    oia,
                    f"sor-kor-ror-{start:%Y-%m}",
                    period=(start, _month_end(start)),
                    table=PROCUREMENT_TABLE,
                )

    def disclosure(
        self, parent, title, department, kind, fy, oia, filename, period=None, table=None
    ):
        start, end = period or (fy.start, fy.end)
        published = min(end + datetime.timedelta(days=5), self.today)
        if not period:
            published = self.date_in(fy, 0.15)
        document = self.document(title, kind, department, filename, table=table)
        page = DisclosurePage(
            title=title,
            department=department,
            summary=f"{title} ({department.name})",
            body=text_block(
                [
                    f"{department.name} เผยแพร่{title} เพื่อให้ประชาชนตรวจดูได้ "
                    "ตามพระราชบัญญัติข้อมูลข่าวสารของราชการ พ.ศ. 2540"
                ]
            ),
            attachments=file_blocks([document]),
            data_period_start=start,
            data_period_end=end,
            publish_date=published,
            fiscal_year=fy.be,
            oia_category=oia,
        )
        return self.add(parent, page, when=self.as_datetime(published))

    def build_news(self):
        count = 0
        for category, items in content.NEWS.items():
            index = self.section(NEWS_CATEGORIES[category][1])
            department = self.departments[content.NEWS_DEPARTMENT[category]]
            for fy in (self.fy.previous(), self.fy):
                # the previous year gets every item; the current one the first few so far
                chosen = items if fy == self.fy.previous() else items[: max(2, len(items) // 2)]
                for position, (pattern, summary) in enumerate(chosen):
                    count += 1
                    fraction = (position + 1) / (len(chosen) + 1)
                    day = self.date_in(fy, fraction)
                    self.news_item(index, category, pattern, summary, department, fy, day, count)
        logger.info("Demo news: %s items", count)

    def news_item(self, index, category, pattern, summary, department, fy, day, count):
        title = pattern.format(year=day.year + 543, fy=fy.be, moo=count % 12 + 1)
        body = [
            line.format(summary=summary, department=department.name) for line in content.NEWS_BODY
        ]
        attachments = []
        if category in ("job", "procurement", "procurement_result"):
            attachments = [self.document(title, "pdf", department, f"news-{count}")]
        gallery = []
        if category == "activity":
            gallery = [
                {
                    "type": "image",
                    "value": {"image": self.photo(count + k).pk, "alt_text": "", "caption": title},
                }
                for k in range(1, 4)
            ]
        page = NewsPage(
            title=title,
            date=day,
            category=category,
            department=department,
            summary=summary,
            lead_image=self.photo(count),
            body=text_block(body),
            gallery=gallery,
            attachments=file_blocks(attachments),
            deadline=day + datetime.timedelta(days=15)
            if category in ("job", "procurement")
            else None,
        )
        page.tags.add(*content.NEWS_TAGS[category])
        return self.add(index, page, when=self.as_datetime(day))

    def build_laws(self):
        laws = self.section("laws")
        office = self.departments["office"]
        for n, (title, source, oia) in enumerate(content.LAWS):
            document = self.document(title, "pdf", office, f"law-{n + 1}")
            published = self.date_in(self.fy.previous(), 0.1 + n / 10)
            self.add(
                laws,
                DisclosurePage(
                    title=title,
                    source=source,
                    department=office,
                    summary=f"ที่มา: {source}",
                    attachments=file_blocks([document]),
                    publish_date=published,
                    fiscal_year=self.fy.previous().be,
                    oia_category=oia,
                ),
                when=self.as_datetime(published),
            )

    def build_manuals(self):
        staff = self.section("staff-manuals")
        for n, (title, dept_key, oia) in enumerate(content.STAFF_MANUALS):
            department = self.departments[dept_key]
            document = self.document(
                title, "docx" if n % 2 else "pdf", department, f"staff-manual-{n + 1}"
            )
            published = self.date_in(self.fy.previous(), 0.3 + n / 10)
            self.add(
                staff,
                DisclosurePage(
                    title=title,
                    department=department,
                    attachments=file_blocks([document]),
                    publish_date=published,
                    fiscal_year=self.fy.previous().be,
                    oia_category=oia,
                    summary="ขั้นตอนการปฏิบัติงานพร้อมระยะเวลาในแต่ละขั้นตอน",
                ),
                when=self.as_datetime(published),
            )
        citizen = self.section("citizen-manuals")
        for n, manual in enumerate(content.CITIZEN_MANUALS):
            department = self.departments[manual["department"]]
            form = self.document(manual["form"], "docx", department, f"form-{n + 1}")
            self.add(
                citizen,
                CitizenManualPage(
                    title=manual["title"],
                    department=department,
                    summary=f"คู่มือสำหรับประชาชน: {manual['title']}",
                    channels=paragraphs_html([manual["channels"]]),
                    conditions=paragraphs_html([manual["conditions"]]),
                    steps=[
                        {
                            "type": "step",
                            "value": {
                                "step": step,
                                "description": "",
                                "duration": duration,
                                "responsible": department.name,
                            },
                        }
                        for step, duration in manual["steps"]
                    ],
                    required_documents=[
                        {"type": "document", "value": {"name": doc, "copies": "1 ฉบับ", "note": ""}}
                        for doc in manual["documents"]
                    ],
                    fees=paragraphs_html([manual["fees"]]),
                    complaints=paragraphs_html(
                        [
                            "สำนักปลัด องค์การบริหารส่วนตำบลหนองน้ำใส โทรศัพท์ 044-123-456 "
                            "หรือศูนย์ดำรงธรรมอำเภอโนนสวรรค์"
                        ]
                    ),
                    forms=file_blocks([form]),
                ),
            )

    def build_knowledge(self):
        knowledge = self.section("knowledge")
        health = self.departments["health"]
        for n, (kind, title, source, day) in enumerate(content.KNOWLEDGE):
            attachments = []
            if kind == "statistics":
                attachments = [
                    self.document(
                        title,
                        "xlsx",
                        self.departments["office"],
                        "population",
                        table=POPULATION_TABLE,
                    )
                ]
            elif kind == "research":
                attachments = [self.document(title, "pdf", health, "satisfaction-survey")]
            body = text_block(
                [
                    f"{title} ข้อมูลจาก{source} ณ วันที่ {thai_date(day, 'long')} "
                    "สามารถนำไปใช้ต่อได้โดยอ้างอิงแหล่งที่มา"
                ]
            )
            if kind == "media":
                body.append(
                    {
                        "type": "paragraph",
                        "value": paragraphs_html(
                            [
                                "ชมวิดีทัศน์ได้ที่ช่องทางออนไลน์ของหน่วยงาน "
                                f'<a href="{content.AGENCY["facebook_url"]}">'
                                "เพจเฟซบุ๊ก อบต.หนองน้ำใส</a>"
                            ]
                        ),
                    }
                )
            self.add(
                knowledge,
                KnowledgeItemPage(
                    title=title,
                    kind=kind,
                    source=source,
                    reference_date=day,
                    image=self.photo(n + 3),
                    body=body,
                    attachments=file_blocks(attachments),
                    summary=f"ที่มา: {source}",
                ),
            )

    def build_contact(self):
        contact = self.section("contact")
        for order, (topic, name, position, phone, email) in enumerate(content.CONTACTS):
            contact.contacts.add(
                ContactPerson(
                    sort_order=order,
                    responsibility=topic,
                    name=name,
                    position=position,
                    phone=phone,
                    email=email,
                )
            )
        self.publish(contact)

    def assign_department_sections(self, home):
        """Which department looks after which part of the site (they may draft there)."""
        pages = {p.slug: p for p in home.get_descendants()}
        for key, slugs in content.DEPARTMENT_SECTIONS.items():
            department = self.departments[key]
            department.sections.set([pages[slug] for slug in slugs if slug in pages])
            department.save()

    def build_about_website(self, site):
        section = self.section("website")
        policies = {}
        for slug, (title, paragraphs) in content.POLICIES.items():
            policies[slug] = self.add(
                section,
                StandardPage(
                    title=title,
                    slug=slug,
                    body=text_block(paragraphs),
                    department=self.departments["office"],
                    summary=title,
                ),
                show_in_menus=True,
            )
        links = self.section("links")
        for order, (group, title, url) in enumerate(content.RELATED_LINKS):
            links.links.add(RelatedLink(sort_order=order, group=group, title=title, url=url))
        self.publish(links)
        self.settings.website_policy_page = policies["website-policy"]
        self.settings.privacy_policy_page = policies["privacy-policy"]
        self.settings.security_policy_page = policies["security-policy"]
        self.settings.save()


BUDGET_TABLE = [
    ["แผนงาน", "งบประมาณ (บาท)", "ร้อยละ"],
    ["แผนงานบริหารงานทั่วไป", "12,450,000.00", "32.5"],
    ["แผนงานการศึกษา", "6,820,000.00", "17.8"],
    ["แผนงานสาธารณสุข", "2,310,000.00", "6.0"],
    ["แผนงานสังคมสงเคราะห์", "9,870,000.00", "25.8"],
    ["แผนงานเคหะและชุมชน", "4,150,000.00", "10.8"],
    ["แผนงานงบกลาง", "2,700,000.00", "7.1"],
]

PROCUREMENT_TABLE = [
    ["งานที่จัดซื้อหรือจัดจ้าง", "วงเงิน (บาท)", "วิธีซื้อหรือจ้าง", "ผู้ได้รับการคัดเลือก"],
    ["จัดซื้อวัสดุสำนักงาน", "18,500.00", "เฉพาะเจาะจง", "ร้านหนองน้ำใสพาณิชย์"],
    ["จ้างซ่อมแซมถนนลูกรัง หมู่ที่ 3", "95,000.00", "เฉพาะเจาะจง", "หจก. ส.รุ่งเรืองการโยธา"],
    ["จัดซื้อน้ำมันเชื้อเพลิง", "24,300.00", "เฉพาะเจาะจง", "สหกรณ์การเกษตรโนนสวรรค์"],
]

POPULATION_TABLE = [
    ["หมู่ที่", "ชื่อหมู่บ้าน", "ชาย", "หญิง", "รวม"],
    *[
        [str(m), name, str(300 + m * 7), str(320 + m * 9), str(620 + m * 16)]
        for m, name in enumerate(
            [
                "บ้านหนองน้ำใส",
                "บ้านโนนงาม",
                "บ้านดอนแดง",
                "บ้านหนองบัว",
                "บ้านโคกสูง",
                "บ้านสระแก้ว",
                "บ้านหนองไผ่",
                "บ้านโนนสะอาด",
                "บ้านหัวนา",
                "บ้านท่าช้าง",
                "บ้านหนองหิน",
                "บ้านใหม่พัฒนา",
            ],
            start=1,
        )
    ],
]


def _number(cell):
    text = str(cell).replace(",", "")
    try:
        return float(text) if "." in text else int(text)
    except ValueError:
        return cell


def _fy_of(day):
    from prongsai.agencies.thaidates import fiscal_year_of

    return fiscal_year_of(day)


def _month_start(fy: FiscalYear, index):
    month = (10 + index - 1) % 12 + 1
    year = fy.start.year if month >= 10 else fy.start.year + 1
    return datetime.date(year, month, 1)


def _month_end(start):
    next_month = (start.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    return next_month - datetime.timedelta(days=1)


def load_demo(today=None):
    """Build the demo agency if it is not there yet; returns (site, created)."""
    return DemoBuilder(today=today).run()
