from django.urls import path

from kaimen.campaigns import views_backoffice

app_name = "campaigns_staff"
urlpatterns = [
    path("", views_backoffice.campaign_list, name="campaign_list"),
]
