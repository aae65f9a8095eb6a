"""Writes of the reports app: submit, accept/decline, assign, reply, rate, close, turn into a
problem, link, read the identity, export.

State machine (DESIGN §4): received → accepted | declined; accepted → assigned → replied →
rated → closed; a first 不满意 rating reopens the report for review (reopened → assigned again);
replied or rated → closed by the commission. Deadlines count working days
(`kaimen.core.calendar`): acceptance within `ACCEPT_WORKDAYS` of receipt, the reply within
`REPLY_WORKDAYS` of acceptance (and again of the reopening).
"""

import csv
import hashlib
import io
import logging
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Case, Q, QuerySet, When
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from kaimen.campaigns.models import Project
from kaimen.core.calendar import add_workdays
from kaimen.core.errors import ApplicationError, ConflictError
from kaimen.core.excel import RowError, safe_cell
from kaimen.core.permissions import require
from kaimen.core.transitions import Action, StateMachine
from kaimen.core.uploads import CheckedFile
from kaimen.notifications.services import follow, notify_followers, notify_user
from kaimen.orgs.models import Membership, Organization, OrganizationKind
from kaimen.reports import selectors
from kaimen.reports.identity import Identity, identity_decrypt, identity_encrypt
from kaimen.reports.models import (
    Category,
    Intake,
    Rating,
    Report,
    ReportAttachment,
    ReportChannel,
    ReportKind,
    ReportReply,
    ReportState,
    RoutingRule,
)
from kaimen.reports.receipts import (
    keyed_digest,
    receipt_cache_get,
    receipt_cache_put,
    receipt_new,
)
from kaimen.reports.uploads import check_uploads
from kaimen.supervision.models import Problem, ProblemSource
from kaimen.supervision.services.filing import problem_create
from kaimen.timeline.services import event_record

logger = logging.getLogger(__name__)

ACCEPT_WORKDAYS: dict[str, int] = {ReportKind.DISCIPLINE: 5, ReportKind.SERVICE_REQUEST: 3}
REPLY_WORKDAYS: dict[str, int] = {ReportKind.DISCIPLINE: 15, ReportKind.SERVICE_REQUEST: 13}
DEDUPE_MINUTES = 10
MAX_CONTENT = 5000
MAX_REPLY = 5000

S = ReportState
HANDLE = ("reports.handle_report",)
REPORT_MACHINE = StateMachine(
    {
        "accept": Action((S.RECEIVED,), S.ACCEPTED, HANDLE),
        "decline": Action((S.RECEIVED,), S.DECLINED, HANDLE),
        "assign": Action((S.ACCEPTED, S.ASSIGNED, S.REOPENED), S.ASSIGNED, HANDLE),
        "reply": Action((S.ASSIGNED,), S.REPLIED, ("reports.reply_report",)),
        "rate": Action((S.REPLIED,), S.RATED),  # the reporter's, by receipt: no staff permission
        "close": Action((S.ACCEPTED, S.REPLIED, S.RATED, S.REOPENED), S.CLOSED, HANDLE),
    }
)


def _today(today: date | None) -> date:
    return today or timezone.localdate()


def report_allowed_actions(*, user: Any, report: Report) -> list[str]:
    """Staff actions this user may take on the report in its current state."""
    allowed = REPORT_MACHINE.allowed(user, report)
    if (
        report.problem_id is None
        and report.state not in (S.RECEIVED, S.DECLINED)
        and user.has_perm("reports.handle_report", report)
    ):
        allowed.append("problem")
    return allowed


def _lock(report: Report, action: str, version: int | None) -> Report:
    """Reload under a row lock; refuse a stale version or a state the action does not start in.
    (A row lock rather than a compare-and-set: several writes of one action touch the report.)"""
    locked = (
        Report.objects.select_for_update(of=("self",))
        .select_related("commission", "category", "assigned_unit")
        .get(pk=report.pk)
    )
    if version is not None and locked.version != version:
        raise ConflictError(_("该举报已被他人处理，请刷新后重试。"), code="stale")
    REPORT_MACHINE.check(
        locked,
        action,
        lambda allowed: (
            _("当前状态（%(state)s）不能执行此操作。") % {"state": locked.get_state_display()}
        ),
    )
    return locked


