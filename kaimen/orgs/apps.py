from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgsConfig(AppConfig):
    name = "kaimen.orgs"
    label = "orgs"
    verbose_name = _("组织与角色")

    def ready(self) -> None:
        from kaimen.orgs import permissions  # noqa: F401  (registers the rules)
