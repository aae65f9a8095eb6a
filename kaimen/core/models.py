from django.db import models
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        abstract = True


class CalendarDay(models.Model):
    """One day whose working status an administrator sets by hand.

    Overrides the statutory calendar of the `chinese_calendar` package (a late-announced
    adjustment, a local holiday) and extends it to years the package does not cover yet, where
    the calendar falls back to Monday–Friday plus the days listed here.
    """

    date = models.DateField(_("日期"), unique=True)
    is_workday = models.BooleanField(_("工作日"))
    note = models.CharField(_("说明"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("工作日历调整")
        verbose_name_plural = _("工作日历调整")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {'班' if self.is_workday else '休'}"
