from django.urls import path

from kaimen.reports import views_open311

app_name = "open311"
urlpatterns = [
    path("discovery.json", views_open311.discovery, name="discovery"),
    path("services.json", views_open311.services_list, name="services"),
    path("services/<str:code>.json", views_open311.service_definition, name="service"),
    path("requests.json", views_open311.requests_view, name="requests"),
    path("requests/<int:request_id>.json", views_open311.request_detail, name="request"),
]
