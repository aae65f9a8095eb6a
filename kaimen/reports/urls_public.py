from django.urls import path

from kaimen.reports import views_public

app_name = "reports"
urlpatterns = [
    path("", views_public.report_new, name="new"),
    path("track/", views_public.report_track, name="track"),
    path("progress/", views_public.report_progress, name="progress"),
    path("progress/rate/", views_public.report_rate, name="rate"),
]
