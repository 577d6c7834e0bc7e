from django.urls import path

from prongsai.channels import views

app_name = "prongsai_notifications"

urlpatterns = [
    path("", views.index, name="index"),
    path("<int:notification_id>/open/", views.open_notification, name="open"),
    path("mark-all-read/", views.mark_all_read, name="mark_all_read"),
]
