from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "kaimen.portal"
    label = "portal_site"
    verbose_name = _("门户网站")

    def ready(self) -> None:
        from kaimen.portal import checks, permissions  # noqa: F401  (registers the rules, checks)
