"""The public's side of the loop: topic calls, topics and supports (群众点题), evaluations and
surveys (社会评价)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kaimen.campaigns.models import Theme
from kaimen.core.models import TimeStampedModel


class TopicCall(TimeStampedModel):
    """A commission's public call for topics (群众点题征集), open for a window of days.

    Citizens choose among candidate problems the commission lists (选题), propose freely (点题),
    or both. The selected topics feed `campaign` (usually next year's).
    """

    commission = models.ForeignKey(
        "orgs.Organization",
        verbose_name=_("征集机关"),
        on_delete=models.PROTECT,
        related_name="topic_calls",
    )
    title = models.CharField(_("标题"), max_length=200)
    intro = models.TextField(_("征集说明"), blank=True)
    opens_at = models.DateTimeField(_("开始时间"))
    closes_at = models.DateTimeField(_("截止时间"))
    allow_choose = models.BooleanField(_("选题（从候选问题中选择）"), default=True)
    allow_propose = models.BooleanField(_("点题（自由提出问题）"), default=True)
    campaign = models.ForeignKey(
        "campaigns.Campaign",
        verbose_name=_("纳入专项治理"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="topic_calls",
    )

    class Meta:
        verbose_name = _("点题征集")
        verbose_name_plural = _("点题征集")
        ordering = ["-opens_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__gt=models.F("opens_at")), name="topic_call_window_order"
            ),
            models.CheckConstraint(
                condition=Q(allow_choose=True) | Q(allow_propose=True),
                name="topic_call_has_a_mode",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.opens_at <= timezone.now() < self.closes_at

    @property
    def has_closed(self) -> bool:
        return timezone.now() >= self.closes_at


class TopicState(models.TextChoices):
    SUBMITTED = "submitted", _("待审核")
    PUBLISHED = "published", _("征集中")
    SELECTED = "selected", _("已采纳")
    MERGED = "merged", _("已合并")
    DECLINED = "declined", _("未采纳")
    WITHDRAWN = "withdrawn", _("已撤回")


PUBLIC_TOPIC_STATES = (
    TopicState.PUBLISHED,
    TopicState.SELECTED,
    TopicState.MERGED,
    TopicState.DECLINED,
)


class Topic(TimeStampedModel):
    """A problem the public names (点题) or a candidate the commission lists (选题)."""

    call = models.ForeignKey(
        TopicCall, verbose_name=_("点题征集"), on_delete=models.PROTECT, related_name="topics"
    )
    title = models.CharField(_("问题标题"), max_length=100)
    description = models.TextField(_("问题描述"), max_length=2000)
    region = models.ForeignKey(
        "orgs.Organization",
        verbose_name=_("所在地区"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    category = models.CharField(
        _("类别"), max_length=30, choices=Theme.choices, default=Theme.OTHER
    )
    proposer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("提出人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="topics",
    )
    is_candidate = models.BooleanField(_("候选问题"), default=False)
    state = models.CharField(
        _("状态"), max_length=20, choices=TopicState.choices, default=TopicState.SUBMITTED
    )
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("合并至"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="merged_topics",
    )
    responsible_unit = models.ForeignKey(
        "orgs.Organization",
        verbose_name=_("答题单位"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assigned_topics",
        help_text=_("纪委监委交办答复的责任单位"),
    )
    decline_reason = models.TextField(_("未采纳理由"), blank=True)
    answer = models.TextField(_("答复"), blank=True)
    answered_by = models.ForeignKey(
        "orgs.Organization",
        verbose_name=_("答复单位"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    answered_at = models.DateTimeField(_("答复时间"), null=True, blank=True)
    project = models.ForeignKey(
        "campaigns.Project",
        verbose_name=_("形成的治理项目"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="source_topics",
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("群众点题")
        verbose_name_plural = _("群众点题")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["call", "state"], name="topic_call_state_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(state="merged", merged_into__isnull=False)
                | ~Q(state="merged") & Q(merged_into__isnull=True),
                name="topic_merged_has_target",
            ),
            models.CheckConstraint(
                condition=~Q(state="selected") | Q(project__isnull=False),
                name="topic_selected_has_project",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_public(self) -> bool:
        return self.state in PUBLIC_TOPIC_STATES


class Support(models.Model):
    """One citizen's support (支持) of one topic: at most one, enforced by the database."""

    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="supports")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="topic_supports"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("支持")
        verbose_name_plural = _("支持")
        constraints = [
            models.UniqueConstraint(fields=["topic", "user"], name="support_once_per_citizen"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} → {self.topic_id}"


class Rating(models.TextChoices):
    SATISFIED = "satisfied", _("满意")
    BASICALLY_SATISFIED = "basically_satisfied", _("基本满意")
    DISSATISFIED = "dissatisfied", _("不满意")


class CommentState(models.TextChoices):
    VISIBLE = "visible", _("公开")
    FLAGGED = "flagged", _("被举报，待审核")  # hidden until staff decide
    KEPT = "kept", _("审核后公开")
    REMOVED = "removed", _("审核后隐藏")


HIDDEN_COMMENT_STATES = (CommentState.FLAGGED, CommentState.REMOVED)


class Evaluation(TimeStampedModel):
    """A citizen's rating of a published project (社会评价), changeable while the window is open."""

    project = models.ForeignKey(
        "campaigns.Project",
        verbose_name=_("治理项目"),
        on_delete=models.PROTECT,
        related_name="evaluations",
    )
    citizen = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="evaluations"
    )
    rating = models.CharField(_("评价"), max_length=20, choices=Rating.choices)
    comment = models.TextField(_("意见建议"), max_length=1000, blank=True)
    comment_state = models.CharField(
        _("留言状态"), max_length=20, choices=CommentState.choices, default=CommentState.VISIBLE
    )

    class Meta:
        verbose_name = _("社会评价")
        verbose_name_plural = _("社会评价")
        ordering = ["-updated_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "citizen"], name="evaluation_once_per_citizen"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.project_id} {self.get_rating_display()}"

    @property
    def comment_is_shown(self) -> bool:
        return bool(self.comment) and self.comment_state not in HIDDEN_COMMENT_STATES


class EvaluationFlag(models.Model):
    """A reader's flag on an evaluation's comment; enough of them hide it until staff decide."""

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="flags")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["evaluation", "user"], name="flag_once_per_user"),
        ]

    def __str__(self) -> str:
        return f"flag {self.user_id} → {self.evaluation_id}"


