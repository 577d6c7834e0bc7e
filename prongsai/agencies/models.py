from django.conf import settings
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Orderable, Site

from prongsai.agencies.panels import WebmasterCountPanel

DEFAULT_SUPPORTED_BROWSERS = (
    "Google Chrome, Microsoft Edge, Mozilla Firefox และ Safari รุ่นล่าสุดหรือย้อนหลังไม่เกิน 2 รุ่น "
    "ที่ความละเอียดหน้าจอตั้งแต่ 320 พิกเซล"
)
DEFAULT_PDF_READER = "Adobe Acrobat Reader หรือโปรแกรมอ่าน PDF ที่มากับเบราว์เซอร์"


class AgencyType(models.TextChoices):
    SAO = "sao", _("Subdistrict administrative organisation (อบต.)")
    MUNICIPALITY = "municipality", _("Municipality (เทศบาล)")
    PAO = "pao", _("Provincial administrative organisation (อบจ.)")
    PRIMARY_AREA = "primary_area", _("Primary educational service area office (สพป.)")
    SECONDARY_AREA = "secondary_area", _("Secondary educational service area office (สพม.)")
    DISTRICT_HEALTH = "district_health", _("District public health office (สสอ.)")
    SCHOOL = "school", _("School")
    OTHER = "other", _("Other")


class Numerals(models.TextChoices):
    ARABIC = "arabic", _("Arabic numerals (2569)")
    THAI = "thai", _("Thai numerals (๒๕๖๙)")


