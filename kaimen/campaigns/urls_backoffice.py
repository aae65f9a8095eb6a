from django.urls import path

from kaimen.campaigns import views_openness
from kaimen.campaigns.views_backoffice import campaigns, projects

app_name = "campaigns_staff"
urlpatterns = [
    path("", campaigns.campaign_list, name="campaign_list"),
    path("new/", campaigns.campaign_create, name="campaign_create"),
    path("<int:pk>/", campaigns.campaign_detail, name="campaign_detail"),
    path("<int:pk>/edit/", campaigns.campaign_update, name="campaign_update"),
    path("<int:pk>/transition/", campaigns.campaign_transition, name="campaign_transition"),
    path("<int:pk>/openness/", views_openness.openness_policy, name="openness_policy"),
    path("<int:pk>/projects/new/", projects.project_create, name="project_create"),
    path("projects/<int:pk>/", projects.project_detail, name="project_detail"),
    path("projects/<int:pk>/manage/", projects.project_manage, name="project_manage"),
    path("projects/<int:pk>/answer/", projects.project_answer, name="project_answer"),
    path("projects/<int:pk>/reports/", projects.report_submit, name="report_submit"),
    path("projects/<int:pk>/outcomes/", projects.project_outcomes, name="project_outcomes"),
    path("projects/<int:pk>/transition/", projects.project_transition, name="project_transition"),
]
