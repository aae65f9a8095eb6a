from django.urls import path

from kaimen.campaigns import views_import

app_name = "imports_staff"
urlpatterns = [
    path("", views_import.run_list, name="list"),
    path("new/", views_import.run_new, name="new"),
    path("<int:pk>/", views_import.run_review, name="review"),
    path("<int:pk>/progress/", views_import.run_progress, name="progress"),
    path("<int:pk>/campaign/", views_import.run_campaign_edit, name="campaign_edit"),
    path("<int:pk>/projects/<int:position>/", views_import.run_project_edit, name="project_edit"),
    path("<int:pk>/structure/", views_import.run_structure, name="structure"),
    path("<int:pk>/confirm/", views_import.run_confirm, name="confirm"),
]
