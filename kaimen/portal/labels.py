"""How the portal's events and their fields read on logs."""

from typing import Any

from django.utils.translation import gettext_lazy as _

ACTION_LABELS: dict[str, Any] = {
    "portal.correction_submitted": _("收到网站纠错"),
    "portal.correction_handled": _("处理网站纠错"),
}
FIELD_LABELS: dict[str, Any] = {
    "page": _("页面"),
    "state": _("状态"),
}
