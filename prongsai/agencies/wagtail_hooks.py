from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import ObjectList
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views import snippets as snippet_views
from wagtail.snippets.views.chooser import ChooseResultsView, ChooseView, SnippetChooserViewSet
from wagtail.snippets.views.snippets import SnippetViewSet

from prongsai.agencies import page_listing, redirects
from prongsai.agencies.bulk_actions import BULK_ACTIONS as OWN_OBJECTS_BULK_ACTIONS
from prongsai.agencies.forms import DepartmentForm
from prongsai.agencies.models import Department
from prongsai.agencies.scope import limit_to_user, own_pages
from prongsai.agencies.user_admin import BULK_ACTIONS as ACCOUNT_BULK_ACTIONS


def own_departments(user):
    """Staff see and choose only the departments of the agencies they work in."""
    return limit_to_user(Department.objects.all(), user)


class OwnDepartmentsMixin:
    def get_object_list(self):
        return own_departments(self.request.user)


class DepartmentChooseView(OwnDepartmentsMixin, ChooseView):
    pass


class DepartmentChooseResultsView(OwnDepartmentsMixin, ChooseResultsView):
    pass


class OwnDepartmentObjectMixin:
    """Edit, delete, history and usage of a department: only inside the user's agencies
    (another agency's department is not found)."""

    def get_object(self, *args, **kwargs):
        obj = super().get_object(*args, **kwargs)
        if not own_departments(self.request.user).filter(pk=obj.pk).exists():
            raise Http404
        return obj


def _scoped(view_class):
    return type(view_class.__name__, (OwnDepartmentObjectMixin, view_class), {})


class DepartmentChooserViewSet(SnippetChooserViewSet):
    choose_view_class = DepartmentChooseView
    choose_results_view_class = DepartmentChooseResultsView


class DepartmentViewSet(SnippetViewSet):
    model = Department
    icon = "group"
    menu_label = _("Departments")
    menu_order = 250
    add_to_admin_menu = True
    list_display = ["name", "kind", "site", "phone"]
    list_filter = ["kind"]
    search_fields = ["name"]
    chooser_viewset_class = DepartmentChooserViewSet
    edit_handler = ObjectList(Department.panels, base_form_class=DepartmentForm)
    edit_view_class = _scoped(snippet_views.EditView)
    delete_view_class = _scoped(snippet_views.DeleteView)
    history_view_class = _scoped(snippet_views.HistoryView)
    usage_view_class = _scoped(snippet_views.UsageView)

    def get_queryset(self, request):
        return own_departments(request.user)


register_snippet(DepartmentViewSet)

# After Wagtail's own (order 0), so these replace its bulk actions on the users, pages,
# documents, images and snippets listings.
for _action in [*ACCOUNT_BULK_ACTIONS, *OWN_OBJECTS_BULK_ACTIONS]:
    hooks.register("register_bulk_action", _action, order=10)


@hooks.register("register_admin_viewset", order=100)
def page_listing_of_own_agencies():
    """After Wagtail's base page viewset (order -1), so it takes its place for Page."""
    return page_listing.AgencyPageViewSet(name="agency_pages")


@hooks.register("register_admin_urls", order=-100)
def redirects_of_own_agencies():
    return redirects.admin_urls()


# Wagtail's page chooser and explorer walk the whole tree, every agency's drafts included.
@hooks.register("construct_page_chooser_queryset")
def chooser_pages_of_own_agencies(pages, request):
    return own_pages(pages, request.user)


@hooks.register("construct_explorer_page_queryset")
def explorer_pages_of_own_agencies(parent_page, pages, request):
    return own_pages(pages, request.user)
