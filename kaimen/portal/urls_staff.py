from django.urls import path

from kaimen.portal import views

app_name = "portal_staff"
urlpatterns = [
    path("", views.correction_list, name="correction_list"),
    path("<int:pk>/handled/", views.correction_handle, name="correction_handle"),
]
