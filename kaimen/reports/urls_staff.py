from django.urls import path

from kaimen.reports import views_manage, views_staff

app_name = "reports_staff"
urlpatterns = [
    path("", views_staff.inbox, name="inbox"),
    path("new/", views_staff.report_enter, name="enter"),
    path("export.csv", views_staff.report_export, name="export"),
    path("routing/", views_manage.routing_rules, name="routing"),
    path("import/", views_manage.workorder_import, name="import"),
    path("import/template.xlsx", views_manage.workorder_template, name="import_template"),
    path("routing/<int:pk>/delete/", views_manage.routing_rule_delete, name="routing_delete"),
    path("<int:pk>/", views_staff.report_detail, name="detail"),
    path("<int:pk>/identity/", views_staff.report_identity, name="identity"),
    path(
        "<int:pk>/attachments/<int:attachment_id>/",
        views_staff.report_attachment,
        name="attachment",
    ),
    path("<int:pk>/<slug:action>/", views_staff.report_action, name="action"),
]
