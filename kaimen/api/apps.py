from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "kaimen.api"
    label = "api"
    verbose_name = "API"
