"""Complaints and reports (投诉举报): discipline reports (检举控告, 12388) and public-service
requests (诉求, 12345 work orders), kept apart by `kind` and linkable to each other.

The reporter's identity is stored only as a Fernet token (`identity.py`); the receipt code only
as an HMAC (`receipts.py`). Neither appears in `__str__`, events, exports or logs.
"""

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kaimen.core.models import TimeStampedModel


class ReportKind(models.TextChoices):
    DISCIPLINE = "discipline", _("检举控告")
    SERVICE_REQUEST = "service_request", _("民生诉求")


class ReportChannel(models.TextChoices):
    WEB = "web", _("网络")
    HOTLINE = "hotline", _("电话（12345/12388）")
    LETTER = "letter", _("来信")
    VISIT = "visit", _("来访")
    MAIL = "mail", _("电子邮件")


class Intake(models.TextChoices):
    """How the report reached the system (the channel says how the reporter sent it)."""

    FORM = "form", _("网页表单")
    API = "api", _("接口")
    OPEN311 = "open311", _("Open311")
    STAFF = "staff", _("工作人员登记")


class Category(models.Model):
    """A fixed table of report categories; `code` is also the Open311 `service_code`."""

    code = models.CharField(_("编码"), max_length=10, unique=True)
    name = models.CharField(_("名称"), max_length=60)
    description = models.CharField(_("说明"), max_length=200, blank=True)
    kind = models.CharField(
        _("默认类别"), max_length=20, choices=ReportKind.choices, default=ReportKind.SERVICE_REQUEST
    )
    group = models.CharField(_("分组"), max_length=30, blank=True)
    position = models.PositiveSmallIntegerField(_("排序"), default=0)
    active = models.BooleanField(_("启用"), default=True)

    class Meta:
        verbose_name = _("举报类别")
        verbose_name_plural = _("举报类别")
        ordering = ["position", "code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class RoutingRule(models.Model):
    """Category × place → the unit suggested when assigning (the most specific place wins)."""

    category = models.ForeignKey(
        Category, verbose_name=_("类别"), on_delete=models.CASCADE, related_name="routing_rules"
    )
    place = models.ForeignKey(
        "orgs.Organization",
        verbose_name=_("地区"),
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("该地区（含下级）的举报适用本规则"),
    )
    unit = models.ForeignKey(
        "orgs.Organization", verbose_name=_("责任单位"), on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        verbose_name = _("分办规则")
        verbose_name_plural = _("分办规则")
        constraints = [
            models.UniqueConstraint(fields=["category", "place"], name="routing_one_per_place"),
        ]

    def __str__(self) -> str:
        return f"{self.category_id} @ {self.place_id} → {self.unit_id}"


class ReportState(models.TextChoices):
    RECEIVED = "received", _("待受理")
    ACCEPTED = "accepted", _("已受理")
    DECLINED = "declined", _("不予受理")
    ASSIGNED = "assigned", _("已交办")
    REPLIED = "replied", _("已答复")
    RATED = "rated", _("已评价")
    REOPENED = "reopened", _("复核中")
    CLOSED = "closed", _("已办结")


# States in which someone still has to act before a deadline.
ACCEPT_PENDING_STATES = (ReportState.RECEIVED,)
REPLY_PENDING_STATES = (ReportState.ACCEPTED, ReportState.ASSIGNED, ReportState.REOPENED)
# States a unit sees a report in: once assigned to it.
UNIT_VISIBLE_STATES = (
    ReportState.ASSIGNED,
    ReportState.REPLIED,
    ReportState.RATED,
    ReportState.REOPENED,
    ReportState.CLOSED,
)
FINISHED_STATES = (ReportState.DECLINED, ReportState.CLOSED)


class Rating(models.TextChoices):
    SATISFIED = "satisfied", _("满意")
    BASICALLY = "basically", _("基本满意")
    DISSATISFIED = "dissatisfied", _("不满意")


class Report(TimeStampedModel):
    kind = models.CharField(_("类别"), max_length=20, choices=ReportKind.choices)
    channel = models.CharField(
        _("渠道"), max_length=10, choices=ReportChannel.choices, default=ReportChannel.WEB
    )
    category = models.ForeignKey(
        Category, verbose_name=_("事项分类"), on_delete=models.PROTECT, related_name="reports"
    )
    content = models.TextField(_("反映内容"))
    commission = models.ForeignKey(
        "orgs.Organization",
        verbose_name=_("受理机关"),
        on_delete=models.PROTECT,
        related_name="received_reports",
    )
    organization = models.ForeignKey(
        "orgs.Organization",
        verbose_name=_("涉及地区或单位"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reports_about",
    )
    address = models.CharField(_("具体地点"), max_length=200, blank=True)
    lat = models.DecimalField(_("纬度"), max_digits=9, decimal_places=6, null=True, blank=True)
    long = models.DecimalField(_("经度"), max_digits=9, decimal_places=6, null=True, blank=True)
    project = models.ForeignKey(
        "campaigns.Project",
        verbose_name=_("相关治理项目"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="public_reports",
    )
    intake = models.CharField(
        _("录入方式"), max_length=10, choices=Intake.choices, default=Intake.FORM
    )
    external_number = models.CharField(_("工单编号"), max_length=40, blank=True)
    # Reporter identity: a Fernet token of {"name", "phone", "email"}; empty when anonymous.
    identity_token = models.TextField(blank=True, editable=False)
    receipt_digest = models.CharField(max_length=64, unique=True, editable=False)
    # Double submission: an HMAC of the idempotency key, or of client + content + time bucket.
    dedupe_key = models.CharField(max_length=64, unique=True, null=True, editable=False)
    content_digest = models.CharField(max_length=64, editable=False)
    client_digest = models.CharField(max_length=64, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="filed_reports",
    )
    state = models.CharField(
        _("状态"), max_length=20, choices=ReportState.choices, default=ReportState.RECEIVED
    )
    received_on = models.DateField(_("收到日期"))
    accept_due = models.DateField(_("受理时限"))
    reply_due = models.DateField(_("答复时限"), null=True, blank=True)
    decline_reason = models.TextField(_("不予受理理由"), blank=True)
    assigned_unit = models.ForeignKey(
        "orgs.Organization",
        verbose_name=_("承办单位"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assigned_reports",
    )
    assigned_on = models.DateField(_("交办日期"), null=True, blank=True)
    rating = models.CharField(_("评价"), max_length=20, choices=Rating.choices, blank=True)
    rating_comment = models.TextField(_("评价意见"), blank=True)
    rated_at = models.DateTimeField(_("评价时间"), null=True, blank=True)
    reopen_count = models.PositiveSmallIntegerField(_("复核次数"), default=0)
    closed_at = models.DateTimeField(_("办结时间"), null=True, blank=True)
    problem = models.ForeignKey(
        "supervision.Problem",
        verbose_name=_("转为问题"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reports",
    )
    linked = models.ManyToManyField("self", verbose_name=_("关联举报"), blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("投诉举报")
        verbose_name_plural = _("投诉举报")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(
                fields=["commission", "state", "created_at"], name="report_comm_state_idx"
            ),
            models.Index(fields=["assigned_unit", "state"], name="report_unit_state_idx"),
            models.Index(fields=["content_digest", "client_digest"], name="report_dedupe_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(state="declined") | ~Q(decline_reason=""),
                name="report_declined_has_reason",
            ),
        ]

    def __str__(self) -> str:
        # Never the identity; the content only as far as a title needs.
        return f"{self.reference} {self.category.name}"

    @property
    def reference(self) -> str:
        """A public reference number (not the receipt): JB/SQ + year + id."""
        prefix = "JB" if self.kind == ReportKind.DISCIPLINE else "SQ"
        year = self.received_on.year if self.received_on else ""
        return f"{prefix}{year}-{self.pk or 0:06d}"

    @property
    def has_identity(self) -> bool:
        return bool(self.identity_token)

    @property
    def awaiting_reply(self) -> bool:
        return self.state in REPLY_PENDING_STATES

    @property
    def current_due(self) -> date | None:
        """The deadline now running: acceptance, then reply; none once answered."""
        if self.state in ACCEPT_PENDING_STATES:
            return self.accept_due
        if self.state in REPLY_PENDING_STATES:
            return self.reply_due
        return None


class ReportAttachment(models.Model):
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("文件"), upload_to="reports/%Y/%m/")
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    kind_label = models.CharField(max_length=10)  # "JPEG", "PNG", "PDF", "DOCX"
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("附件")
        verbose_name_plural = _("附件")
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.report_id} {self.kind_label}"


class ReportReply(models.Model):
    """A reply to the reporter (public: shown with the receipt) or an internal note."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="replies")
    unit = models.ForeignKey(
        "orgs.Organization", verbose_name=_("答复单位"), on_delete=models.PROTECT, related_name="+"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = models.TextField(_("答复内容"))
    public = models.BooleanField(_("向反映人公开"), default=True)
    created_at = models.DateTimeField(_("答复时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("答复")
        verbose_name_plural = _("答复")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"reply {self.pk} to {self.report_id}"
