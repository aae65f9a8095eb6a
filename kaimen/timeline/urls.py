from django.urls import path

from kaimen.timeline import views

app_name = "timeline"
urlpatterns = [
    path("seals/", views.seals, name="seals"),
]
