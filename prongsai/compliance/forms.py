from django import forms
from django.contrib.auth import get_user_model
from django.core.validators import MaxValueValidator
from django.db.models import Q
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from prongsai.agencies.models import AgencyType, Department
from prongsai.compliance.catalogs import MAX_MIN_COUNT
from prongsai.compliance.models import (
    CatalogItem,
    CatalogItemCorrection,
    ChecklistEntry,
    Evidence,
    Scheme,
)
from prongsai.core.typed import refuse_hidden_characters
from prongsai.disclosures.models import AgencyDocument


class PageChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        indent = "— " * max(obj.depth - 3, 0)
        state = "" if obj.live else " (ยังไม่เผยแพร่)"
        return f"{indent}{obj.title}{state}"


class EntryForm(forms.ModelForm):
    class Meta:
        model = ChecklistEntry
        fields = ["status", "department", "responsible", "due_date", "explanation"]
        widgets = {
            "due_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "explanation": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, site, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = Department.objects.filter(site=site)
        self.fields["responsible"].queryset = (
            get_user_model()
            .objects.filter(
                Q(groups__agency_role__site=site) | Q(department_memberships__department__site=site)
            )
            .distinct()
            .order_by("first_name", "username")
        )
        self.fields["responsible"].label_from_instance = lambda u: (
            u.get_full_name() or u.get_username()
        )


class EvidenceForm(forms.ModelForm):
    class Meta:
        model = Evidence
        fields = ["page", "document", "url", "label"]

    def __init__(self, *args, site=None, **kwargs):
        super().__init__(*args, **kwargs)
        root = site.root_page
        self.fields["page"] = PageChoiceField(
            queryset=Page.objects.filter(path__startswith=root.path, depth__gt=root.depth).order_by(
                "path"
            ),
            required=False,
            label=_("page"),
        )
        self.fields["document"].queryset = (
            AgencyDocument.objects.filter(
                Q(department__site=site)
                | Q(collection__name=site.site_name)
                | Q(collection__name__in=_agency_collection_names(site))
            )
            .distinct()
            .order_by("-created_at")
        )
        self.fields["url"].help_text = _("Only for a link that is not a page or document here.")

    def clean(self):
        data = super().clean()
        if data.get("DELETE"):
            return data
        chosen = [bool(data.get("page")), bool(data.get("document")), bool(data.get("url"))]
        if sum(chosen) > 1:
            raise forms.ValidationError(_("Choose one: a page, a document or a URL."))
        return data


def _agency_collection_names(site):
    from wagtail.models import GroupCollectionPermission

    from prongsai.agencies.models import AgencyRole

    groups = AgencyRole.objects.filter(site=site).values("group")
    return GroupCollectionPermission.objects.filter(group__in=groups).values("collection__name")


EvidenceFormSet = inlineformset_factory(
    ChecklistEntry, Evidence, form=EvidenceForm, extra=2, can_delete=True
)


class NewChecklistForm(forms.Form):
    catalog = forms.ModelChoiceField(queryset=None, label=_("catalog"))
    copy_from = forms.ModelChoiceField(
        queryset=None,
        required=False,
        label=_("copy owners, explanations and evidence from"),
        empty_label=_("(start empty)"),
    )

    def __init__(self, *args, catalogs, checklists, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["catalog"].queryset = catalogs
        self.fields["copy_from"].queryset = checklists


class CatalogItemForm(forms.ModelForm):
    class Meta:
        model = CatalogItem
        fields = ["code", *CatalogItemCorrection.FIELDS, "sort_order"]
        widgets = {
            "title_th": forms.Textarea(attrs={"rows": 2}),
            "title_en": forms.Textarea(attrs={"rows": 2}),
            "source_note": forms.Textarea(attrs={"rows": 2}),
            "expected": forms.Textarea(attrs={"rows": 2}),
        }


# what an assessor's correction needs, and a bound on what a form may store per item
MAX_CORRECTED_TITLE = 1000
MAX_CORRECTED_TEXT = 4000


def _corrected_text(label, max_length, rows=2):
    return forms.CharField(
        label=label,
        required=False,
        max_length=max_length,
        validators=[refuse_hidden_characters],
        widget=forms.Textarea(attrs={"rows": rows}),
    )


class CatalogItemCorrectionForm(forms.ModelForm):
    """An agency's own correction of a catalog item: the fields of the catalog correction
    except the code and the order, which every agency's checklist shares."""

    title_th = _corrected_text(_("title in Thai"), MAX_CORRECTED_TITLE)
    title_en = _corrected_text(_("title in English"), MAX_CORRECTED_TITLE)
    source_note = _corrected_text(_("source"), MAX_CORRECTED_TEXT)
    expected = _corrected_text(_("what is expected"), MAX_CORRECTED_TEXT, rows=3)

    class Meta:
        model = CatalogItem
        fields = list(CatalogItemCorrection.FIELDS)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].validators.append(refuse_hidden_characters)
        self.fields["min_count"].validators.append(MaxValueValidator(MAX_MIN_COUNT))

    def clean(self):
        data = super().clean()
        if not (data.get("title_th") or "").strip() and not (data.get("title_en") or "").strip():
            raise forms.ValidationError("ใส่ชื่อข้อภาษาไทยหรือภาษาอังกฤษอย่างน้อยหนึ่งช่อง")
        return data

    def changes_from(self, item):
        """The fields whose value differs from the install-wide `item`."""
        return {
            name: self.cleaned_data[name]
            for name in CatalogItemCorrection.FIELDS
            if self.cleaned_data[name] != getattr(item, name)
        }


class ImportForm(forms.Form):
    scheme = forms.ChoiceField(choices=Scheme.choices, label=_("scheme"))
    fiscal_year = forms.IntegerField(
        label=_("fiscal year (B.E.)"), min_value=2500, max_value=2700, required=False
    )
    title = forms.CharField(label=_("title"), max_length=255)
    agency_types = forms.MultipleChoiceField(
        choices=AgencyType.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("agency types (none ticked: all)"),
    )
    source = forms.CharField(
        label=_("source"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    file = forms.FileField(label=_("CSV or Excel (.xlsx) file"))
