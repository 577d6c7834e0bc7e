from django import forms
from django.utils.translation import gettext_lazy as _

from prongsai.core.typed import refuse_hidden_characters

MAX_DESCRIPTION_LENGTH = 10_000
FIRST_PLAUSIBLE_YEAR, LAST_PLAUSIBLE_YEAR = 1900, 2200
DATE_FIELDS = (
    "data_period_start",
    "data_period_end",
    "wanted_publish_date",
    "wanted_takedown_date",
)


class ReasonForm(forms.Form):
    """Refusing or sending back always says why (seed 004: e.g. not related to the agency's
    mission, a file format that is not allowed)."""

    comment = forms.CharField(
        label=_("Reason"),
        required=True,
        widget=forms.Textarea({"rows": 3}),
        help_text=_("The requester receives this text."),
    )


class TaskCommentForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment"), required=False, widget=forms.Textarea({"rows": 2})
    )


class PublicationRequestForm(forms.Form):
    """แบบฟอร์มการขอเผยแพร่ข้อมูลผ่านเว็บไซต์, for staff who do not know the CMS."""

    title = forms.CharField(
        label=_("Title of the item"), max_length=255, validators=[refuse_hidden_characters]
    )
    category = forms.ModelChoiceField(
        label=_("Where it will appear (category)"),
        queryset=None,
        empty_label=_("— choose a category —"),
    )
    description = forms.CharField(
        label=_("Description"),
        widget=forms.Textarea({"rows": 5}),
        required=False,
        max_length=MAX_DESCRIPTION_LENGTH,
        validators=[refuse_hidden_characters],
        help_text=_("What the item is and why it should be published."),
    )
    files = None  # set in __init__ (needs the agency's size limit)
    data_period_start = forms.DateField(
        label=_("Data covers from"), required=False, widget=forms.DateInput({"type": "date"})
    )
    data_period_end = forms.DateField(
        label=_("Data covers until"), required=False, widget=forms.DateInput({"type": "date"})
    )
    wanted_publish_date = forms.DateField(
        label=_("Publish on"),
        required=False,
        widget=forms.DateInput({"type": "date"}),
        help_text=_("Leave empty to publish as soon as it is approved."),
    )
    wanted_takedown_date = forms.DateField(
        label=_("Take down on"),
        required=False,
        widget=forms.DateInput({"type": "date"}),
        help_text=_(
            "When the item should leave the website. Left empty, the category's usual time "
            "applies (e.g. job announcements 30 days); some categories stay without limit."
        ),
    )
    contact_phone = forms.CharField(
        label=_("Contact phone"),
        max_length=100,
        required=False,
        validators=[refuse_hidden_characters],
    )
    contact_email = forms.EmailField(label=_("Contact e-mail"), required=False)

    def __init__(self, *args, site, user, max_file_bytes, **kwargs):
        from prongsai.publishing.requests import MultipleFileField, category_choices

        super().__init__(*args, **kwargs)
        self.site, self.user, self.max_file_bytes = site, user, max_file_bytes
        from wagtail.models import Page

        listing_ids = [page.pk for page in category_choices(site)]
        self.fields["category"].queryset = Page.objects.filter(pk__in=listing_ids).order_by("path")
        self.fields["category"].label_from_instance = _category_label
        self.fields["files"] = MultipleFileField(
            label=_("Files"),
            required=True,
            help_text=_("PDF, Word, Excel, JPG, PNG, ZIP or RAR; several files may be chosen."),
        )
        self.order_fields(["title", "category", "description", "files"])

    def clean_files(self):
        from prongsai.publishing.requests import MAX_FILES, check_quota, check_upload

        uploads = self.cleaned_data.get("files") or []
        if not uploads:
            raise forms.ValidationError(_("Attach at least one file."))
        if len(uploads) > MAX_FILES:
            raise forms.ValidationError(_("Send at most 10 files in one request."))
        problems = []
        for upload in uploads:
            problems += check_upload(upload, self.max_file_bytes)
        if problems:
            raise forms.ValidationError(problems)
        over_quota = check_quota(self.site, uploads)
        if over_quota:
            raise forms.ValidationError(over_quota)
        return uploads

    def clean(self):
        cleaned = super().clean()
        for name in DATE_FIELDS:
            day = cleaned.get(name)
            if day and not FIRST_PLAUSIBLE_YEAR <= day.year <= LAST_PLAUSIBLE_YEAR:
                # a B.E. year typed into a date field (2569) lands here too
                self.add_error(
                    name,
                    _("Check the year: give a date between %(first)s and %(last)s (C.E.).")
                    % {"first": FIRST_PLAUSIBLE_YEAR, "last": LAST_PLAUSIBLE_YEAR},
                )
                cleaned.pop(name, None)
        start, end = cleaned.get("data_period_start"), cleaned.get("data_period_end")
        if start and end and end < start:
            self.add_error("data_period_end", _("The end of the data period is before its start."))
        publish, takedown = cleaned.get("wanted_publish_date"), cleaned.get("wanted_takedown_date")
        if publish and takedown and takedown <= publish:
            self.add_error(
                "wanted_takedown_date", _("The take-down date must be after the publish date.")
            )
        if takedown:
            from django.utils import timezone

            if takedown <= timezone.localdate():
                self.add_error("wanted_takedown_date", _("The take-down date has already passed."))
        return cleaned


def _category_label(page):
    parent = page.get_parent()
    return f"{parent.title} › {page.title}" if parent and parent.depth > 2 else page.title
