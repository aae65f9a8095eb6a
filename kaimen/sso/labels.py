"""How external sign-in's events and their fields read on logs."""

from typing import Any

from django.utils.translation import gettext_lazy as _

ACTION_LABELS: dict[str, Any] = {
    "sso.linked": _("绑定外部账号"),
    "sso.unlinked": _("解除外部账号绑定"),
}
FIELD_LABELS: dict[str, Any] = {
    "provider": _("身份认证方式"),
    "subject": _("外部账号标识"),
}
