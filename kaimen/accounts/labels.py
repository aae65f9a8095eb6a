"""How the accounts' events read on logs."""

from typing import Any

from django.utils.translation import gettext_lazy as _

ACTION_LABELS: dict[str, Any] = {
    "user.totp_enabled": _("启用双因素认证"),
    "user.citizen_registered": _("群众注册"),
}
FIELD_LABELS: dict[str, Any] = {}
