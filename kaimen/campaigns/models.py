from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kaimen.campaigns.figures import achievement_text
from kaimen.core.models import TimeStampedModel


class CampaignState(models.TextChoices):
    DRAFT = "draft", _("筹备中")
    RUNNING = "running", _("治理中")
    PUBLISHED = "published", _("成果已公布")


class Campaign(TimeStampedModel):
    """One issuing commission's special-governance campaign (专项治理) of one year."""

    issuer = models.ForeignKey(
        "orgs.Organization",
        verbose_name=_("发布机关"),
        on_delete=models.PROTECT,
        related_name="campaigns",
    )
    year = models.PositiveSmallIntegerField(_("年度"))
    title = models.CharField(_("标题"), max_length=200)
    intro = models.TextField(_("导语"), blank=True)
    state = models.CharField(
        _("状态"), max_length=20, choices=CampaignState.choices, default=CampaignState.DRAFT
    )
    participating_units = models.ManyToManyField(
        "orgs.Organization", verbose_name=_("参与单位"), blank=True, related_name="+"
    )
    imported = models.BooleanField(
        _("由历史公告导入"), default=False, help_text=_("导入的年度以公告中的总数为准")
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("专项治理")
        verbose_name_plural = _("专项治理")
        ordering = ["-year", "issuer__path"]
        constraints = [
            models.UniqueConstraint(fields=["issuer", "year"], name="campaign_one_per_issuer_year"),
        ]

    def __str__(self) -> str:
        return f"{self.year}年 {self.title}"

    @property
    def is_public(self) -> bool:
        return self.state != CampaignState.DRAFT


class Theme(models.TextChoices):
    """A taxonomy that stays stable across years, so themes can be compared year by year."""

    EDUCATION = "education", _("教育")
    ANTI_FRAUD = "anti_fraud", _("反诈")
    ELDERLY_CARE = "elderly_care", _("养老")
    SOCIAL_INSURANCE = "social_insurance", _("社保与救助")
    ENVIRONMENT = "environment", _("生态环境")
    HOUSING = "housing", _("住房与物业")
    HEALTH = "health", _("医疗卫生")
    MARKET_REGULATION = "market_regulation", _("市场监管")
    AGRICULTURE = "agriculture", _("农业农村")
    LAND_RESETTLEMENT = "land_resettlement", _("征地拆迁安置")
    TRANSPORT = "transport", _("交通出行")
    ENERGY = "energy", _("能源与充电")
    EMPLOYMENT = "employment", _("就业与欠薪")
    PUBLIC_SERVICE = "public_service", _("政务服务")
    OTHER = "other", _("其他")


class ProjectState(models.TextChoices):
    DRAFT = "draft", _("草拟")
    APPROVED = "approved", _("已确定")
    IN_PROGRESS = "in_progress", _("治理中")
    OUTCOMES_SUBMITTED = "outcomes_submitted", _("成果已报送")
    PUBLISHED = "published", _("成果已公布")
    CLOSED = "closed", _("已结项")


PUBLIC_PROJECT_STATES = (ProjectState.PUBLISHED, ProjectState.CLOSED)
# Running work: decided but its results not yet published. Public from approval where the
# commission's OpennessPolicy says so (the default).
RUNNING_PROJECT_STATES = (
    ProjectState.APPROVED,
    ProjectState.IN_PROGRESS,
    ProjectState.OUTCOMES_SUBMITTED,
)
# States in which the lead unit writes its answer (goal, targets, reports, outcomes).
ANSWERABLE_PROJECT_STATES = (ProjectState.APPROVED, ProjectState.IN_PROGRESS)


class Project(TimeStampedModel):
    """A governance project (治理项目) and the lead units' answer to it (部门答题)."""

    campaign = models.ForeignKey(
        Campaign, verbose_name=_("专项治理"), on_delete=models.PROTECT, related_name="projects"
    )
    position = models.PositiveSmallIntegerField(_("序号"))
    title = models.CharField(_("治理项目"), max_length=200)
    theme = models.CharField(_("主题"), max_length=30, choices=Theme.choices, default=Theme.OTHER)
    lead_units = models.ManyToManyField(
        "orgs.Organization",
        verbose_name=_("牵头单位"),
        related_name="led_projects",
        through="ProjectLeadUnit",
    )
    goal = models.TextField(_("治理目标"), blank=True)
    plan = models.TextField(_("工作方案"), blank=True)
    state = models.CharField(
        _("状态"), max_length=20, choices=ProjectState.choices, default=ProjectState.DRAFT
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("治理项目")
        verbose_name_plural = _("治理项目")
        ordering = ["campaign", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "position"], name="project_unique_position"
            ),
        ]
        indexes = [models.Index(fields=["state", "theme"], name="project_state_theme_idx")]

    def __str__(self) -> str:
        return self.title

    @property
    def is_public(self) -> bool:
        """Its results are published (running work may be public before, see OpennessPolicy)."""
        return self.state in PUBLIC_PROJECT_STATES and self.campaign.is_public

    @property
    def is_running(self) -> bool:
        return self.state in RUNNING_PROJECT_STATES


