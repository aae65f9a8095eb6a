from django.urls import path

from kaimen.sso import views

app_name = "sso"
urlpatterns = [
    path("<slug:key>/", views.start, name="start"),
    path("<slug:key>/callback/", views.callback, name="callback"),
]
