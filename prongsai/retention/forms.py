import datetime

from django import forms
from django.utils import timezone

from prongsai.agencies.thaidates import current_fiscal_year
from prongsai.retention.models import RetentionCampaign
from prongsai.retention.takedown import listings_of

BULK_ACTIONS = [
    ("set_date", "กำหนดวันนำออก"),
    ("extend_30", "ขยายออกไป 30 วัน"),
    ("extend_90", "ขยายออกไป 90 วัน"),
    ("extend_365", "ขยายออกไป 1 ปี"),
    ("clear_date", "ไม่กำหนดวันนำออก"),
    ("take_down", "นำออกจากเว็บไซต์ทันที (เก็บถาวร)"),
    ("remind", "แจ้งส่วนงานเจ้าของให้ตรวจสอบ"),
    ("restore", "นำกลับขึ้นเว็บไซต์"),
    ("trash", "ย้ายไปถังขยะ"),
]


class BulkForm(forms.Form):
    action = forms.ChoiceField(label="การดำเนินการ", choices=BULK_ACTIONS)
    date = forms.DateField(
        label="วันนำออก",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    pages = forms.MultipleChoiceField(
        required=True, error_messages={"required": "โปรดเลือกอย่างน้อยหนึ่งรายการ"}
    )

    def __init__(self, *args, page_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pages"].choices = [(str(pk), str(pk)) for pk in page_choices]

    def clean(self):
        cleaned = super().clean()
        action, day = cleaned.get("action"), cleaned.get("date")
        if action == "set_date":
            if not day:
                self.add_error("date", "โปรดเลือกวันนำออก")
            elif day <= timezone.localdate():
                self.add_error("date", "วันนำออกต้องเป็นวันหลังจากวันนี้")
        if action == "restore" and day and day <= timezone.localdate():
            self.add_error("date", "วันนำออกใหม่ต้องเป็นวันหลังจากวันนี้ หรือเว้นว่างไว้")
        return cleaned


class CampaignForm(forms.ModelForm):
    class Meta:
        model = RetentionCampaign
        fields = ["title", "before_fiscal_year", "listings", "deadline", "message"]
        labels = {
            "title": "ชื่อการแจ้ง",
            "before_fiscal_year": "ลบข้อมูลของปีงบประมาณก่อน พ.ศ.",
            "listings": "หมวดที่จะลบ (ไม่เลือก = ทุกหมวดของรายการเผยแพร่และข่าว)",
            "deadline": "ส่วนงานแจ้งขอเก็บไว้ได้ถึงวันที่",
            "message": "ข้อความถึงส่วนงาน",
        }
        help_texts = {
            "before_fiscal_year": "เช่น 2567 จะลบข้อมูลปีงบประมาณ 2566 และก่อนหน้า",
            "listings": "",
        }
        widgets = {
            "deadline": forms.DateInput(attrs={"type": "date"}),
            "listings": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, site, **kwargs):
        super().__init__(*args, **kwargs)
        self.site = site
        self.fields["listings"].queryset = listings_of(site)
        self.fields["listings"].label_from_instance = lambda page: page.title
        self.fields["listings"].required = False
        self.fields["before_fiscal_year"].initial = current_fiscal_year().be - 2
        self.fields["deadline"].initial = timezone.localdate() + datetime.timedelta(days=14)

    def clean_deadline(self):
        day = self.cleaned_data["deadline"]
        if day < timezone.localdate():
            raise forms.ValidationError("วันสุดท้ายที่แจ้งขอเก็บต้องไม่ใช่วันที่ผ่านมาแล้ว")
        return day

    def clean_before_fiscal_year(self):
        year = self.cleaned_data["before_fiscal_year"]
        if year > current_fiscal_year().be:
            raise forms.ValidationError(
                f"ลบได้เฉพาะปีงบประมาณที่ผ่านมาแล้ว ปีงบประมาณปัจจุบันคือ พ.ศ. {current_fiscal_year().be}"
            )
        if year < 2400:
            raise forms.ValidationError("โปรดใส่ปีเป็นพุทธศักราช เช่น 2567")
        return year
