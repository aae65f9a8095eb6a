from django.urls import path

from kaimen.campaigns import views_portal

app_name = "portal"
urlpatterns = [
    path("", views_portal.home, name="home"),
    path("campaigns/<int:pk>/", views_portal.campaign_detail, name="campaign_detail"),
    path("projects/<int:pk>/", views_portal.project_detail, name="project_detail"),
]