def _save(report: Report, *fields: str) -> None:
    report.version += 1
    report.save(update_fields=[*fields, "version", "updated_at"])


def _event(
    actor: Any,
    report: Report,
    action: str,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    *,
    reason: str = "",
) -> None:
    event_record(
        actor=actor,
        action=f"report.{action}",
        target=report,
        organization=report.commission,
        before=before,
        after=after,
        reason=reason,
    )


def _tell_followers(report: Report, actor: Any, message: str) -> None:
    notify_followers(
        target=report,
        verb="report.updated",
        message=f"{report.reference}：{message}",
        actor=actor,
        url=reverse("reports:track"),
    )


# ---------------------------------------------------------------- submitting


@dataclass(frozen=True)
class Submission:
    report: Report
    # "" for a duplicate whose receipt is not in the short-lived cache (expired, or the repeat
    # did not carry the first submission's idempotency key)
    receipt: str
    duplicate: bool = False


@dataclass(frozen=True)
class ReportInput:
    category: Category
    content: str
    kind: str = ""
    channel: str = ReportChannel.WEB
    organization: Organization | None = None
    project: Project | None = None
    address: str = ""
    lat: Decimal | None = None
    long: Decimal | None = None
    identity: Identity = field(default_factory=Identity)
    external_number: str = ""
    intake: str = Intake.FORM


def _content_digest(data: ReportInput, kind: str) -> str:
    normalized = " ".join(data.content.split())
    return hashlib.sha256(f"{kind}|{data.category.code}|{normalized}".encode()).hexdigest()


def _duplicate(
    dedupe_key: str, content_digest: str, client_digest: str, now: datetime
) -> Report | None:
    """The report this submission repeats, in one query: the same key first, else the same
    content from the same client within the dedupe window."""
    same_key = Q(dedupe_key=dedupe_key)
    return (
        Report.objects.filter(
            same_key
            | Q(
                content_digest=content_digest,
                client_digest=client_digest,
                created_at__gte=now - timedelta(minutes=DEDUPE_MINUTES),
            )
        )
        .order_by(Case(When(same_key, then=0), default=1), "pk")
        .first()
    )


def _validate(actor: Any, data: ReportInput) -> tuple[str, str]:
    kind = data.kind or data.category.kind
    if kind not in ReportKind.values:
        raise ApplicationError(_("请选择反映类别。"), code="invalid", field="kind")
    if data.channel not in ReportChannel.values:
        raise ApplicationError(_("受理渠道不正确。"), code="invalid", field="channel")
    if not data.category.active:
        raise ApplicationError(_("该事项分类已停用。"), code="invalid", field="category")
    content = data.content.strip()
    if not content:
        raise ApplicationError(_("请填写反映内容。"), code="required", field="content")
    if len(content) > MAX_CONTENT:
        raise ApplicationError(
            _("反映内容不能超过 %(n)d 字。") % {"n": MAX_CONTENT}, code="invalid", field="content"
        )
    if data.project is not None and not selectors.project_visible_to(
        user=actor, project=data.project
    ):
        raise ApplicationError(_("找不到该治理项目。"), code="invalid", field="project")
    if data.organization is not None and data.organization.kind not in selectors.PLACE_KINDS:
        raise ApplicationError(_("请选择地区或单位。"), code="invalid", field="organization")
    phone = data.identity.phone.strip()
    if phone and not phone.replace("-", "").replace(" ", "").lstrip("+").isdigit():
        raise ApplicationError(_("联系电话格式不正确。"), code="invalid", field="phone")
    return kind, content


def _store_attachments(report: Report, files: list[CheckedFile]) -> None:
    for checked in files:
        attachment = ReportAttachment(
            report=report,
            content_type=checked.content_type,
            size=len(checked.content),
            kind_label=checked.kind_label,
        )
        attachment.file.save(checked.name, ContentFile(checked.content), save=False)
        attachment.save()


