from django.urls import path

from kaimen.insights import views

app_name = "insights"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("problems/", views.problem_list, name="problem_list"),
    path("league/", views.league, name="league"),
    path("league/export.xlsx", views.league_xlsx, name="league_xlsx"),
    path("league/export.docx", views.league_docx, name="league_docx"),
    path("league/policy/", views.league_policy, name="league_policy"),
    path("rollup/", views.rollup, name="rollup"),
]