class SurveyMethod(models.TextChoices):
    ONLINE = "online", _("网上测评")
    PHONE = "phone", _("电话调查")
    THIRD_PARTY = "third_party", _("第三方评估")


class SurveyScale(models.IntegerChoices):
    THREE = 3, _("三级（满意/基本满意/不满意）")
    FOUR = 4, _("四级（满意/基本满意/一般/不满意）")


class Survey(TimeStampedModel):
    """A survey done outside the site (telephone poll, third-party evaluation), as published."""

    project = models.ForeignKey(
        "campaigns.Project",
        verbose_name=_("治理项目"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="surveys",
    )
    campaign = models.ForeignKey(
        "campaigns.Campaign",
        verbose_name=_("专项治理"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="surveys",
    )
    method = models.CharField(_("调查方式"), max_length=20, choices=SurveyMethod.choices)
    conducted_by = models.CharField(_("调查机构"), max_length=100, blank=True)
    conducted_on = models.DateField(_("调查日期"))
    sample_size = models.PositiveIntegerField(_("样本量"))
    scale = models.PositiveSmallIntegerField(
        _("量表"), choices=SurveyScale.choices, default=SurveyScale.THREE
    )
    awareness_rate = models.DecimalField(
        _("知晓率（%）"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    satisfaction_rate = models.DecimalField(
        _("满意率（%）"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    support_rate = models.DecimalField(
        _("支持率（%）"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    note = models.TextField(_("说明"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("满意度调查")
        verbose_name_plural = _("满意度调查")
        ordering = ["-conducted_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(project__isnull=False, campaign__isnull=True)
                | Q(project__isnull=True, campaign__isnull=False),
                name="survey_has_one_subject",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_method_display()} {self.conducted_on}"