@transaction.atomic
def report_submit(
    *,
    actor: Any,
    data: ReportInput,
    attachments: list[UploadedFile[Any]] | None = None,
    client: str = "",
    idempotency_key: str = "",
    commission: Organization | None = None,
    now: datetime | None = None,
) -> Submission:
    """File a report (anyone may, anonymously). Returns the report and its receipt, shown once.

    A second submission with the same idempotency key, or the same content from the same client
    within `DEDUPE_MINUTES`, returns the first report instead of filing another.
    """
    now = now or timezone.now()
    kind, content = _validate(actor, data)
    commission = (
        commission or selectors.commission_for(data.organization) or selectors.default_commission()
    )
    if commission is None or commission.kind != OrganizationKind.COMMISSION:
        raise ApplicationError(_("没有可以受理的纪委监委。"), code="invalid", field="organization")
    if data.channel != ReportChannel.WEB:
        # Hotline calls, letters, visits and 12345 work orders are entered by commission staff.
        require(actor, "reports.enter_report", commission)
    content_digest = _content_digest(data, kind)
    client_digest = keyed_digest(client, "client")
    if idempotency_key:
        dedupe_key = keyed_digest(idempotency_key, "idempotency")
    else:
        bucket = int(now.timestamp() // (DEDUPE_MINUTES * 60))
        dedupe_key = keyed_digest(f"{client_digest}:{content_digest}:{bucket}", "content")
    existing = _duplicate(dedupe_key, content_digest, client_digest, now)
    if existing is not None:
        return Submission(existing, receipt_cache_get(idempotency_key), duplicate=True)
    files = check_uploads(attachments or [])
    receipt = receipt_new()
    today = timezone.localdate(now)
    report = Report(
        kind=kind,
        channel=data.channel,
        category=data.category,
        content=content,
        commission=commission,
        organization=data.organization,
        address=data.address.strip()[:200],
        lat=data.lat,
        long=data.long,
        project=data.project,
        external_number=data.external_number.strip()[:40],
        intake=data.intake if data.channel == ReportChannel.WEB else Intake.STAFF,
        identity_token=identity_encrypt(data.identity),
        receipt_digest=keyed_digest(receipt),
        dedupe_key=dedupe_key,
        content_digest=content_digest,
        client_digest=client_digest,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
        received_on=today,
        accept_due=add_workdays(today, ACCEPT_WORKDAYS[kind]),
    )
    try:
        with transaction.atomic():
            report.save()
    except IntegrityError:  # the same submission, committed a moment ago by a parallel request
        existing = Report.objects.get(dedupe_key=dedupe_key)
        return Submission(existing, receipt_cache_get(idempotency_key), duplicate=True)
    _store_attachments(report, files)
    _event(
        actor,
        report,
        "received",
        after={
            "kind": kind,
            "channel": data.channel,
            "category": data.category.code,
            "organization": data.organization.pk if data.organization else None,
            "project": data.project.pk if data.project else None,
            "anonymous": not data.identity,
            "attachments": len(files),
            "accept_due": report.accept_due,
        },
    )
    if getattr(actor, "is_authenticated", False):
        transaction.on_commit(lambda: follow(user=actor, target=report))
    # A double-clicked form shows the second response, which must carry the same receipt: kept
    # for the dedupe window, encrypted under the idempotency key only the reporter holds.
    transaction.on_commit(lambda: receipt_cache_put(idempotency_key, receipt, DEDUPE_MINUTES * 60))
    logger.info("report %s received (%s, %s)", report.pk, kind, data.channel)
    return Submission(report, receipt)


# ---------------------------------------------------------------- handling


@transaction.atomic
def report_accept(
    *, actor: Any, report: Report, version: int | None = None, today: date | None = None
) -> Report:
    require(actor, "reports.handle_report", report)
    report = _lock(report, "accept", version)
    today = _today(today)
    report.state = S.ACCEPTED
    report.reply_due = add_workdays(today, REPLY_WORKDAYS[report.kind])
    _save(report, "state", "reply_due")
    _event(
        actor,
        report,
        "accepted",
        {"state": S.RECEIVED},
        {"state": S.ACCEPTED, "reply_due": report.reply_due},
    )
    _tell_followers(report, actor, _("已受理。"))
    return report


@transaction.atomic
def report_decline(
    *, actor: Any, report: Report, reason: str, version: int | None = None
) -> Report:
    require(actor, "reports.handle_report", report)
    reason = reason.strip()
    if not reason:
        raise ApplicationError(_("请填写不予受理的理由。"), code="required", field="reason")
    report = _lock(report, "decline", version)
    report.state = S.DECLINED
    report.decline_reason = reason
    _save(report, "state", "decline_reason")
    _event(actor, report, "declined", {"state": S.RECEIVED}, {"state": S.DECLINED}, reason=reason)
    _tell_followers(report, actor, _("不予受理：%(reason)s") % {"reason": reason})
    return report


@transaction.atomic
def report_assign(
    *,
    actor: Any,
    report: Report,
    unit: Organization,
    version: int | None = None,
    today: date | None = None,
) -> Report:
    require(actor, "reports.handle_report", report)
    report = _lock(report, "assign", version)
    if not selectors.unit_choices_for_report(report=report).filter(pk=unit.pk).exists():
        raise ApplicationError(_("承办单位应为本辖区内的单位。"), code="invalid", field="unit")
    today = _today(today)
    before = {"state": report.state, "assigned_unit": report.assigned_unit_id}
    if report.state == S.REOPENED or report.reply_due is None:
        report.reply_due = add_workdays(today, REPLY_WORKDAYS[report.kind])
    report.state = S.ASSIGNED
    report.assigned_unit = unit
    report.assigned_on = today
    _save(report, "state", "assigned_unit", "assigned_on", "reply_due")
    _event(
        actor,
        report,
        "assigned",
        before,
        {"state": S.ASSIGNED, "assigned_unit": unit.pk, "reply_due": report.reply_due},
    )
    for membership in Membership.objects.filter(organization=unit).select_related("user"):
        notify_user(
            user=membership.user,
            verb="report.assigned",
            message=_("新交办：%(ref)s（%(category)s），请于%(due)s前答复。")
            % {
                "ref": report.reference,
                "category": report.category.name,
                "due": f"{report.reply_due:%Y年%m月%d日}".replace("年0", "年").replace("月0", "月"),
            },
            target=report,
            url=reverse("reports_staff:detail", args=[report.pk]),
            key=f"report-assigned:{report.pk}:{report.version}",
        )
    _tell_followers(report, actor, _("已交办承办单位。"))
    return report


@transaction.atomic
def report_reply(
    *, actor: Any, report: Report, body: str, public: bool = True, version: int | None = None
) -> ReportReply:
    require(actor, "reports.reply_report", report)
    body = body.strip()
    if not body:
        raise ApplicationError(_("请填写答复内容。"), code="required", field="body")
    if len(body) > MAX_REPLY:
        raise ApplicationError(
            _("答复内容不能超过 %(n)d 字。") % {"n": MAX_REPLY}, code="invalid", field="body"
        )
    report = _lock(report, "reply", version)
    unit = report.assigned_unit
    if unit is None:  # pragma: no cover  (an assigned report always has its unit)
        raise ConflictError(_("该举报尚未交办。"), code="invalid_transition")
    reply = ReportReply.objects.create(
        report=report, unit=unit, author=actor, body=body, public=public
    )
    report.state = S.REPLIED
    _save(report, "state")
    _event(actor, report, "replied", {"state": S.ASSIGNED}, {"state": S.REPLIED, "reply": reply.pk})
    _tell_followers(report, actor, _("承办单位已答复，请凭查询码查看并评价。"))
    return reply


@transaction.atomic
def report_rate(*, report: Report, rating: str, comment: str = "", actor: Any = None) -> Report:
    """The reporter (holding the receipt) rates the reply; a first 不满意 reopens the report."""
    if rating not in Rating.values:
        raise ApplicationError(_("请选择评价。"), code="required", field="rating")
    report = _lock(report, "rate", None)
    report.state = S.RATED
    report.rating = rating
    report.rating_comment = comment.strip()[:1000]
    report.rated_at = timezone.now()
    _save(report, "state", "rating", "rating_comment", "rated_at")
    _event(actor, report, "rated", {"state": S.REPLIED}, {"state": S.RATED, "rating": rating})
    if rating == Rating.DISSATISFIED and report.reopen_count == 0:
        report.state = S.REOPENED
        report.reopen_count = 1
        _save(report, "state", "reopen_count")
        _event(
            actor,
            report,
            "reopened",
            {"state": S.RATED},
            {"state": S.REOPENED},
            reason=_("反映人对答复不满意，退回复核。"),
        )
    return report


@transaction.atomic
def report_close(
    *, actor: Any, report: Report, reason: str = "", version: int | None = None
) -> Report:
    require(actor, "reports.handle_report", report)
    report = _lock(report, "close", version)
    before = report.state
    report.state = S.CLOSED
    report.closed_at = timezone.now()
    _save(report, "state", "closed_at")
    _event(actor, report, "closed", {"state": before}, {"state": S.CLOSED}, reason=reason.strip())
    _tell_followers(report, actor, _("已办结。"))
    return report


@transaction.atomic
def report_problem_create(
    *,
    actor: Any,
    report: Report,
    responsible_unit: Organization,
    deadline: date,
    description: str = "",
    today: date | None = None,
) -> Problem:
    """The report reveals a problem: file it in supervision, linked both ways."""
    require(actor, "reports.handle_report", report)
    report = (
        Report.objects.select_for_update(of=("self",))
        .select_related("commission")
        .get(pk=report.pk)
    )
    if report.problem_id is not None:
        raise ConflictError(_("该举报已转为问题。"), code="already_linked")
    if report.state in (S.RECEIVED, S.DECLINED):
        raise ConflictError(_("请先受理该举报。"), code="invalid_transition")
    source = ProblemSource.REPORT if report.kind == ReportKind.DISCIPLINE else ProblemSource.HOTLINE
    problem = problem_create(
        actor=actor,
        commission=report.commission,
        responsible_unit=responsible_unit,
        description=description.strip() or report.content,
        deadline=deadline,
        source=source,
        project=report.project,
        today=today,
    )
    report.problem = problem
    _save(report, "problem")
    _event(
        actor, report, "problem_created", after={"problem": problem.pk, "number": problem.number}
    )
    event_record(
        actor=actor,
        action="problem.linked_report",
        target=problem,
        organization=report.commission,
        after={"report": report.pk, "reference": report.reference},
    )
    return problem


@transaction.atomic
def report_link(*, actor: Any, report: Report, other: Report) -> None:
    """Link a discipline report and a service request (or two of either) about one matter."""
    require(actor, "reports.handle_report", report)
    require(actor, "reports.handle_report", other)
    if report.pk == other.pk:
        raise ApplicationError(_("不能关联自身。"), code="invalid", field="other")
    report.linked.add(other)
    _event(actor, report, "linked", after={"report": other.pk})
    _event(actor, other, "linked", after={"report": report.pk})


@transaction.atomic
def report_identity_read(*, actor: Any, report: Report) -> Identity:
    """Decrypt the reporter's identity for a commission handler; the read is an Event."""
    require(actor, "reports.read_identity", report)
    identity = identity_decrypt(report.identity_token)
    _event(actor, report, "identity_read", after={"anonymous": not identity})
    return identity


EXPORT_HEADER = [
    "编号",
    "类别",
    "渠道",
    "事项分类",
    "涉及地区或单位",
    "反映内容",
    "状态",
    "收到日期",
    "受理时限",
    "答复时限",
    "承办单位",
    "评价",
]


@transaction.atomic
def report_export_csv(*, actor: Any, commission: Organization, reports: QuerySet[Report]) -> str:
    """A CSV of the reports the caller may see (never identities); the export is an Event."""
    require(actor, "reports.export_report", commission)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(EXPORT_HEADER)
    count = 0
    for report in reports:
        with translation.override("zh-hans"):  # Chinese like its header, whatever the page
            row = [
                report.reference,
                report.get_kind_display(),
                report.get_channel_display(),
                report.category.name,
                report.organization.name if report.organization else "",
                report.content,
                report.get_state_display(),
                report.received_on.isoformat(),
                report.accept_due.isoformat(),
                report.reply_due.isoformat() if report.reply_due else "",
                report.assigned_unit.name if report.assigned_unit else "",
                report.get_rating_display(),
            ]
        writer.writerow([safe_cell(value) for value in row])
        count += 1
    event_record(
        actor=actor,
        action="report.exported",
        target=commission,
        organization=commission,
        after={"rows": count},
    )
    return out.getvalue()


# ---------------------------------------------------------------- routing rules


def _routing_event(actor: Any, rule: RoutingRule, action: str) -> None:
    values = {"category": rule.category.code, "place": rule.place_id, "unit": rule.unit_id}
    event_record(
        actor=actor,
        action=f"routing_rule.{action}",
        target=rule,
        organization=selectors.commission_for(rule.place) or rule.place,
        before=values if action == "deleted" else None,
        after=values if action == "created" else None,
    )


@transaction.atomic
def routing_rule_create(
    *, actor: Any, category: Category, place: Organization, unit: Organization
) -> RoutingRule:
    """Reports of `category` about `place` (or below it) are suggested to go to `unit`."""
    require(actor, "reports.manage_routing", place)
    if place.kind not in selectors.PLACE_KINDS:
        raise ApplicationError(_("请选择地区或单位。"), code="invalid", field="place")
    if unit.kind in (OrganizationKind.REGION, OrganizationKind.COMMISSION) or not (
        actor.has_perm("reports.manage_routing", unit)
    ):
        raise ApplicationError(
            _("责任单位应为本辖区内的单位（不能是地区或纪委监委）。"), code="invalid", field="unit"
        )
    if RoutingRule.objects.filter(category=category, place=place).exists():
        raise ApplicationError(
            _("该地区的这一事项分类已有分办规则，请先删除原规则。"),
            code="duplicate",
            field="place",
        )
    try:
        with transaction.atomic():
            rule = RoutingRule.objects.create(category=category, place=place, unit=unit)
    except IntegrityError as exc:  # created by a colleague a moment ago
        raise ApplicationError(
            _("该地区的这一事项分类已有分办规则，请先删除原规则。"),
            code="duplicate",
            field="place",
        ) from exc
    _routing_event(actor, rule, "created")
    return rule


@transaction.atomic
def routing_rule_delete(*, actor: Any, rule: RoutingRule) -> None:
    require(actor, "reports.manage_routing", rule.place)
    _routing_event(actor, rule, "deleted")
    rule.delete()


# ---------------------------------------------------------------- 12345 work orders


@dataclass
class WorkOrderImport:
    created: list[Report] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


class _AbortImportError(Exception):
    """Roll the whole import back."""


@transaction.atomic
def report_import_workorders(
    *, actor: Any, commission: Organization, content: bytes
) -> WorkOrderImport:
    """File the 12345 work orders of an uploaded workbook, all or none.

    Each row becomes a service request by hotline, entered by staff, with its work-order number
    (a number already imported for this commission is an error); a row naming a project is bound
    to it. The receipts are not shown: the hotline follows its own work orders.
    """
    from kaimen.reports import workorders  # noqa: PLC0415  (openpyxl only when importing)

    require(actor, "reports.enter_report", commission)
    known = set(
        Report.objects.filter(commission=commission)
        .exclude(external_number="")
        .values_list("external_number", flat=True)
    )
    orders, errors = workorders.read(
        actor=actor, commission=commission, content=content, known_numbers=known
    )
    result = WorkOrderImport(errors=list(errors))
    if result.errors:
        return result
    try:
        with transaction.atomic():
            for order in orders:
                try:
                    when = None
                    if order.received_on is not None:
                        when = timezone.make_aware(datetime.combine(order.received_on, time(9)))
                    submission = report_submit(
                        actor=actor,
                        data=ReportInput(
                            kind=ReportKind.SERVICE_REQUEST,
                            channel=ReportChannel.HOTLINE,
                            category=order.category,
                            content=order.content,
                            organization=order.organization,
                            project=order.project,
                            address=order.address,
                            identity=Identity(name=order.name, phone=order.phone),
                            external_number=order.number,
                            intake=Intake.STAFF,
                        ),
                        client=f"12345:{commission.pk}:{order.number}",
                        commission=commission,
                        now=when,
                    )
                except ApplicationError as exc:
                    column = workorders.HEADERS.get(exc.field or "", "")
                    result.errors.append(RowError(order.row, column, exc.message))
                else:
                    result.created.append(submission.report)
            if result.errors:
                raise _AbortImportError
    except _AbortImportError:
        result.created = []
        return result
    event_record(
        actor=actor,
        action="report.imported",
        target=commission,
        organization=commission,
        after={"rows": len(result.created), "channel": ReportChannel.HOTLINE},
    )
    return result
