from django.urls import path

from prongsai.quota import views

app_name = "quota"
urlpatterns = [path("", views.StorageView.as_view(), name="storage")]
