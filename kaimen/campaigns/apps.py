from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CampaignsConfig(AppConfig):
    name = "kaimen.campaigns"
    label = "campaigns"
    verbose_name = _("专项治理")

    def ready(self) -> None:
        from kaimen.campaigns import digest, permissions  # noqa: F401  (registers rules, digest)
