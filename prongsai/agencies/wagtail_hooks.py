from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.chooser import ChooseResultsView, ChooseView, SnippetChooserViewSet
from wagtail.snippets.views.snippets import SnippetViewSet

from prongsai.agencies.models import Department
from prongsai.agencies.roles import agency_sites_of


def own_departments(user):
    """Staff see and choose only the departments of the agencies they work in."""
    return Department.objects.filter(site__in=agency_sites_of(user))


class OwnDepartmentsMixin:
    def get_object_list(self):
        return own_departments(self.request.user)


class DepartmentChooseView(OwnDepartmentsMixin, ChooseView):
    pass


class DepartmentChooseResultsView(OwnDepartmentsMixin, ChooseResultsView):
    pass


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

    def get_queryset(self, request):
        return own_departments(request.user)


register_snippet(DepartmentViewSet)
