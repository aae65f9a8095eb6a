from django.urls import path

from kaimen.supervision import views, views_notices

app_name = "supervision"
urlpatterns = [
    path("", views.home, name="home"),
    path("problems/", views.problem_list, name="problem_list"),
    path("problems/status/", views.problem_status, name="problem_status"),
    path("problems/<int:pk>/", views.problem_detail, name="problem_detail"),
    path("problems/<int:pk>/act/", views.problem_action, name="problem_action"),
    path("problems/<int:pk>/evidence/", views.evidence_submit, name="evidence_submit"),
    path("problems/<int:pk>/extension/", views.extension_request, name="extension_request"),
    path("problems/<int:pk>/lookback/", views.lookback, name="lookback"),
    path("todo/", views.todo, name="todo"),
    path("lookbacks/", views.lookback_due, name="lookback_due"),
    path("inspections/", views.inspection_list, name="inspection_list"),
    path("inspections/new/", views.inspection_create, name="inspection_create"),
    path("inspections/<int:pk>/", views.inspection_detail, name="inspection_detail"),
    path("accountability/", views.accountability_list, name="accountability_list"),
    path("accountability/new/", views.accountability_create, name="accountability_create"),
    path("institutions/", views.institution_list, name="institution_list"),
    path("institutions/new/", views.institution_create, name="institution_create"),
    path("policy/", views.policy_detail, name="policy_detail"),
    path("policy/edit/", views.policy_edit, name="policy_edit"),
    path("letters/", views.letter_summary, name="letter_summary"),
    path("notices/new/", views_notices.notice_compose, name="notice_compose"),
    path("notices/<int:pk>/download/", views.notice_download, name="notice_download"),
    path("letters/<int:pk>/download/", views.letter_download, name="letter_download"),
    path("figures/<int:campaign_id>/<slug:code>/", views.figure_records, name="figure_records"),
    path("files/<int:pk>/download/", views.attachment_download, name="attachment_download"),
]
