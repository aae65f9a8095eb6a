from django.urls import path

from kaimen.tours import views

app_name = "tours"
urlpatterns = [
    path("", views.tour_list, name="tour_list"),
    path("new/", views.tour_create, name="tour_create"),
    path("import/<int:pk>/", views.tour_import_run, name="tour_import_run"),
    path("<int:pk>/", views.tour_detail, name="tour_detail"),
    path("<int:pk>/edit/", views.tour_update, name="tour_update"),
    path("<int:pk>/lists/<str:kind>/", views.tour_lists, name="tour_lists"),
    path("<int:pk>/items/new/", views.items_add, name="items_add"),
    path("<int:pk>/reports/", views.report_create, name="report_create"),
    path("<int:pk>/announcement/", views.announcement, name="announcement"),
    path("<int:pk>/measures.xlsx", views.measures_xlsx, name="measures_xlsx"),
    path("<int:pk>/announcement.docx", views.announcement_docx, name="announcement_docx"),
    path("<int:pk>/announcement.txt", views.announcement_text, name="announcement_text"),
    path("items/<int:pk>/measures/new/", views.measures_add, name="measures_add"),
    path("measures/<int:pk>/", views.measure_detail, name="measure_detail"),
    path("measures/<int:pk>/progress/", views.measure_progress, name="measure_progress"),
    path("measures/<int:pk>/close/", views.measure_close, name="measure_close"),
    path("measures/<int:pk>/reopen/", views.measure_reopen, name="measure_reopen"),
    path("measures/<int:pk>/edit/", views.measure_edit, name="measure_edit"),
]
