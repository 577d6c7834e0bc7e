"""The users and groups admin, held to the accounts a person may manage (``accounts.py``).

Wagtail's own views, forms and bulk actions, each given the one rule: another agency's
account, a platform admin's account or a group outside the agency is not found, not offered
and not changed.
"""

from django.http import Http404
from django.shortcuts import get_list_or_404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views import generic
from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views import users as wagtail_users
from wagtail.users.views.bulk_actions import (
    AssignRoleBulkAction,
    DeleteBulkAction,
    SetActiveStateBulkAction,
)

from prongsai.agencies.accounts import (
    assignable_groups,
    manageable_users,
    may_manage,
    visible_groups,
)


class AgencyAccountFormMixin:
    """For anyone but a platform admin: no "administrator" box, only the agency's role groups
    on offer, and the account's other groups (e.g. its department groups) kept as they are."""

    no_agency_message = _("Choose at least one role in your agency for this account.")
    kept_groups_help = _(
        "Only your agency's roles are listed. The account's department groups are set on the "
        "Departments screen and stay as they are."
    )

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.kept_groups = []
        self.restricted = for_user is not None and not for_user.is_superuser
        if not self.restricted:
            return
        self.fields.pop("is_superuser", None)
        offered = assignable_groups(for_user)
        self.fields["groups"].queryset = offered
        self.fields["groups"].help_text = self.kept_groups_help
        if self.instance.pk:
            self.kept_groups = list(self.instance.groups.exclude(pk__in=offered.values("pk")))

    def clean(self):
        cleaned_data = super().clean()
        if self.restricted and not cleaned_data.get("groups") and not self.kept_groups:
            self.add_error("groups", self.no_agency_message)
        return cleaned_data

    def _save_m2m(self):
        super()._save_m2m()
        if self.kept_groups:
            self.instance.groups.add(*self.kept_groups)


class AgencyUserCreationForm(AgencyAccountFormMixin, UserCreationForm):
    pass


class AgencyUserEditForm(AgencyAccountFormMixin, UserEditForm):
    pass


class ForUserFormMixin:
    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "for_user": self.request.user}


class ManageableAccountMixin:
    """Another agency's account (or a platform admin's) is not found."""

    def get_object(self, *args, **kwargs):
        account = super().get_object(*args, **kwargs)
        if not may_manage(self.request.user, account):
            raise Http404
        return account


class AgencyUserFilterSet(wagtail_users.UserFilterSet):
    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        if request is not None:
            self.filters["group"].queryset = visible_groups(request.user)


class IndexView(wagtail_users.IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().filter(pk__in=manageable_users(self.request.user))


class CreateView(ForUserFormMixin, wagtail_users.CreateView):
    pass


class CopyView(ManageableAccountMixin, ForUserFormMixin, generic.CopyView):
    pass


class EditView(ManageableAccountMixin, ForUserFormMixin, wagtail_users.EditView):
    pass


class DeleteView(ManageableAccountMixin, wagtail_users.DeleteView):
    pass


class HistoryView(ManageableAccountMixin, wagtail_users.HistoryView):
    pass


class UsageView(ManageableAccountMixin, generic.UsageView):
    pass


class AgencyUserViewSet(wagtail_users.UserViewSet):
    filterset_class = AgencyUserFilterSet
    index_view_class = IndexView
    add_view_class = CreateView
    copy_view_class = CopyView
    edit_view_class = EditView
    delete_view_class = DeleteView
    history_view_class = HistoryView
    usage_view_class = UsageView

    def get_form_class(self, for_update=False):
        return AgencyUserEditForm if for_update else AgencyUserCreationForm


# ---------- bulk actions on the users list ----------


class ManageableAccountsBulkActionMixin:
    """Only manageable accounts can be picked, whatever ids the request names."""

    def get_queryset(self, model, object_ids):
        return get_list_or_404(manageable_users(self.request.user), pk__in=object_ids)


class AgencyAssignRoleBulkAction(ManageableAccountsBulkActionMixin, AssignRoleBulkAction):
    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        form.fields["role"].queryset = assignable_groups(self.request.user)
        return form


class AgencySetActiveStateBulkAction(ManageableAccountsBulkActionMixin, SetActiveStateBulkAction):
    pass


class AgencyDeleteBulkAction(ManageableAccountsBulkActionMixin, DeleteBulkAction):
    pass


BULK_ACTIONS = [AgencyAssignRoleBulkAction, AgencySetActiveStateBulkAction, AgencyDeleteBulkAction]
