from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "kaimen.core"
    label = "core"
    verbose_name = _("核心")

    def ready(self) -> None:
        from kaimen.core import checks  # noqa: F401  (registers the deploy checks)
        from kaimen.core.crypto import national, self_test

        if national():
            self_test()  # refuses to start without working SM4/SM3
