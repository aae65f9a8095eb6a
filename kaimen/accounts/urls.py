from django.contrib.auth import views as auth_views
from django.urls import path

from kaimen.accounts import views

app_name = "accounts"
urlpatterns = [
    path("login/", views.login_view, name="login"),
    path("phone/", views.phone_login_view, name="phone_login"),
    path("login/code/", views.login_code_view, name="login_code"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("two-factor/", views.totp_setup_view, name="totp_setup"),
]
