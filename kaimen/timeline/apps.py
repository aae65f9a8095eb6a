from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TimelineConfig(AppConfig):
    name = "kaimen.timeline"
    label = "timeline"
    verbose_name = _("时间线")
