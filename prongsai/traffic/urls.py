from django.urls import path

from prongsai.traffic import views

app_name = "traffic"
urlpatterns = [path("", views.TrafficLogView.as_view(), name="log")]
