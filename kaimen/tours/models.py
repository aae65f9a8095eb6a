"""Inspection-tour rectification (巡视整改): a tour's feedback, broken into measures.

A `Tour` is one round of inspection (十四届省委第十四轮巡视) of one party organisation
(中共舟山市定海区委), whose rectification office (整改办) runs the rectification. The tour's
feedback is entered as `FeedbackItem`s in categories, numbered 一、二、… as the progress report
numbers its sections ("一、关于“…”问题的整改情况"); each item is broken into `Measure`s
numbered (一)(二)… with responsible units, a responsible leader and a deadline. The four lists
(问题、任务、责任、时限清单) are four views of the same measures.

Measure colours come from the supervision warning policy (`kaimen.supervision.warnings`), never
stored. Every change goes through `services.py`, which bumps `version` and records an Event.
"""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kaimen.core.models import TimeStampedModel

ZERO = Decimal("0.00")


class TourState(models.TextChoices):
    RECTIFYING = "rectifying", _("整改中")
    COMPLETED = "completed", _("整改完成")


class Tour(TimeStampedModel):
    """One inspection tour's feedback to one party organisation, and its rectification."""

    office = models.ForeignKey(
        "orgs.Organization",
        verbose_name=_("整改牵头机关"),
        on_delete=models.PROTECT,
        related_name="tours",
    )
    name = models.CharField(_("巡视（巡察）名称"), max_length=100)  # 十四届省委第十四轮巡视
    inspecting_body = models.CharField(_("巡视组"), max_length=100, blank=True)
    inspected_party = models.CharField(_("被巡视党组织"), max_length=100)  # 中共舟山市定海区委
    feedback_on = models.DateField(_("反馈日期"))
    state = models.CharField(
        _("状态"), max_length=20, choices=TourState.choices, default=TourState.RECTIFYING
    )
    # The report's opening paragraphs (what the party committee did overall) and its close.
    intro = models.TextField(_("总体情况"), blank=True)
    closing = models.TextField(_("下一步工作"), blank=True)
    # The figures of the progress report ("给予党纪处分8人…清退款项4.49万元"), entered.
    party_discipline = models.PositiveIntegerField(_("党纪处分（人）"), default=0)
    government_sanction = models.PositiveIntegerField(_("政务处分（人）"), default=0)
    organizational = models.PositiveIntegerField(_("组织处理（人）"), default=0)
    admonition = models.PositiveIntegerField(_("诫勉（人）"), default=0)
    reminder = models.PositiveIntegerField(_("教育提醒（人）"), default=0)
    institutions = models.PositiveIntegerField(_("建立完善制度（项）"), default=0)
    refunded_wan = models.DecimalField(
        _("清退款项（万元）"), max_digits=12, decimal_places=2, default=ZERO
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("巡视整改")
        verbose_name_plural = _("巡视整改")
        ordering = ["-feedback_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(refunded_wan__gte=0), name="tour_refunded_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name}（{self.inspected_party}）"

    @property
    def title(self) -> str:
        """The progress report's title line: 关于十四届省委第十四轮巡视整改进展情况的通报."""
        return f"关于{self.name}整改进展情况的通报"


class FeedbackItem(TimeStampedModel):
    """One problem the tour fed back (反馈问题), in a category, numbered 一、二、… in the tour."""

    tour = models.ForeignKey(Tour, on_delete=models.PROTECT, related_name="items")
    category = models.CharField(_("问题类别"), max_length=60)
    position = models.PositiveSmallIntegerField(_("序号"))
    title = models.CharField(_("反馈问题"), max_length=200)  # 落实整改主体责任不够到位
    detail = models.TextField(_("问题具体表现"), blank=True)
    problem = models.ForeignKey(
        "supervision.Problem",
        verbose_name=_("关联问题"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="tour_items",
    )

    class Meta:
        verbose_name = _("反馈问题")
        verbose_name_plural = _("反馈问题")
        ordering = ["tour", "position"]
        constraints = [
            models.UniqueConstraint(fields=["tour", "position"], name="tour_item_position"),
        ]

    def __str__(self) -> str:
        return self.title


class MeasureState(models.TextChoices):
    OPEN = "open", _("未启动")
    IN_PROGRESS = "in_progress", _("整改中")
    DONE = "done", _("已对账销号")
    LONG_TERM = "long_term", _("长期坚持")


# States in which the responsible units hold the measure: the warning clock runs.
HELD_STATES = (MeasureState.OPEN, MeasureState.IN_PROGRESS)


class Measure(TimeStampedModel):
    """A rectification measure (整改措施/任务) of one feedback item, numbered (一)(二)…"""

    item = models.ForeignKey(FeedbackItem, on_delete=models.PROTECT, related_name="measures")
    position = models.PositiveSmallIntegerField(_("序号"))
    text = models.TextField(_("整改措施"))
    units = models.ManyToManyField(
        "orgs.Organization", verbose_name=_("责任单位"), related_name="tour_measures"
    )
    leader = models.CharField(_("责任领导"), max_length=100, blank=True)
    assigned_on = models.DateField(_("交办日期"))
    deadline = models.DateField(_("整改时限"))
    state = models.CharField(
        _("状态"), max_length=20, choices=MeasureState.choices, default=MeasureState.OPEN
    )
    progress = models.TextField(_("整改进展"), blank=True)
    evidence = models.TextField(_("销号依据"), blank=True)
    ledger_checked = models.BooleanField(_("已对账"), default=False)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("销号人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    closed_at = models.DateTimeField(_("销号时间"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("整改措施")
        verbose_name_plural = _("整改措施")
        ordering = ["item__position", "position"]
        constraints = [
            models.UniqueConstraint(fields=["item", "position"], name="tour_measure_position"),
            models.CheckConstraint(
                condition=~Q(state="done") | Q(ledger_checked=True),
                name="tour_measure_done_checked",
            ),
        ]
        indexes = [models.Index(fields=["state", "deadline"], name="tour_measure_state_idx")]

    def __str__(self) -> str:
        return self.text[:40]

    @property
    def headline(self) -> str:
        """The measure's first sentence (区委全面落实巡视整改主体责任。)."""
        end = next((i for i, c in enumerate(self.text) if c in "。；！？"), -1)
        return self.text if end < 0 else self.text[: end + 1]


class TourReport(models.Model):
    """A periodic progress report of the rectification (date and text)."""

    tour = models.ForeignKey(Tour, on_delete=models.PROTECT, related_name="reports")
    date = models.DateField(_("报告日期"))
    text = models.TextField(_("进展情况"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("整改进展报告")
        verbose_name_plural = _("整改进展报告")
        ordering = ["-date", "-pk"]

    def __str__(self) -> str:
        return f"{self.tour_id} · {self.date:%Y-%m-%d}"
