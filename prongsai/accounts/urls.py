from django.urls import path

from prongsai.accounts import views

app_name = "accounts"
urlpatterns = [
    path("sign-in/code/", views.verify, name="verify"),
    path("account/second-factor/", views.SecondFactorView.as_view(), name="second_factor"),
    path("sign-ins/", views.SignInsView.as_view(), name="sign_ins"),
]
