from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable

from prongsai.site.models.base import AgencyPage


class ContactPage(AgencyPage):
    """ติดต่อเรา: the agency's address, phones, fax, e-mail and map (from the agency settings)
    and the people responsible for each matter."""

    intro = RichTextField(_("introduction"), blank=True)

    content_panels = AgencyPage.content_panels + [
        FieldPanel("intro"),
        InlinePanel("contacts", heading=_("Responsible people"), label=_("contact")),
    ]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("contact page")


class ContactPerson(Orderable):
    page = ParentalKey(ContactPage, on_delete=models.CASCADE, related_name="contacts")
    responsibility = models.CharField(_("responsible for"), max_length=255)
    name = models.CharField(_("name"), max_length=255)
    position = models.CharField(_("position"), max_length=255, blank=True)
    phone = models.CharField(_("phone"), max_length=100, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)

    panels = [
        FieldPanel("responsibility"),
        FieldRowPanel([FieldPanel("name"), FieldPanel("position")]),
        FieldRowPanel([FieldPanel("phone"), FieldPanel("email")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("contact")
