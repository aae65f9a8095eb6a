from django.urls import path

from kaimen.campaigns import views_backoffice as views
from kaimen.campaigns import views_openness

app_name = "campaigns_staff"
urlpatterns = [
    path("", views.campaign_list, name="campaign_list"),
    path("new/", views.campaign_create, name="campaign_create"),
    path("<int:pk>/", views.campaign_detail, name="campaign_detail"),
    path("<int:pk>/edit/", views.campaign_update, name="campaign_update"),
    path("<int:pk>/transition/", views.campaign_transition, name="campaign_transition"),
    path("<int:pk>/openness/", views_openness.openness_policy, name="openness_policy"),
    path("<int:pk>/projects/new/", views.project_create, name="project_create"),
    path("projects/<int:pk>/", views.project_detail, name="project_detail"),
    path("projects/<int:pk>/manage/", views.project_manage, name="project_manage"),
    path("projects/<int:pk>/answer/", views.project_answer, name="project_answer"),
    path("projects/<int:pk>/reports/", views.report_submit, name="report_submit"),
    path("projects/<int:pk>/outcomes/", views.project_outcomes, name="project_outcomes"),
    path("projects/<int:pk>/transition/", views.project_transition, name="project_transition"),
]
