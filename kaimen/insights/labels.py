"""How the insights' events and their fields read on logs."""

from typing import Any

from django.utils.translation import gettext_lazy as _

ACTION_LABELS: dict[str, Any] = {
    "insights.league_table_policy_set": _("设置晾晒方式"),
}
FIELD_LABELS: dict[str, Any] = {
    "visibility": _("晾晒方式"),
}