@register_setting(icon="site")
class AgencySettings(BaseSiteSetting):
    """What the public site says about the agency; one per Wagtail Site."""

    name_th = models.CharField(_("name in Thai"), max_length=255)
    name_en = models.CharField(_("name in English"), max_length=255, blank=True)
    short_name = models.CharField(
        _("short name"), max_length=80, blank=True, help_text=_("e.g. อบต.หนองน้ำใส")
    )
    agency_type = models.CharField(
        _("agency type"), max_length=20, choices=AgencyType.choices, default=AgencyType.SAO
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    address = models.TextField(_("address"), blank=True)
    phone = models.CharField(_("phone"), max_length=100, blank=True)
    fax = models.CharField(_("fax"), max_length=100, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    office_hours = models.CharField(
        _("office hours"),
        max_length=255,
        blank=True,
        default="วันจันทร์ – วันศุกร์ เวลา 08.30 – 16.30 น. (เว้นวันหยุดราชการ)",
    )
    map_latitude = models.DecimalField(
        _("map latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    map_longitude = models.DecimalField(
        _("map longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    facebook_url = models.URLField(_("Facebook page"), blank=True)
    line_url = models.URLField(_("LINE official account"), blank=True)
    numerals = models.CharField(
        _("numerals on the public site"),
        max_length=10,
        choices=Numerals.choices,
        default=Numerals.ARABIC,
    )
    supported_browsers = models.TextField(
        _("supported browsers"), blank=True, default=DEFAULT_SUPPORTED_BROWSERS
    )
    max_file_mb = models.PositiveIntegerField(
        _("largest file accepted (MB)"),
        default=20,
        help_text=_("Each file sent with a publication request may be at most this large."),
    )
    storage_quota_mb = models.PositiveIntegerField(
        _("storage quota (MB)"),
        default=5120,
        help_text=_(
            "The space the agency pays for: documents, images and their resized copies. "
            "An upload that would go over it is refused."
        ),
    )
    trash_retention_days = models.PositiveIntegerField(
        _("days items stay in the trash"),
        default=30,
        help_text=_("After this many days the worker deletes items in the trash for good."),
    )
    review_reminder_days = models.PositiveIntegerField(
        _("remind the owner department this many days before take-down"),
        default=14,
        help_text=_("0 sends no reminders."),
    )
    pdf_reader = models.CharField(
        _("PDF reader"), max_length=255, blank=True, default=DEFAULT_PDF_READER
    )
    website_policy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("website policy page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    privacy_policy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("privacy policy page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    security_policy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("website security policy page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # set and cleared by platform administrators only (prongsai.platform), never in this form
    suspended_at = models.DateTimeField(_("suspended at"), null=True, blank=True, editable=False)
    suspension_reason = models.TextField(_("reason for the suspension"), blank=True, editable=False)

    panels = [
        WebmasterCountPanel(),
        MultiFieldPanel(
            [
                FieldPanel("name_th"),
                FieldPanel("name_en"),
                FieldRowPanel([FieldPanel("short_name"), FieldPanel("agency_type")]),
                FieldPanel("logo"),
            ],
            heading=_("Agency"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("address"),
                FieldRowPanel([FieldPanel("phone"), FieldPanel("fax")]),
                FieldPanel("email"),
                FieldPanel("office_hours"),
                FieldRowPanel([FieldPanel("map_latitude"), FieldPanel("map_longitude")]),
                FieldRowPanel([FieldPanel("facebook_url"), FieldPanel("line_url")]),
            ],
            heading=_("Contact"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("numerals"),
                FieldPanel("max_file_mb"),
                FieldPanel("supported_browsers"),
                FieldPanel("pdf_reader"),
                FieldPanel("website_policy_page"),
                FieldPanel("privacy_policy_page"),
                FieldPanel("security_policy_page"),
            ],
            heading=_("Public site"),
        ),
        MultiFieldPanel(
            [
                # what the platform sells the agency: set by platform administrators
                FieldPanel("storage_quota_mb", permission="wagtailcore.change_site"),
                FieldPanel("trash_retention_days"),
                FieldPanel("review_reminder_days"),
            ],
            heading=_("Keeping content current"),
        ),
    ]

    class Meta:
        verbose_name = _("agency settings")

    def __str__(self):
        return self.name_th

    @property
    def display_name(self):
        return self.name_th or self.site.site_name

    @property
    def is_suspended(self):
        return self.suspended_at is not None

    @property
    def uses_thai_digits(self):
        return self.numerals == Numerals.THAI

    @property
    def map_url(self):
        if self.map_latitude is None or self.map_longitude is None:
            return ""
        return f"https://www.openstreetmap.org/?mlat={self.map_latitude}&mlon={self.map_longitude}#map=16/{self.map_latitude}/{self.map_longitude}"


class DepartmentKind(models.TextChoices):
    OFFICE = "office", _("Office (สำนัก)")
    DIVISION = "division", _("Division (กอง)")
    SECTION = "section", _("Section (ส่วน)")
    GROUP = "group", _("Work group (กลุ่มงาน)")
    UNIT = "unit", _("Unit (งาน)")


class Department(ClusterableModel):
    """A department (กอง/ส่วน/กลุ่มงาน): owner of content and of checklist items."""

    site = models.ForeignKey(
        Site, verbose_name=_("agency"), on_delete=models.CASCADE, related_name="departments"
    )
    name = models.CharField(_("name"), max_length=255)
    kind = models.CharField(
        _("kind"), max_length=20, choices=DepartmentKind.choices, default=DepartmentKind.DIVISION
    )
    description = models.TextField(_("duties"), blank=True)
    phone = models.CharField(_("phone"), max_length=100, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    sort_order = models.PositiveIntegerField(_("order"), default=0)
    sections = ParentalManyToManyField(
        "wagtailcore.Page",
        verbose_name=_("sections of the website it looks after"),
        blank=True,
        related_name="owning_departments",
        help_text=_("Members may draft pages here and submit them for approval."),
    )
    editors_group = models.OneToOneField(
        "auth.Group",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="editing_department",
    )

    panels = [
        FieldPanel("site"),
        FieldPanel("name"),
        FieldPanel("kind"),
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("phone"), FieldPanel("email")]),
        FieldPanel("sort_order"),
        FieldPanel("sections"),
        InlinePanel("members", heading=_("Members"), label=_("member")),
    ]

    class Meta:
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        ordering = ["site", "sort_order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["site", "name"], name="unique_department_per_agency")
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        from prongsai.agencies.roles import sync_department_editors

        sync_department_editors(self)

    @cached_property
    def head(self):
        member = self.members.filter(is_head=True).select_related("user").first()
        return member


class DepartmentMember(Orderable):
    department = ParentalKey(Department, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="department_memberships",
    )
    position = models.CharField(_("position"), max_length=255, blank=True)
    is_head = models.BooleanField(_("head of department"), default=False)

    panels = [FieldPanel("user"), FieldPanel("position"), FieldPanel("is_head")]

    class Meta(Orderable.Meta):
        verbose_name = _("member")
        constraints = [
            models.UniqueConstraint(fields=["department", "user"], name="unique_department_member")
        ]

    def __str__(self):
        return f"{self.user.get_full_name() or self.user.get_username()} ({self.department})"


class Role(models.TextChoices):
    REQUESTER = "requester", _("Requester (เจ้าหน้าที่เจ้าของข้อมูล)")
    APPROVER = "approver", _("Approver (ผู้อนุมัติรับรองข้อมูล)")
    WEBMASTER = "webmaster", _("Webmaster (ผู้ดูแลเว็บไซต์)")
    EXECUTIVE = "executive", _("Executive (ผู้บริหาร)")
    AGENCY_ADMIN = "agency_admin", _("Agency administrator (ผู้ดูแลระบบ)")


class AgencyRole(models.Model):
    """The Django group that carries one role in one agency."""

    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="agency_roles")
    role = models.CharField(max_length=20, choices=Role.choices)
    group = models.OneToOneField("auth.Group", on_delete=models.CASCADE, related_name="agency_role")

    class Meta:
        verbose_name = _("agency role")
        constraints = [models.UniqueConstraint(fields=["site", "role"], name="unique_agency_role")]

    def __str__(self):
        return f"{self.get_role_display()} — {self.site}"
