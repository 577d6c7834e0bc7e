"""The demo agency in every state of issue 5: items coming down soon, items taken down on their
date (archived), an item and a file in the trash, and a retention campaign waiting for the
departments' answers."""

import datetime
import io

from django.core.management import call_command
from django.utils import timezone

from prongsai.agencies.models import AgencySettings
from prongsai.agencies.thaidates import current_fiscal_year
from prongsai.disclosures.documents import AgencyDocument
from prongsai.retention import campaigns, takedown
from prongsai.retention.models import RetentionCampaign
from prongsai.site.models import NewsIndexPage, NewsPage

SOON = {"job": 4, "procurement": 12, "general": 25}


DEMO_QUOTA_MB = 25  # a small rented space, so the meter on the dashboard means something


def build_demo_retention(site, users):
    webmaster = users["webmaster"]
    agency = AgencySettings.for_site(site)
    agency.storage_quota_mb = DEMO_QUOTA_MB
    agency.save(update_fields=["storage_quota_mb"])
    # job ads older than their 30 days come down now, as the worker would do within a minute
    call_command("publish_scheduled", stdout=io.StringIO())
    news = NewsPage.objects.descendant_of(site.root_page)
    for category, days in SOON.items():
        page = news.live().filter(category=category).order_by("-date").first()
        if page is not None:
            when = timezone.now() + datetime.timedelta(days=days)
            takedown.set_takedown(page, takedown.takedown_moment(when.date()), webmaster)
    for page in news.live().filter(category="alert").order_by("date")[:2]:
        takedown.set_takedown(page, timezone.now() - datetime.timedelta(days=3), webmaster)
    call_command("publish_scheduled", stdout=io.StringIO())
    put_demo_items_in_the_trash(site, webmaster)
    announce_demo_campaign(site, users)


def put_demo_items_in_the_trash(site, webmaster):
    from prongsai.trash import services as trash

    archived = (
        NewsPage.objects.descendant_of(site.root_page)
        .filter(live=False, expired=True, category="alert")
        .first()
    )
    if archived is not None:
        trash.move_to_trash(archived, webmaster, reason="ข่าวแจ้งเตือนที่พ้นเวลาแล้ว")
    original = AgencyDocument.objects.filter(file__endswith=".pdf").order_by("pk").first()
    if original is not None:
        trash.move_to_trash(duplicate_of(original, webmaster), webmaster, reason="ไฟล์ที่อัปโหลดซ้ำ")


def duplicate_of(document, user):
    """A file uploaded twice by mistake (what the trash is for)."""
    from django.core.files.base import ContentFile

    with document.file.open("rb") as source:
        data = source.read()
    copy = AgencyDocument(
        title=f"{document.title} (อัปโหลดซ้ำ)",
        collection=document.collection,
        department=document.department,
        uploaded_by_user=user,
    )
    copy.file.save(document.filename, ContentFile(data), save=False)
    copy._set_document_file_metadata()
    copy.save()
    return copy


def announce_demo_campaign(site, users):
    fiscal_year = current_fiscal_year().be
    listings = NewsIndexPage.objects.descendant_of(site.root_page).filter(
        category__in=["procurement", "procurement_result"]
    )
    campaign = RetentionCampaign.objects.create(
        site=site,
        title=f"แจ้งลบประกาศและผลการจัดซื้อจัดจ้างก่อนปีงบประมาณ {fiscal_year}",
        before_fiscal_year=fiscal_year,
        deadline=timezone.localdate() + datetime.timedelta(days=10),
        message=(
            "พื้นที่เว็บไซต์ที่เช่าไว้ใกล้เต็ม จึงขอเก็บประกาศและผลการจัดซื้อจัดจ้างไว้เฉพาะ"
            f"ปีงบประมาณ {fiscal_year} ส่วนงานใดจำเป็นต้องเก็บรายการใดไว้ โปรดแจ้งพร้อมเหตุผล"
        ),
        created_by=users["webmaster"],
    )
    campaign.listings.set(listings)
    campaigns.announce(campaign, users["webmaster"])
    item = campaign.items.filter(department__members__isnull=False).distinct().first()
    if item is not None:
        member = item.department.members.select_related("user").first()
        decider = member.user if member else users["webmaster"]
        campaigns.decide(item, decider, True, "ใช้เป็นหลักฐานประกอบการประเมิน ITA ปีนี้")
    return campaign
