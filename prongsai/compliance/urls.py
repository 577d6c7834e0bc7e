from django.urls import path, register_converter

from prongsai.compliance import views


class ExportConverter:
    regex = "csv|xlsx"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(ExportConverter, "export")

app_name = "compliance"
urlpatterns = [
    path("", views.IndexView.as_view(), name="index"),
    path("checklists/<int:pk>/", views.ChecklistView.as_view(), name="checklist"),
    path("checklists/<int:pk>/run/", views.start_run, name="run"),
    path("checklists/<int:pk>/export.<export:fmt>", views.export, name="export"),
    path("checklists/<int:pk>/submit/", views.submit, name="submit"),
    path("checklists/<int:pk>/reopen/", views.reopen, name="reopen"),
    path("entries/<int:pk>/", views.EntryView.as_view(), name="entry"),
    path("runs/<int:pk>.json", views.run_status, name="run_status"),
    path("catalogs/", views.CatalogListView.as_view(), name="catalogs"),
    path("catalogs/import/", views.ImportView.as_view(), name="import"),
    path("catalogs/<int:pk>/", views.CatalogView.as_view(), name="catalog"),
    path("catalogs/items/<int:pk>/", views.CatalogItemView.as_view(), name="catalog_item"),
    path(
        "catalogs/items/<int:pk>/agencies/<int:site_pk>/",
        views.CorrectionView.as_view(),
        name="correction",
    ),
    path(
        "catalogs/items/<int:pk>/agencies/<int:site_pk>/drop/",
        views.DropCorrectionView.as_view(),
        name="drop_correction",
    ),
    path("dashboard/", views.DashboardView.as_view(), name="dashboard"),
    path("self-audit/", views.SelfAuditView.as_view(), name="self_audit"),
]
