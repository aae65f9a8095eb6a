from django.urls import path

from kaimen.core import views

app_name = "backoffice"
urlpatterns = [
    path("", views.staff_home, name="home"),
]
