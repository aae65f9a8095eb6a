from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class Event(models.Model):
    """One entry of the append-only, sealed audit trail.

    Written only by `timeline.services.event_record`, inside the transaction of the change it
    records: a plain INSERT. The sealer (`events_seal`) later gives committed events their place
    in the chain (`sequence`) and a keyed `hash` covering every field below plus the previous
    event's hash, so altering, removing, inserting or reordering rows breaks the chain at that
    point (`manage.py verify_events`). Until then `sequence` is empty; `id` is the order of
    recording.
    """

    sequence = models.PositiveBigIntegerField(unique=True, null=True, editable=False)
    created_at = models.DateTimeField(_("时间"), editable=False)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("操作人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    actor_label = models.CharField(_("操作人"), max_length=150, blank=True)
    organization = models.ForeignKey(
        "orgs.Organization", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    action = models.CharField(_("动作"), max_length=60)
    target_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    target_id = models.CharField(max_length=40)
    target_repr = models.CharField(max_length=200, blank=True)
    before = models.JSONField(default=dict, blank=True)
    after = models.JSONField(default=dict, blank=True)
    reason = models.TextField(_("理由"), blank=True)
    prev_hash = models.CharField(max_length=64, blank=True, editable=False)
    hash = models.CharField(max_length=64, blank=True, editable=False)
    seal_key = models.CharField(max_length=20, blank=True, editable=False)

    class Meta:
        verbose_name = _("事件")
        verbose_name_plural = _("事件")
        ordering = ["id"]
        indexes = [
            models.Index(fields=["target_type", "target_id", "id"], name="event_target_idx"),
            models.Index(fields=["organization", "action", "created_at"], name="event_org_idx"),
            # The sealer's queue: small, whatever the size of the log.
            models.Index(
                fields=["id"], name="event_unsealed_idx", condition=models.Q(sequence__isnull=True)
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.sequence or '-'} {self.action} {self.target_repr}"


class ChainHead(models.Model):
    """The last sealed event: one row, locked by the sealer only (never by a write)."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    sequence = models.PositiveBigIntegerField(default=0)
    hash = models.CharField(max_length=64, default="0" * 64)

    def __str__(self) -> str:
        return f"chain head #{self.sequence}"


class DailySeal(models.Model):
    """The chain head at the end of a day (for today: so far), published so that anyone can keep
    a copy and later prove the log has not been rewritten (`verify_events --against`)."""

    day = models.DateField(_("日期"), unique=True)
    sequence = models.PositiveBigIntegerField(_("最后事件序号"))
    hash = models.CharField(_("封印值"), max_length=64)
    seal_key = models.CharField(_("密钥标识"), max_length=20)
    updated_at = models.DateTimeField(_("更新时间"))

    class Meta:
        verbose_name = _("每日封印")
        verbose_name_plural = _("每日封印")
        ordering = ["-day"]

    def __str__(self) -> str:
        return f"{self.day} #{self.sequence}"
