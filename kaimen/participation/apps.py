from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParticipationConfig(AppConfig):
    name = "kaimen.participation"
    label = "participation"
    verbose_name = _("群众参与")

    def ready(self) -> None:
        from kaimen.participation import permissions  # noqa: F401  (registers the rules)
