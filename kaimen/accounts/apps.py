from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "kaimen.accounts"
    label = "accounts"
    verbose_name = _("账户")

    def ready(self) -> None:
        from kaimen.accounts import checks  # noqa: F401  (registers the deploy checks)
