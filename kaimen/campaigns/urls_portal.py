from django.urls import path

from kaimen.campaigns import views_portal

app_name = "portal"
urlpatterns = [
    path("", views_portal.home, name="home"),
]
