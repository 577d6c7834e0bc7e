from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm

from prongsai.agencies.models import AgencyType
from prongsai.platform.access import locked_out_by_suspension
from prongsai.platform.middleware import suspended_sign_in_message


class AgencyLoginForm(LoginForm):
    """Wagtail's sign-in form, refusing staff whose agencies are all suspended."""

    def confirm_login_allowed(self, user):
        super().confirm_login_allowed(user)
        if locked_out_by_suspension(user):
            raise forms.ValidationError(suspended_sign_in_message(), code="suspended")


class CreateAgencyForm(forms.Form):
    name_th = forms.CharField(label=_("Name in Thai"), max_length=255)
    short_name = forms.CharField(
        label=_("Short name"), max_length=80, help_text=_("e.g. อบต.หนองน้ำใส")
    )
    agency_type = forms.ChoiceField(
        label=_("Agency type"), choices=AgencyType.choices, initial=AgencyType.SAO
    )
    hostname = forms.CharField(
        label=_("Host name"), max_length=255, help_text=_("e.g. www.nongnamsai.go.th")
    )
    port = forms.IntegerField(label=_("Port"), initial=80, min_value=1, max_value=65535)
    admin_username = forms.CharField(
        label=_("First agency administrator (user name)"),
        max_length=150,
        required=False,
        help_text=_(
            "An existing account joins the agency; a new one gets a link to set a password."
        ),
    )
    admin_email = forms.EmailField(label=_("Their e-mail"), required=False)


class SuspendAgencyForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for the suspension"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
    )
