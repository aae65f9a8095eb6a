from django.urls import path

from kaimen.supervision import views_ledgers as views

app_name = "ledgers"
urlpatterns = [
    path("", views.index, name="index"),
    path("problems.xlsx", views.problems_xlsx, name="problems_xlsx"),
    path("inspections.xlsx", views.inspections_xlsx, name="inspections_xlsx"),
    path("accountability.xlsx", views.accountability_xlsx, name="accountability_xlsx"),
    path("problems/import/", views.problems_import, name="problems_import"),
    path("problems/import/template.xlsx", views.import_template, name="import_template"),
]