class ProjectLeadUnit(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="+")
    organization = models.ForeignKey(
        "orgs.Organization", on_delete=models.PROTECT, related_name="+"
    )
    position = models.PositiveSmallIntegerField(default=1)

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["project", "organization"], name="lead_unit_once"),
        ]

    def __str__(self) -> str:
        return f"{self.project_id} ← {self.organization_id}"


class Comparator(models.TextChoices):
    AT_LEAST = "ge", "≥"
    AT_MOST = "le", "≤"
    EQUAL = "eq", "="


class Target(models.Model):
    """A quantified target (量化指标): e.g. ≥ 60 public chargers, actual 71 → 118 %."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="targets")
    position = models.PositiveSmallIntegerField(_("序号"), default=1)
    label = models.CharField(_("指标"), max_length=200)
    comparator = models.CharField(
        _("比较"), max_length=2, choices=Comparator.choices, default=Comparator.AT_LEAST
    )
    target_value = models.DecimalField(_("目标值"), max_digits=20, decimal_places=4)
    unit = models.CharField(_("单位"), max_length=20, blank=True)
    actual_value = models.DecimalField(
        _("完成值"), max_digits=20, decimal_places=4, null=True, blank=True
    )

    class Meta:
        verbose_name = _("量化指标")
        verbose_name_plural = _("量化指标")
        ordering = ["project", "position"]

    def __str__(self) -> str:
        return f"{self.label} {self.get_comparator_display()} {self.target_value}{self.unit}"

    @property
    def achieved(self) -> bool | None:
        if self.actual_value is None:
            return None
        if self.comparator == Comparator.AT_LEAST:
            return self.actual_value >= self.target_value
        if self.comparator == Comparator.AT_MOST:
            return self.actual_value <= self.target_value
        return self.actual_value == self.target_value

    @property
    def ratio(self) -> Decimal | None:
        """Completion in percent for "at least" targets (71 of 60 → 118)."""
        if self.actual_value is None or not self.target_value:
            return None
        if self.comparator != Comparator.AT_LEAST:
            return None
        return (self.actual_value / self.target_value * 100).quantize(Decimal(1))

    @property
    def achievement(self) -> str:
        """ "71 / 60 = 118 %" (`campaigns.figures.achievement_text`)."""
        return achievement_text(self)


class TargetReading(models.Model):
    """A target's actual value as a monthly report gave it: the history behind the curve."""

    target = models.ForeignKey(Target, on_delete=models.CASCADE, related_name="readings")
    month = models.DateField(_("月份"), help_text=_("该月第一天"))
    value = models.DecimalField(_("完成值"), max_digits=20, decimal_places=4)
    recorded_at = models.DateTimeField(_("填报时间"), auto_now=True)

    class Meta:
        verbose_name = _("完成值记录")
        verbose_name_plural = _("完成值记录")
        ordering = ["target", "month"]
        constraints = [
            models.UniqueConstraint(fields=["target", "month"], name="target_reading_per_month"),
        ]

    def __str__(self) -> str:
        return f"{self.target_id} {self.month:%Y-%m} {self.value}"


