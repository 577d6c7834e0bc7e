from django.urls import path

from prongsai.trash import views

app_name = "trash"
urlpatterns = [
    path("", views.IndexView.as_view(), name="index"),
    path("restore/", views.RestoreView.as_view(), name="restore_selected"),
    path("purge/", views.ConfirmPurgeView.as_view(), name="purge_selected"),
    path("empty/", views.ConfirmPurgeView.as_view(), {"everything": True}, name="empty"),
    path("<int:pk>/restore/", views.RestoreView.as_view(), name="restore"),
    path("<int:pk>/purge/", views.ConfirmPurgeView.as_view(), name="purge"),
    path("move/<str:kind>/<int:pk>/", views.MoveView.as_view(), name="move"),
]
