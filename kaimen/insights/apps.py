from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InsightsConfig(AppConfig):
    name = "kaimen.insights"
    label = "insights"
    verbose_name = _("数据看板")

    def ready(self) -> None:
        from kaimen.insights import permissions  # noqa: F401  (registers the rules)
