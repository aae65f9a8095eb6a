from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The demo loader: the top of the house, so it may use every area's services."""

    name = "kaimen.demo"
    label = "demo"
    verbose_name = _("演示数据")

    def ready(self) -> None:
        from kaimen.demo import checks  # noqa: F401  (registers the deploy check)
