from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from prongsai.agencies.models import Department
from prongsai.agencies.roles import agency_sites_of


class DepartmentViewSet(SnippetViewSet):
    model = Department
    icon = "group"
    menu_label = _("Departments")
    menu_order = 250
    add_to_admin_menu = True
    list_display = ["name", "kind", "site", "phone"]
    list_filter = ["kind"]
    search_fields = ["name"]

    def get_queryset(self, request):
        """Staff see only the departments of the agencies they work in."""
        return Department.objects.filter(site__in=agency_sites_of(request.user))


register_snippet(DepartmentViewSet)
