"""What insights stores of its own: each commission's choice of who sees its league tables.

Everything else on the dashboards is computed from other apps' records when asked.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from kaimen.core.models import TimeStampedModel


class LeagueVisibility(models.TextChoices):
    INTERNAL = "internal", _("内部通报（仅本辖区纪委监委）")
    PUBLIC = "public", _("公开晾晒（在门户公布）")


class LeagueTablePolicy(TimeStampedModel):
    """Whether a commission's monthly league table of units (晾晒通报) is public or internal.

    A commission without a policy row keeps its league tables internal.
    """

    commission = models.OneToOneField(
        "orgs.Organization",
        verbose_name=_("纪委监委"),
        on_delete=models.CASCADE,
        related_name="league_table_policy",
    )
    visibility = models.CharField(
        _("晾晒方式"),
        max_length=10,
        choices=LeagueVisibility.choices,
        default=LeagueVisibility.INTERNAL,
    )

    class Meta:
        verbose_name = _("晾晒通报设置")
        verbose_name_plural = _("晾晒通报设置")

    def __str__(self) -> str:
        return f"{self.commission_id} · {self.get_visibility_display()}"
