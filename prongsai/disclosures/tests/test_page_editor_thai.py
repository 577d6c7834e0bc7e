"""Our models' labels and the page editor come out in Thai."""

import pytest
from django.utils import translation

from prongsai.agencies.models import AgencySettings, AgencyType, DepartmentKind, Role
from prongsai.agencies.wagtail_hooks import DepartmentViewSet
from prongsai.disclosures.documents import AgencyDocument
from prongsai.disclosures.factories import DisclosureIndexPageFactory, DisclosurePageFactory
from prongsai.disclosures.pages import DisclosurePage
from prongsai.site.models import NewsCategory


@pytest.mark.django_db
def test_page_editor_labels_are_thai(client, agency):
    client.force_login(agency.user(Role.WEBMASTER))
    page = DisclosurePageFactory(parent=DisclosureIndexPageFactory(parent=agency.home))
    body = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    for label in ["หน่วยงานเจ้าของข้อมูล", "วันที่เผยแพร่", "ปีงบประมาณ", "บันทึกฉบับร่าง"]:
        assert label in body, label


def test_ui_strings_come_out_in_thai():
    """The labels of agencies, site and disclosures (this app stands on the other two)."""
    with translation.override("th"):
        assert str(NewsCategory.ACTIVITY.label) == "ภาพข่าวกิจกรรม"
        assert str(NewsCategory.PROCUREMENT.label) == "ประกาศจัดซื้อจัดจ้าง"
        assert str(AgencyDocument._meta.verbose_name) == "เอกสาร"
        assert str(AgencyDocument._meta.get_field("department").verbose_name) == (
            "หน่วยงานเจ้าของข้อมูล"
        )
        assert str(AgencyType.SAO.label) == "องค์การบริหารส่วนตำบล (อบต.)"
        assert str(DepartmentKind.DIVISION.label) == "กอง"
        assert str(Role.REQUESTER.label) == "เจ้าหน้าที่เจ้าของข้อมูล"
        assert str(AgencySettings._meta.verbose_name) == "การตั้งค่าหน่วยงาน"
        assert str(DisclosurePage._meta.verbose_name) == "รายการเผยแพร่"
        assert str(DisclosurePage._meta.get_field("fiscal_year").verbose_name) == (
            "ปีงบประมาณ (พ.ศ.)"
        )
        assert str(DepartmentViewSet.menu_label) == "ส่วนงาน"

    with translation.override("en"):
        assert str(NewsCategory.ACTIVITY.label) == "Activity photo news"
