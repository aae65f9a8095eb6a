from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupervisionConfig(AppConfig):
    name = "kaimen.supervision"
    label = "supervision"
    verbose_name = _("纪委监督")

    def ready(self) -> None:
        from kaimen.supervision import digest, permissions  # noqa: F401  (registers rules, digest)
