from django.urls import path

from kaimen.insights import views

app_name = "themes"
urlpatterns = [
    path("", views.theme_index, name="index"),
    path("<slug:theme>/", views.theme_detail, name="detail"),
]
