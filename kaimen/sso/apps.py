from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SsoConfig(AppConfig):
    name = "kaimen.sso"
    label = "sso"
    verbose_name = _("统一身份认证")
    default_auto_field = "django.db.models.BigAutoField"
