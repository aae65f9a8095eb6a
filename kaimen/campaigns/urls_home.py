from django.urls import path

from kaimen.campaigns import views_home as views

app_name = "backoffice"
urlpatterns = [
    path("", views.staff_home, name="home"),
]
