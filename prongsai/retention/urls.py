from django.urls import path

from prongsai.retention import views

app_name = "retention"

urlpatterns = [
    path("", views.CurrencyView.as_view(), name="currency"),
    path("rules/", views.RulesView.as_view(), name="rules"),
    path("campaigns/", views.CampaignListView.as_view(), name="campaigns"),
    path("campaigns/<int:pk>/", views.CampaignView.as_view(), name="campaign"),
    path("campaigns/<int:pk>/purge/", views.CampaignPurgeView.as_view(), name="campaign_purge"),
    path("campaigns/<int:pk>/report.csv", views.campaign_report, name="campaign_report"),
]
