from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ToursConfig(AppConfig):
    name = "kaimen.tours"
    label = "tours"
    verbose_name = _("巡视整改")

    def ready(self) -> None:
        from kaimen.tours import permissions  # noqa: F401  (registers the rules)
