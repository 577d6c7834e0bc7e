from django.urls import path

from prongsai.platform import views

app_name = "platform"
urlpatterns = [
    path("", views.AgencyListView.as_view(), name="agencies"),
    path("create/", views.AgencyCreateView.as_view(), name="create"),
    path("<int:pk>/suspend/", views.SuspendAgencyView.as_view(), name="suspend"),
    path("<int:pk>/resume/", views.ResumeAgencyView.as_view(), name="resume"),
]
