from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "kaimen.reports"
    label = "reports"
    verbose_name = _("投诉举报")

    def ready(self) -> None:
        from kaimen.reports import digest, permissions  # noqa: F401  (registers rules, digest)