class Outcome(models.Model):
    """A numbered outcome item (治理成果): a headline and a body."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="outcomes")
    position = models.PositiveSmallIntegerField(_("序号"))
    headline = models.CharField(_("标题"), max_length=300)
    body = models.TextField(_("内容"), blank=True)

    class Meta:
        verbose_name = _("治理成果")
        verbose_name_plural = _("治理成果")
        ordering = ["project", "position"]
        constraints = [
            models.UniqueConstraint(fields=["project", "position"], name="outcome_unique_position"),
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.headline}"


class Metric(models.Model):
    """A figure (数据): what is counted, as written and normalised (974.6 万元 → 9,746,000 元).

    It belongs to exactly one of a campaign (its intro totals), a project or an outcome item.
    """

    campaign = models.ForeignKey(
        Campaign, null=True, blank=True, on_delete=models.CASCADE, related_name="metrics"
    )
    project = models.ForeignKey(
        Project, null=True, blank=True, on_delete=models.CASCADE, related_name="metrics"
    )
    outcome = models.ForeignKey(
        Outcome, null=True, blank=True, on_delete=models.CASCADE, related_name="metrics"
    )
    position = models.PositiveSmallIntegerField(default=0)
    code = models.CharField(_("指标代码"), max_length=40, blank=True)
    label = models.CharField(_("名称"), max_length=200)
    # Six places: announcements write 万元 amounts to the 元 (124.839742 万元).
    value = models.DecimalField(_("数值"), max_digits=24, decimal_places=6)
    unit = models.CharField(_("单位"), max_length=20, blank=True)
    normalized_value = models.DecimalField(max_digits=24, decimal_places=6)
    normalized_unit = models.CharField(max_length=20, blank=True)
    qualifier = models.CharField(_("修饰"), max_length=10, blank=True)
    source_text = models.CharField(_("原文"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("数据")
        verbose_name_plural = _("数据")
        ordering = ["position"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(campaign__isnull=False, project__isnull=True, outcome__isnull=True)
                    | Q(campaign__isnull=True, project__isnull=False, outcome__isnull=True)
                    | Q(campaign__isnull=True, project__isnull=False, outcome__isnull=False)
                ),
                name="metric_has_one_owner",
            ),
        ]
        indexes = [models.Index(fields=["code"], name="metric_code_idx")]

    def __str__(self) -> str:
        return f"{self.label} {self.value}{self.unit}"


class ProgressReport(TimeStampedModel):
    """A lead unit's monthly progress report (工作月报)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="reports")
    month = models.DateField(_("月份"), help_text=_("该月第一天"))
    body = models.TextField(_("本月进展"))
    next_steps = models.TextField(_("下步计划"), blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("工作月报")
        verbose_name_plural = _("工作月报")
        ordering = ["project", "-month"]
        constraints = [
            models.UniqueConstraint(fields=["project", "month"], name="report_one_per_month"),
        ]

    def __str__(self) -> str:
        return f"{self.project} {self.month:%Y-%m}"


class Institution(TimeStampedModel):
    """A rule or mechanism created or improved (建立完善制度)."""

    project = models.ForeignKey(
        Project, null=True, blank=True, on_delete=models.PROTECT, related_name="institutions"
    )
    organization = models.ForeignKey(
        "orgs.Organization", verbose_name=_("制定单位"), on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("制度名称"), max_length=300)
    issued_on = models.DateField(_("印发日期"), null=True, blank=True)
    description = models.TextField(_("说明"), blank=True)

    class Meta:
        verbose_name = _("制度")
        verbose_name_plural = _("制度")
        ordering = ["-issued_on", "title"]

    def __str__(self) -> str:
        return self.title


class ImportState(models.TextChoices):
    PARSED = "parsed", _("已解析，待确认")
    QUEUED = "queued", _("排队中")
    RUNNING = "running", _("导入中")
    DONE = "done", _("已完成")
    FAILED = "failed", _("失败")


class ImportRun(TimeStampedModel):
    """One import of a published results announcement: source, parse, corrections, result."""

    issuer = models.ForeignKey("orgs.Organization", on_delete=models.PROTECT, related_name="+")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    source_name = models.CharField(_("来源"), max_length=200, blank=True)
    source_text = models.TextField(_("原文"))
    parsed = models.JSONField(_("解析结果"), default=dict)
    state = models.CharField(max_length=20, choices=ImportState.choices, default=ImportState.PARSED)
    progress = models.PositiveSmallIntegerField(default=0)
    message = models.TextField(blank=True)
    campaign = models.ForeignKey(
        Campaign, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("导入记录")
        verbose_name_plural = _("导入记录")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"import {self.pk} {self.source_name}"


class OpennessPolicy(TimeStampedModel):
    """What a commission makes public of its running year (开门治理 from the first day).

    A commission without a row keeps the defaults: projects public once approved, monthly
    reports public with them. Outcomes stay hidden until the commission publishes them.
    """

    commission = models.OneToOneField(
        "orgs.Organization",
        verbose_name=_("纪委监委"),
        on_delete=models.CASCADE,
        related_name="openness_policy",
    )
    projects_public_on_approval = models.BooleanField(
        _("项目确定后即向社会公开"),
        default=True,
        help_text=_("牵头单位、治理目标、量化指标及进度在项目确定后即在门户公开"),
    )
    progress_reports_public = models.BooleanField(
        _("公开工作月报"), default=True, help_text=_("治理中项目的工作月报在门户公开")
    )

    class Meta:
        verbose_name = _("公开设置")
        verbose_name_plural = _("公开设置")

    def __str__(self) -> str:
        return str(self.commission)
