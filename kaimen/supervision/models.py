"""The commission's supervision (纪委监督): inspections, problems and their rectification,
notices, evidence, deadline extensions, accountability, and the warning policy.

Warning colours are derived from the deadline, the state and the policy (`warnings.py`), never
stored. Every change goes through `services.py`, which bumps `Problem.version` (optimistic lock)
and records an Event.
"""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kaimen.core.models import TimeStampedModel

ZERO = Decimal("0.00")


# ---------------------------------------------------------------- inspections


class InspectionKind(models.TextChoices):
    ONSITE = "onsite", _("现场检查")
    UNANNOUNCED = "unannounced", _("四不两直")
    CROSS = "cross", _("交叉检查")
    JOINT = "joint", _("联合检查")
    LOOKBACK = "lookback", _("回头看")
    DESK = "desk", _("书面审查")


class Inspection(TimeStampedModel):
    """A supervision visit or review (督导检查) and the problems filed from it."""

    commission = models.ForeignKey(
        "orgs.Organization",
        verbose_name=_("检查机关"),
        on_delete=models.PROTECT,
        related_name="inspections",
    )
    date = models.DateField(_("检查日期"))
    kind = models.CharField(_("检查方式"), max_length=20, choices=InspectionKind.choices)
    members = models.TextField(_("检查人员"), blank=True)
    inspected_units = models.ManyToManyField(
        "orgs.Organization", verbose_name=_("被检查单位"), blank=True, related_name="+"
    )
    projects = models.ManyToManyField(
        "campaigns.Project", verbose_name=_("治理项目"), blank=True, related_name="inspections"
    )
    notes = models.TextField(_("检查情况"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("督导检查")
        verbose_name_plural = _("督导检查")
        ordering = ["-date", "-pk"]
        indexes = [models.Index(fields=["commission", "date"], name="inspection_comm_date_idx")]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.get_kind_display()}"


# ---------------------------------------------------------------- problems


class ProblemSource(models.TextChoices):
    INSPECTION = "inspection", _("督导检查")
    SELF_CHECK = "self_check", _("自查自纠")
    REPORT = "report", _("信访举报")
    TOUR = "tour", _("巡视巡察")
    AUDIT = "audit", _("审计")
    HOTLINE = "hotline", _("12345热线")
    MEDIA = "media", _("媒体曝光")
    DATA_WARNING = "data_warning", _("数据预警")


class Severity(models.TextChoices):
    GENERAL = "general", _("一般")
    SERIOUS = "serious", _("较重")
    CRITICAL = "critical", _("严重")


class ProblemState(models.TextChoices):
    OPEN = "open", _("已挂号")
    NOTIFIED = "notified", _("已下发整改通知")
    RECTIFYING = "rectifying", _("整改中")
    SUBMITTED = "submitted", _("待审核销号")
    CLOSED = "closed", _("已销号")


# States in which the unit holds the problem: the warning clock runs.
OPEN_STATES = (ProblemState.OPEN, ProblemState.NOTIFIED, ProblemState.RECTIFYING)


class Progress(models.TextChoices):
    NONE = "none", _("—")
    BASICALLY_DONE = "basically_done", _("阶段性成果，持续整改")
    LONG_TERM = "long_term", _("长期坚持")


class Problem(TimeStampedModel):
    """A problem found by the commission or reported to it, and its rectification (整改)."""

    commission = models.ForeignKey(
        "orgs.Organization",
        verbose_name=_("督办机关"),
        on_delete=models.PROTECT,
        related_name="problems",
    )
    number = models.CharField(_("编号"), max_length=20)  # "2024-0007", per commission and year
    source = models.CharField(_("问题来源"), max_length=20, choices=ProblemSource.choices)
    inspection = models.ForeignKey(
        Inspection,
        verbose_name=_("督导检查"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="problems",
    )
    project = models.ForeignKey(
        "campaigns.Project",
        verbose_name=_("治理项目"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="problems",
    )
    responsible_unit = models.ForeignKey(
        "orgs.Organization",
        verbose_name=_("责任单位"),
        on_delete=models.PROTECT,
        related_name="assigned_problems",
    )
    description = models.TextField(_("问题描述"))
    severity = models.CharField(
        _("严重程度"), max_length=10, choices=Severity.choices, default=Severity.GENERAL
    )
    assigned_on = models.DateField(_("交办日期"))
    original_deadline = models.DateField(_("原定整改时限"))
    deadline = models.DateField(_("整改时限"))
    state = models.CharField(
        _("状态"), max_length=20, choices=ProblemState.choices, default=ProblemState.OPEN
    )
    progress = models.CharField(
        _("整改进度"), max_length=20, choices=Progress.choices, default=Progress.NONE
    )
    # 挂牌督办: a numbered 督办单 with its own deadline and the leader who listed it.
    listed = models.BooleanField(_("挂牌督办"), default=False)
    listed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("挂牌人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    listed_at = models.DateTimeField(_("挂牌时间"), null=True, blank=True)
    listed_number = models.CharField(_("督办单编号"), max_length=40, blank=True)
    listed_deadline = models.DateField(_("督办时限"), null=True, blank=True)
    amount_refunded = models.DecimalField(
        _("清退金额（元）"), max_digits=14, decimal_places=2, default=ZERO
    )
    amount_recovered = models.DecimalField(
        _("追回金额（元）"), max_digits=14, decimal_places=2, default=ZERO
    )
    closed_at = models.DateTimeField(_("销号时间"), null=True, blank=True)
    lookback_due = models.DateField(_("回头看日期"), null=True, blank=True)
    lookback_done_on = models.DateField(_("回头看完成日期"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    institutions = models.ManyToManyField(
        "campaigns.Institution", verbose_name=_("建章立制"), blank=True, related_name="problems"
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("问题")
        verbose_name_plural = _("问题")
        ordering = ["-assigned_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["commission", "number"], name="problem_number_per_commission"
            ),
            models.CheckConstraint(
                condition=Q(amount_refunded__gte=0) & Q(amount_recovered__gte=0),
                name="problem_amounts_not_negative",
            ),
        ]
        indexes = [
            models.Index(fields=["commission", "state", "deadline"], name="problem_comm_state_idx"),
            models.Index(fields=["responsible_unit", "state"], name="problem_unit_state_idx"),
            models.Index(fields=["state", "deadline"], name="problem_state_deadline_idx"),
            models.Index(fields=["project", "state"], name="problem_project_state_idx"),
            models.Index(fields=["commission", "assigned_on"], name="problem_comm_assigned_idx"),
            # The overdue lists (first by deadline among open problems) walk this index.
            models.Index(
                fields=["deadline", "id"],
                name="problem_open_deadline_idx",
                condition=Q(state__in=OPEN_STATES),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.description[:30]}"


class EvidenceCheck(models.TextChoices):
    """新昌 "六见": what rectification evidence must show."""

    PEOPLE = "people", _("见人")
    MATTER = "matter", _("见事")
    UNIT = "unit", _("见单位")
    RESULT = "result", _("见处理结果")
    ACCOUNTABILITY = "accountability", _("见责任追究")
    INSTITUTION = "institution", _("见建章立制")


class ProblemEvidence(models.Model):
    """What the unit submits to have a problem closed. Files attach to it (later: EvidenceFile)."""

    problem = models.ForeignKey(Problem, on_delete=models.PROTECT, related_name="evidence")
    text = models.TextField(_("整改情况"))
    checklist = models.JSONField(_("六见"), default=dict, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(_("提交时间"))

    class Meta:
        verbose_name = _("整改材料")
        verbose_name_plural = _("整改材料")
        ordering = ["submitted_at", "pk"]

    def __str__(self) -> str:
        return f"{self.problem_id} · {self.submitted_at:%Y-%m-%d}"


class ExtensionState(models.TextChoices):
    REQUESTED = "requested", _("待审批")
    APPROVED = "approved", _("已同意")
    REFUSED = "refused", _("未同意")


class DeadlineExtension(models.Model):
    """A unit's request, before the deadline, to rectify later; the commission decides."""

    problem = models.ForeignKey(Problem, on_delete=models.PROTECT, related_name="extensions")
    previous_deadline = models.DateField(_("原整改时限"))
    requested_deadline = models.DateField(_("申请延至"))
    reason = models.TextField(_("延期理由"))
    state = models.CharField(
        _("状态"),
        max_length=10,
        choices=ExtensionState.choices,
        default=ExtensionState.REQUESTED,
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(_("申请时间"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(_("审批时间"), null=True, blank=True)
    decision_reason = models.TextField(_("审批意见"), blank=True)

    class Meta:
        verbose_name = _("延期申请")
        verbose_name_plural = _("延期申请")
        ordering = ["requested_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["problem"],
                condition=Q(state="requested"),
                name="extension_one_pending_per_problem",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.problem_id} → {self.requested_deadline:%Y-%m-%d}"


class Notice(models.Model):
    """整改通知书 to one unit: numbered once per commission and year, listing every problem it
    notifies (`problems`; `problem` is the first of them). The text is the one previewed and
    edited before issue; the Word document is generated from it and then frozen."""

    commission = models.ForeignKey("orgs.Organization", on_delete=models.PROTECT, related_name="+")
    problem = models.ForeignKey(Problem, on_delete=models.PROTECT, related_name="notices")
    problems = models.ManyToManyField(
        Problem, verbose_name=_("所列问题"), related_name="listing_notices", blank=True
    )
    inspection = models.ForeignKey(
        Inspection,
        verbose_name=_("督导检查"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="notices",
    )
    body = models.TextField(_("正文"), blank=True)
    number = models.CharField(_("文号"), max_length=60)
    deadline = models.DateField(_("整改时限"))
    issued_at = models.DateTimeField(_("下发时间"))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    document = models.FileField(_("文书"), upload_to="supervision/notices/%Y/", blank=True)

    class Meta:
        verbose_name = _("整改通知书")
        verbose_name_plural = _("整改通知书")
        ordering = ["issued_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["commission", "number"], name="notice_number_unique"),
        ]

    def __str__(self) -> str:
        return self.number


class SequenceKind(models.TextChoices):
    PROBLEM = "problem", _("问题编号")
    NOTICE = "notice", _("整改通知书")
    LISTING = "listing", _("督办单")
    PROMPT = "prompt", _("提示函")
    URGE = "urge", _("督办函")
    INTERVIEW = "interview", _("约谈通知书")


class NumberSequence(models.Model):
    """The last number given out per commission, year and kind; allocation locks the row."""

    commission = models.ForeignKey("orgs.Organization", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=10, choices=SequenceKind.choices)
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["commission", "year", "kind"], name="number_sequence_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.commission_id}/{self.year}/{self.kind}: {self.last}"


# ---------------------------------------------------------------- accountability


class Measure(models.TextChoices):
    EDUCATION = "education", _("批评教育帮助")
    ADMONITION = "admonition", _("诫勉")
    ORGANIZATIONAL = "organizational", _("组织处理")
    PARTY_DISCIPLINE = "party_discipline", _("党纪处分")
    GOVERNMENT_SANCTION = "government_sanction", _("政务处分")
    JUDICIAL = "judicial", _("移送司法")


class AccountabilityRecord(TimeStampedModel):
    """Cases and persons handled (问责), visible to commission roles only."""

    commission = models.ForeignKey(
        "orgs.Organization",
        verbose_name=_("处理机关"),
        on_delete=models.PROTECT,
        related_name="accountability_records",
    )
    problem = models.ForeignKey(
        Problem,
        verbose_name=_("问题"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="accountability_records",
    )
    project = models.ForeignKey(
        "campaigns.Project",
        verbose_name=_("治理项目"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="accountability_records",
    )
    decided_on = models.DateField(_("处理日期"))
    cases = models.PositiveIntegerField(_("问题（件）"), default=0)
    persons = models.PositiveIntegerField(_("人数"), default=0)
    measure = models.CharField(_("处理方式"), max_length=30, choices=Measure.choices)
    amount_recovered = models.DecimalField(
        _("追回金额（元）"), max_digits=14, decimal_places=2, default=ZERO
    )
    amount_refunded = models.DecimalField(
        _("清退金额（元）"), max_digits=14, decimal_places=2, default=ZERO
    )
    notes = models.TextField(_("备注"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("问责记录")
        verbose_name_plural = _("问责记录")
        ordering = ["-decided_on", "-pk"]
        indexes = [
            models.Index(fields=["commission", "decided_on"], name="accountability_comm_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.decided_on:%Y-%m-%d} {self.get_measure_display()} {self.persons}人"


# ---------------------------------------------------------------- warning policy


class PolicyObject(models.TextChoices):
    PROBLEM = "problem", _("问题整改")
    REPORT = "report", _("信访举报")
    TOPIC = "topic", _("群众点题")


class ColourMode(models.TextChoices):
    FOUR = "four", _("四色（蓝、黄、橙、红）")
    THREE = "three", _("三色（绿、黄、红）")


class Clock(models.TextChoices):
    BEFORE_DEADLINE = "before_deadline", _("距整改时限")
    OVERDUE = "overdue", _("超过整改时限")
    SINCE_ASSIGNMENT = "since_assignment", _("自交办之日起")


class EscalationStep(models.TextChoices):
    REMINDER = "reminder", _("提醒经办人")
    PROMPT_LETTER = "prompt_letter", _("提示函（分管负责人）")
    SUPERVISION_LETTER = "supervision_letter", _("督办函（主要负责人）")
    INTERVIEW = "interview", _("约谈")
    ACCOUNTABILITY = "accountability", _("问责")


class WarningPolicy(TimeStampedModel):
    """How one commission colours one kind of object: colours, clock, thresholds, escalation.

    `thresholds` lists the colours from mildest to most severe, each reached after `days`
    (working or calendar days) on its clock:
        [{"colour": "blue", "clock": "before_deadline", "days": 3}, …]
    `before_deadline` n: n days or fewer left; `overdue` n: n days past the deadline (0: past it
    at all); `since_assignment` n: n days since the problem was assigned. A missing "clock" takes
    the policy's `clock`. `escalation` maps a colour to its step (`EscalationStep`).
    """

    commission = models.ForeignKey(
        "orgs.Organization",
        verbose_name=_("纪委监委"),
        on_delete=models.CASCADE,
        related_name="warning_policies",
    )
    object_type = models.CharField(
        _("适用对象"), max_length=10, choices=PolicyObject.choices, default=PolicyObject.PROBLEM
    )
    colours = models.CharField(
        _("预警颜色"), max_length=10, choices=ColourMode.choices, default=ColourMode.FOUR
    )
    clock = models.CharField(
        _("计时方式"), max_length=20, choices=Clock.choices, default=Clock.OVERDUE
    )
    workdays = models.BooleanField(_("按工作日计算"), default=True)
    thresholds = models.JSONField(_("预警阈值"), default=list)
    escalation = models.JSONField(_("督办措施"), default=dict, blank=True)
    listed_escalation = models.BooleanField(
        _("挂牌督办加快升级"),
        default=True,
        help_text=_("挂牌督办的问题逾期后提高一级，超过督办时限即为最高级"),
    )
    lookback_days = models.PositiveSmallIntegerField(_("销号后回头看（天）"), default=90)
    publish_listed = models.BooleanField(
        _("公开挂牌督办事项"),
        default=False,
        help_text=_("在公开网站列出本委挂牌督办的问题（编号、责任单位、问题、时限和状态）"),
    )

    class Meta:
        verbose_name = _("预警规则")
        verbose_name_plural = _("预警规则")
        constraints = [
            models.UniqueConstraint(
                fields=["commission", "object_type"], name="warning_policy_one_per_object"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.commission_id} · {self.get_object_type_display()}"


# ---------------------------------------------------------------- letters and files


class LetterKind(models.TextChoices):
    """The documents a colour's escalation step or a listing produces."""

    REMINDER = "reminder", _("提醒")
    PROMPT = "prompt", _("提示函")
    URGE = "urge", _("督办函")
    INTERVIEW = "interview", _("约谈通知书")
    ACCOUNTABILITY = "account", _("问责提示")
    LISTING = "listing", _("督办单")


class Letter(models.Model):
    """A warning letter (提示函, 督办函 …) or 督办单 sent about a problem: generated once per
    colour and deadline (a new deadline after an extension or a reopening starts again), numbered,
    stored, and counted per colour because commissions report how many letters they sent."""

    commission = models.ForeignKey("orgs.Organization", on_delete=models.PROTECT, related_name="+")
    problem = models.ForeignKey(Problem, on_delete=models.PROTECT, related_name="letters")
    kind = models.CharField(_("文书类型"), max_length=10, choices=LetterKind.choices)
    colour = models.CharField(_("预警颜色"), max_length=10, blank=True)
    deadline = models.DateField(_("所涉整改时限"))
    number = models.CharField(_("文号"), max_length=60, blank=True)
    sent_on = models.DateField(_("发出日期"))
    sent_at = models.DateTimeField(_("发出时间"))
    document = models.FileField(_("文书"), upload_to="supervision/letters/%Y/", blank=True)

    class Meta:
        verbose_name = _("督办文书")
        verbose_name_plural = _("督办文书")
        ordering = ["sent_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["problem", "kind", "colour", "deadline"], name="letter_once_per_colour"
            ),
        ]
        indexes = [models.Index(fields=["commission", "sent_on"], name="letter_comm_sent_idx")]

    def __str__(self) -> str:
        return self.number or f"{self.get_kind_display()} {self.problem_id}"


class Attachment(models.Model):
    """A file attached to rectification evidence, an inspection or an institution; its type is
    decided by its content (magic bytes), not its name."""

    evidence = models.ForeignKey(
        ProblemEvidence, null=True, blank=True, on_delete=models.PROTECT, related_name="files"
    )
    inspection = models.ForeignKey(
        Inspection, null=True, blank=True, on_delete=models.PROTECT, related_name="files"
    )
    institution = models.ForeignKey(
        "campaigns.Institution",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="files",
    )
    file = models.FileField(_("文件"), upload_to="supervision/files/%Y/%m/")
    name = models.CharField(_("文件名"), max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField(_("大小（字节）"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("上传时间"))

    class Meta:
        verbose_name = _("附件")
        verbose_name_plural = _("附件")
        ordering = ["uploaded_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(evidence__isnull=False, inspection__isnull=True, institution__isnull=True)
                    | Q(evidence__isnull=True, inspection__isnull=False, institution__isnull=True)
                    | Q(evidence__isnull=True, inspection__isnull=True, institution__isnull=False)
                ),
                name="attachment_one_owner",
            ),
        ]

    def __str__(self) -> str:
        return self.name
