import pytest

from prongsai.disclosures.models import DisclosurePage

pytestmark = pytest.mark.django_db


def test_page_editor_labels_are_thai(client, users, demo_site):
    client.force_login(users["webmaster"])
    page = DisclosurePage.objects.live().first()
    body = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    for label in ["หน่วยงานเจ้าของข้อมูล", "วันที่เผยแพร่", "ปีงบประมาณ", "บันทึกฉบับร่าง"]:
        assert label in body, label
