"""Test factories for pages the Thai search finds (factory_boy).

    page = TextPageFactory(parent=agency.home, title="ประกาศ", text="ประกาศจัดซื้อวัสดุก่อสร้าง")

A StandardPage with one paragraph of Thai text, published, and its search entry written by
the index itself (modelsearch's `insert_or_update_object`, which the Thai backend answers) at
once, so a test never waits on the task queue. A draft (`live=False`) is indexed too: it is in
the admin's search and out of the public one, as on a real site.
"""

import factory
from django.utils.html import escape
from modelsearch.index import insert_or_update_object

from prongsai.site.factories import StandardPageFactory


class TextPageFactory(StandardPageFactory):
    text = "ข้อความทดสอบการค้นหา"
    body = factory.LazyAttribute(
        lambda page: [{"type": "paragraph", "value": f"<p>{escape(page.text)}</p>"}]
    )

    class Meta:
        exclude = ("text",)

    @classmethod
    def _create(cls, model_class, **fields):
        page = super()._create(model_class, **fields)
        insert_or_update_object(page)
        return page
