from django.urls import path, register_converter

from prongsai.publishing import views


class FormatConverter:
    regex = "pdf|xlsx"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(FormatConverter, "fmt")

app_name = "publishing"
urlpatterns = [
    path("", views.RequestListView.as_view(), name="list"),
    path("new/", views.NewRequestView.as_view(), name="new"),
    path("<int:pk>/", views.RequestDetailView.as_view(), name="detail"),
    path("<int:pk>/pdf/", views.request_pdf, name="pdf"),
    path("report/<int:year>.<fmt:fmt>", views.yearly_report, name="report"),
]
