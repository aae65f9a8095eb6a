"""What the site frame stores of its own: the public's corrections (纠错) of the site."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from kaimen.core.models import TimeStampedModel


class CorrectionState(models.TextChoices):
    NEW = "new", _("待处理")
    HANDLED = "handled", _("已处理")


class Correction(TimeStampedModel):
    """A visitor's note that something on the site is wrong (政府网站纠错).

    No personal data: the form asks for none, so nothing here identifies the sender.
    """

    page = models.CharField(_("页面地址"), max_length=300, blank=True)
    description = models.TextField(_("问题描述"), max_length=1000)
    state = models.CharField(
        _("状态"), max_length=10, choices=CorrectionState.choices, default=CorrectionState.NEW
    )

    class Meta:
        verbose_name = _("网站纠错")
        verbose_name_plural = _("网站纠错")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.pk} {self.page}"
