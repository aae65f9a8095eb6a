from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicationConfig(AppConfig):
    name = "kaimen.publication"
    label = "publication"
    verbose_name = _("成果公布")

    def ready(self) -> None:
        from kaimen.publication import permissions  # noqa: F401  (registers the rules)
