"""Every write of supervision: permission, validation, one transaction, one Event.

Problem flow: open (挂号) → notified (整改通知书) → rectifying → submitted (evidence) → closed
(销号), with `return` (submitted → rectifying, reason required), progress flags (阶段性成果 /
长期坚持), deadline extensions requested by the unit before the deadline and decided by the
commission, 挂牌督办 (`list`), and the look-back after closing that confirms the result or
reopens the problem (relapse, 反弹回潮).

Every transition takes the `version` the caller read: if anyone changed the problem since, the
conditional UPDATE matches no row and the caller gets ConflictError(code="stale"), so two people
acting at once cannot both win.
"""

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Exists, F, OuterRef, Value
from django.utils import timezone
from django.utils.translation import gettext as _

from kaimen.campaigns.models import Institution, Project
from kaimen.core.errors import ApplicationError, ConflictError
from kaimen.core.permissions import require
from kaimen.orgs.models import Organization, OrganizationKind
from kaimen.supervision.documents import (
    letter_document,
    listing_document,
    notice_document,
    notice_draft,
)
from kaimen.supervision.files import check_uploads
from kaimen.supervision.models import (
    ZERO,
    AccountabilityRecord,
    Attachment,
    Clock,
    DeadlineExtension,
    EscalationStep,
    EvidenceCheck,
    ExtensionState,
    Inspection,
    InspectionKind,
    Letter,
    LetterKind,
    Measure,
    Notice,
    NumberSequence,
    PolicyObject,
    Problem,
    ProblemEvidence,
    ProblemSource,
    ProblemState,
    Progress,
    SequenceKind,
    Severity,
    WarningPolicy,
)
from kaimen.supervision.notify import after_letter, after_transition
from kaimen.supervision.selectors import Colouring, warning_policy_for
from kaimen.supervision.warnings import (
    ALL_COLOURS,
    COLOUR_LABELS,
    COLOUR_SETS,
    deadline_text,
    escalation_step,
    policy_thresholds,
)
from kaimen.timeline.services import event_record

MAX_TEXT = 5000

# ---------------------------------------------------------------- numbers


def number_allocate(*, commission: Organization, year: int, kind: str) -> int:
    """The next number of this kind for the commission and year, safe under concurrency.

    The UPDATE locks the counter row until the surrounding transaction ends, so concurrent
    callers take numbers in turn; the first number of a year creates the row (a concurrent
    creator loses on the unique constraint and retries the UPDATE).
    """
    for _attempt in range(3):
        counter = NumberSequence.objects.filter(commission=commission, year=year, kind=kind)
        if counter.update(last=F("last") + 1):
            return counter.values_list("last", flat=True).get()
        try:
            with transaction.atomic():
                NumberSequence.objects.create(commission=commission, year=year, kind=kind, last=1)
        except IntegrityError:
            continue
        return 1
    raise ConflictError(_("编号分配冲突，请重试。"), code="number_conflict")


def _problem_number(commission: Organization, year: int) -> str:
    n = number_allocate(commission=commission, year=year, kind=SequenceKind.PROBLEM)
    return f"{year}-{n:04d}"


def _document_number(commission: Organization, year: int, kind: str, word: str) -> str:
    n = number_allocate(commission=commission, year=year, kind=kind)
    return f"{commission.short_name or commission.name}{word}〔{year}〕{n}号"


# ---------------------------------------------------------------- validation helpers


def _today(today: date | None) -> date:
    return today or timezone.localdate()


def _require_commission(commission: Organization) -> None:
    if commission.kind != OrganizationKind.COMMISSION:
        raise ApplicationError(_("请选择纪委监委。"), code="invalid", field="commission")


def _in_jurisdiction(commission: Organization, org: Organization) -> bool:
    return org.path.startswith(commission.jurisdiction_path)


def _check_unit(commission: Organization, unit: Organization, field: str) -> None:
    if unit.kind == OrganizationKind.REGION or not _in_jurisdiction(commission, unit):
        raise ApplicationError(
            _("%(unit)s 不在 %(commission)s 的监督范围内。")
            % {"unit": unit.name, "commission": commission.name},
            code="out_of_scope",
            field=field,
        )


def _check_project(commission: Organization, project: Project, field: str = "project") -> None:
    if not _in_jurisdiction(commission, project.campaign.issuer):
        raise ApplicationError(
            _("治理项目“%s”不在监督范围内。") % project.title, code="out_of_scope", field=field
        )


def _text(value: str, field: str, message: str) -> str:
    value = value.strip()
    if not value:
        raise ApplicationError(message, code="required", field=field)
    if len(value) > MAX_TEXT:
        raise ApplicationError(
            _("内容过长（不超过 %d 字）。") % MAX_TEXT, code="too_long", field=field
        )
    return value


def _amount(value: Decimal, field: str) -> Decimal:
    if value < 0:
        raise ApplicationError(_("金额不能为负数。"), code="invalid", field=field)
    return value.quantize(Decimal("0.01"))


def _attach(
    actor: Any, uploads: Sequence[UploadedFile[Any]], field: str = "attachments", **owner: Any
) -> list[Attachment]:
    """Check the uploads by content and size, store them, attach them to `owner`."""
    attached = []
    for checked in check_uploads(list(uploads), field=field):
        attachment = Attachment(
            name=checked.name,
            content_type=checked.content_type,
            size=len(checked.content),
            uploaded_by=actor if getattr(actor, "is_authenticated", False) else None,
            uploaded_at=timezone.now(),
            **owner,
        )
        attachment.file.save(checked.name, ContentFile(checked.content), save=False)
        attachment.save()
        attached.append(attachment)
    return attached


# ---------------------------------------------------------------- problems: filing


@dataclass(frozen=True)
class ProblemData:
    """One problem to file (from an inspection, an import row or the API)."""

    responsible_unit: Organization
    description: str
    deadline: date
    source: str = ProblemSource.INSPECTION
    severity: str = Severity.GENERAL
    project: Project | None = None
    amount_refunded: Decimal = ZERO
    amount_recovered: Decimal = ZERO


def _problem_file(
    *,
    actor: Any,
    commission: Organization,
    data: ProblemData,
    inspection: Inspection | None,
    today: date,
    field_prefix: str = "",
) -> Problem:
    """Validate and save one problem with its number (permission already checked)."""
    if data.source not in ProblemSource.values:
        raise ApplicationError(_("问题来源不正确。"), code="invalid", field=f"{field_prefix}source")
    if data.severity not in Severity.values:
        raise ApplicationError(
            _("严重程度不正确。"), code="invalid", field=f"{field_prefix}severity"
        )
    _check_unit(commission, data.responsible_unit, f"{field_prefix}responsible_unit")
    if data.project is not None:
        _check_project(commission, data.project, f"{field_prefix}project")
    description = _text(data.description, f"{field_prefix}description", _("请填写问题描述。"))
    problem = Problem(
        commission=commission,
        number=_problem_number(commission, today.year),
        source=data.source,
        inspection=inspection,
        project=data.project,
        responsible_unit=data.responsible_unit,
        description=description,
        severity=data.severity,
        assigned_on=today,
        original_deadline=data.deadline,
        deadline=data.deadline,
        amount_refunded=_amount(data.amount_refunded, f"{field_prefix}amount_refunded"),
        amount_recovered=_amount(data.amount_recovered, f"{field_prefix}amount_recovered"),
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    problem.save()
    event_record(
        actor=actor,
        action="problem.created",
        target=problem,
        organization=commission,
        after={
            "number": problem.number,
            "source": problem.source,
            "responsible_unit": data.responsible_unit.pk,
            "deadline": problem.deadline,
            "inspection": inspection.pk if inspection else None,
        },
    )
    return problem


@transaction.atomic
def problem_create(
    *,
    actor: Any,
    commission: Organization,
    responsible_unit: Organization,
    description: str,
    deadline: date,
    source: str,
    severity: str = Severity.GENERAL,
    project: Project | None = None,
    inspection: Inspection | None = None,
    amount_refunded: Decimal = ZERO,
    amount_recovered: Decimal = ZERO,
    today: date | None = None,
) -> Problem:
    """File (挂号) a problem. The deadline may lie in the past when it is recorded late."""
    _require_commission(commission)
    require(actor, "supervision.add_problem", commission)
    if inspection is not None and inspection.commission_id != commission.pk:
        raise ApplicationError(_("督导检查不属于该纪委监委。"), code="invalid", field="inspection")
    data = ProblemData(
        responsible_unit=responsible_unit,
        description=description,
        deadline=deadline,
        source=source,
        severity=severity,
        project=project,
        amount_refunded=amount_refunded,
        amount_recovered=amount_recovered,
    )
    return _problem_file(
        actor=actor, commission=commission, data=data, inspection=inspection, today=_today(today)
    )


@transaction.atomic
def inspection_create(
    *,
    actor: Any,
    commission: Organization,
    date: date,
    kind: str,
    members: str = "",
    notes: str = "",
    inspected_units: Sequence[Organization] = (),
    projects: Sequence[Project] = (),
    problems: Sequence[ProblemData] = (),
    files: Sequence[UploadedFile[Any]] = (),
    today: date | None = None,
) -> Inspection:
    """Log an inspection and file the problems found, all or nothing."""
    _require_commission(commission)
    require(actor, "supervision.add_inspection", commission)
    today = _today(today)
    if kind not in InspectionKind.values:
        raise ApplicationError(_("检查方式不正确。"), code="invalid", field="kind")
    if date > today:
        raise ApplicationError(_("检查日期不能晚于今天。"), code="future", field="date")
    for unit in inspected_units:
        _check_unit(commission, unit, "inspected_units")
    for project in projects:
        _check_project(commission, project, "projects")
    inspection = Inspection.objects.create(
        commission=commission,
        date=date,
        kind=kind,
        members=members.strip(),
        notes=notes.strip(),
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    units = {unit.pk: unit for unit in inspected_units}
    units.update({p.responsible_unit.pk: p.responsible_unit for p in problems})
    inspection.inspected_units.set(list(units.values()))
    linked = {project.pk: project for project in projects}
    linked.update({p.project.pk: p.project for p in problems if p.project is not None})
    inspection.projects.set(list(linked.values()))
    event_record(
        actor=actor,
        action="inspection.created",
        target=inspection,
        organization=commission,
        after={
            "date": date,
            "kind": kind,
            "inspected_units": sorted(units),
            "projects": sorted(linked),
            "problems": len(problems),
        },
    )
    _attach(actor, files, inspection=inspection)
    for index, data in enumerate(problems):
        _problem_file(
            actor=actor,
            commission=commission,
            data=data,
            inspection=inspection,
            today=today,
            field_prefix=f"problems-{index}-",
        )
    return inspection


# ---------------------------------------------------------------- problems: the state machine


MANAGE = ("supervision.manage_problem",)
RECTIFY = ("supervision.rectify_problem",)
NOT_CLOSED = (
    ProblemState.OPEN,
    ProblemState.NOTIFIED,
    ProblemState.RECTIFYING,
    ProblemState.SUBMITTED,
)


@dataclass(frozen=True)
class Action:
    sources: tuple[str, ...]
    permissions: tuple[str, ...]  # any one of them suffices
    condition: Callable[[Problem, date], bool] | None = None


def _has_pending_extension(problem: Problem, today: date) -> bool:
    return problem.extensions.filter(state=ExtensionState.REQUESTED).exists()


def _may_request_extension(problem: Problem, today: date) -> bool:
    return today <= problem.deadline and not _has_pending_extension(problem, today)


ACTIONS: dict[str, Action] = {
    "notify": Action((ProblemState.OPEN,), MANAGE),
    "start_rectifying": Action((ProblemState.NOTIFIED,), RECTIFY + MANAGE),
    "submit_evidence": Action((ProblemState.RECTIFYING,), RECTIFY),
    "return": Action((ProblemState.SUBMITTED,), MANAGE),
    "close": Action((ProblemState.SUBMITTED,), MANAGE),
    "mark_basically_done": Action((ProblemState.RECTIFYING, ProblemState.SUBMITTED), MANAGE),
    "mark_long_term": Action(
        (ProblemState.NOTIFIED, ProblemState.RECTIFYING, ProblemState.SUBMITTED), MANAGE
    ),
    "request_extension": Action(
        (ProblemState.NOTIFIED, ProblemState.RECTIFYING), RECTIFY, _may_request_extension
    ),
    "approve_extension": Action(NOT_CLOSED, MANAGE, _has_pending_extension),
    "refuse_extension": Action(NOT_CLOSED, MANAGE, _has_pending_extension),
    "list": Action(NOT_CLOSED, ("supervision.list_problem",), lambda p, _d: not p.listed),
    "reopen": Action((ProblemState.CLOSED,), MANAGE),
    "confirm_lookback": Action(
        (ProblemState.CLOSED,), MANAGE, lambda p, _d: p.lookback_done_on is None
    ),
}


def problem_available_actions(*, problem: Problem, today: date | None = None) -> list[str]:
    """The actions the problem's state allows now, whoever asks."""
    today = _today(today)
    return [
        name
        for name, action in ACTIONS.items()
        if problem.state in action.sources
        and (action.condition is None or action.condition(problem, today))
    ]


def problem_allowed_actions(*, user: Any, problem: Problem, today: date | None = None) -> list[str]:
    """The actions this user may take on the problem now (for buttons and the API)."""
    return [
        name
        for name in problem_available_actions(problem=problem, today=today)
        if any(user.has_perm(perm, problem) for perm in ACTIONS[name].permissions)
    ]


def _check(actor: Any, problem: Problem, name: str, version: int, today: date) -> None:
    """Permission (403), then the version read (409 stale), then the state (409 invalid)."""
    action = ACTIONS[name]
    for perm in action.permissions[:-1]:
        if actor.has_perm(perm, problem):
            break
    else:
        require(actor, action.permissions[-1], problem)
    if version != problem.version:
        raise ConflictError(
            _("该问题已被他人处理，请刷新后重试。"),
            code="stale",
            allowed=problem_available_actions(problem=problem, today=today),
        )
    available = problem_available_actions(problem=problem, today=today)
    if name not in available:
        raise ConflictError(
            _("问题当前状态为“%(state)s”，不能执行此操作。可执行的操作：%(allowed)s")
            % {
                "state": problem.get_state_display(),
                "allowed": "、".join(available) or _("无"),
            },
            code="invalid_transition",
            allowed=available,
        )


def _advance(problem: Problem, version: int, **changes: Any) -> None:
    """Optimistic lock: write only if nobody changed the problem since `version` was read."""
    updated = Problem.objects.filter(pk=problem.pk, version=version, state=problem.state).update(
        **changes, version=F("version") + 1, updated_at=timezone.now()
    )
    if not updated:
        raise ConflictError(_("该问题已被他人处理，请刷新后重试。"), code="stale")
    for name, value in changes.items():
        setattr(problem, name, value)
    problem.version = version + 1


def _record(
    actor: Any,
    problem: Problem,
    name: str,
    *,
    before: dict[str, Any],
    after: dict[str, Any],
    reason: str = "",
) -> None:
    event_record(
        actor=actor,
        action=f"problem.{name}",
        target=problem,
        organization=problem.commission,
        before=before,
        after=after,
        reason=reason,
    )


def _move(
    actor: Any,
    problem: Problem,
    name: str,
    version: int,
    *,
    reason: str = "",
    extra_after: dict[str, Any] | None = None,
    **changes: Any,
) -> Problem:
    before = {key: getattr(problem, key) for key in changes}
    _advance(problem, version, **changes)
    after = {key: getattr(problem, key) for key in changes} | (extra_after or {})
    _record(actor, problem, name, before=before, after=after, reason=reason)
    after_transition(problem, name, actor)
    return problem


@transaction.atomic
def problem_notify(
    *, actor: Any, problem: Problem, version: int, today: date | None = None
) -> Notice:
    """Issue the rectification notice (整改通知书) for one problem, with the drafted text."""
    return notice_issue(
        actor=actor,
        problems=[problem],
        versions={problem.pk: version},
        body=notice_draft([problem], problem.deadline),
        today=today,
    )


def notice_problems_check(problems: Sequence[Problem]) -> list[Problem]:
    """One unit, one commission, and (when any came from one) one inspection: a notice is
    addressed to a unit and says how its problems were found."""
    if not problems:
        raise ApplicationError(_("请至少选择一个问题。"), code="required", field="problems")
    first = problems[0]
    if any(p.responsible_unit_id != first.responsible_unit_id for p in problems):
        raise ApplicationError(
            _("一份整改通知书只能发给一个责任单位，所选问题属于不同单位。"),
            code="invalid",
            field="problems",
        )
    if any(p.commission_id != first.commission_id for p in problems):
        raise ApplicationError(
            _("所选问题由不同的纪委监委督办，不能合并为一份整改通知书。"),
            code="invalid",
            field="problems",
        )
    if len({p.inspection_id for p in problems}) > 1:
        raise ApplicationError(
            _("所选问题来自不同的督导检查，请按检查分别下发整改通知书。"),
            code="invalid",
            field="problems",
        )
    return sorted(problems, key=lambda p: (p.number, p.pk))


@transaction.atomic
def notice_issue(
    *,
    actor: Any,
    problems: Sequence[Problem],
    versions: Mapping[int, int],
    body: str,
    today: date | None = None,
) -> Notice:
    """One 整改通知书 for several problems of one unit (as found by one inspection): every
    problem is checked (permission, version, state) and moved to "notified" under one number,
    or none is — the error names each problem that cannot be notified. The text is the one
    the supervisor previewed and edited; the Word document made from it is kept."""
    today = _today(today)
    problems = notice_problems_check(problems)
    body = _text(body, "body", _("请填写整改通知书正文。"))
    refused = []
    for problem in problems:
        try:
            _check(actor, problem, "notify", versions.get(problem.pk, -1), today)
        except ConflictError as error:
            if len(problems) == 1:
                raise
            refused.append(f"{problem.number}：{error.message}")
    if refused:
        raise ConflictError(
            _("以下问题不能下发整改通知书，均未下发：%(rows)s") % {"rows": "；".join(refused)},
            code="stale",
        )
    first = problems[0]
    number = _document_number(first.commission, today.year, SequenceKind.NOTICE, _("整改通知"))
    for problem in problems:
        _move(
            actor,
            problem,
            "notify",
            versions[problem.pk],
            extra_after={"notice": number},
            state="notified",
        )
    notice = Notice.objects.create(
        commission=first.commission,
        problem=first,
        inspection=first.inspection,
        number=number,
        deadline=min(p.deadline for p in problems),
        body=body,
        issued_at=timezone.now(),
        issued_by=actor,
    )
    notice.problems.set(problems)
    notice.document.save(
        f"notice-{first.commission_id}-{today.year}-{notice.pk}.docx",
        ContentFile(notice_document(notice)),
        save=True,
    )
    return notice


@transaction.atomic
def problem_start_rectifying(
    *, actor: Any, problem: Problem, version: int, today: date | None = None
) -> Problem:
    """The unit signs for the notice and starts rectifying (签收)."""
    _check(actor, problem, "start_rectifying", version, _today(today))
    return _move(actor, problem, "start_rectifying", version, state=ProblemState.RECTIFYING)


def _checklist(value: dict[str, Any] | None) -> dict[str, bool]:
    value = value or {}
    unknown = sorted(set(value) - set(EvidenceCheck.values))
    if unknown:
        raise ApplicationError(
            _("“六见”项目不正确：%s") % "、".join(unknown), code="invalid", field="checklist"
        )
    return {check: bool(value.get(check, False)) for check in EvidenceCheck.values}


@transaction.atomic
def problem_submit_evidence(
    *,
    actor: Any,
    problem: Problem,
    version: int,
    text: str,
    checklist: dict[str, Any] | None = None,
    files: Sequence[UploadedFile[Any]] = (),
    today: date | None = None,
) -> ProblemEvidence:
    """The unit submits what it did (text, the "六见" checklist, files) for review and closing."""
    _check(actor, problem, "submit_evidence", version, _today(today))
    text = _text(text, "text", _("请填写整改情况。"))
    checks = _checklist(checklist)
    _move(
        actor,
        problem,
        "submit_evidence",
        version,
        extra_after={"checklist": checks},
        state=ProblemState.SUBMITTED,
    )
    evidence = ProblemEvidence.objects.create(
        problem=problem,
        text=text,
        checklist=checks,
        submitted_by=actor,
        submitted_at=timezone.now(),
    )
    _attach(actor, files, evidence=evidence)
    return evidence


@transaction.atomic
def problem_return(
    *, actor: Any, problem: Problem, version: int, reason: str, today: date | None = None
) -> Problem:
    """Evidence not sufficient: back to the unit, with the reason."""
    _check(actor, problem, "return", version, _today(today))
    reason = _text(reason, "reason", _("请说明退回理由。"))
    return _move(actor, problem, "return", version, reason=reason, state=ProblemState.RECTIFYING)


@transaction.atomic
def problem_close(
    *, actor: Any, problem: Problem, version: int, reason: str = "", today: date | None = None
) -> Problem:
    """销号 after review; schedules the look-back (回头看) by the commission's policy."""
    today = _today(today)
    _check(actor, problem, "close", version, today)
    policy = warning_policy_for(commission=problem.commission)
    return _move(
        actor,
        problem,
        "close",
        version,
        reason=reason.strip(),
        state=ProblemState.CLOSED,
        closed_at=timezone.now(),
        lookback_due=today + timedelta(days=policy.lookback_days),
        lookback_done_on=None,
    )


@transaction.atomic
def problem_mark_progress(
    *,
    actor: Any,
    problem: Problem,
    version: int,
    progress: str,
    reason: str = "",
    today: date | None = None,
) -> Problem:
    """Review verdict short of closing: 阶段性成果，持续整改 (basically done) or 长期坚持.

    A submitted problem goes back to rectifying: the unit carries on.
    """
    names = {Progress.BASICALLY_DONE: "mark_basically_done", Progress.LONG_TERM: "mark_long_term"}
    if progress not in names:
        raise ApplicationError(_("整改进度不正确。"), code="invalid", field="progress")
    name = names[Progress(progress)]
    _check(actor, problem, name, version, _today(today))
    return _move(
        actor,
        problem,
        name,
        version,
        reason=reason.strip(),
        state=ProblemState.RECTIFYING,
        progress=progress,
    )


@transaction.atomic
def problem_request_extension(
    *,
    actor: Any,
    problem: Problem,
    version: int,
    deadline: date | None,
    reason: str,
    today: date | None = None,
) -> DeadlineExtension:
    """The unit asks, before the deadline, to rectify by a later date."""
    today = _today(today)
    if today > problem.deadline and problem.state in ACTIONS["request_extension"].sources:
        require(actor, "supervision.rectify_problem", problem)
        raise ApplicationError(
            _("整改时限已过，不能再申请延期。"), code="past_deadline", field="deadline"
        )
    _check(actor, problem, "request_extension", version, today)
    reason = _text(reason, "reason", _("请说明延期理由。"))
    if deadline is None or deadline <= problem.deadline:
        raise ApplicationError(
            _("申请延期的日期应晚于现有整改时限。"), code="invalid", field="deadline"
        )
    _move(
        actor,
        problem,
        "request_extension",
        version,
        reason=reason,
        extra_after={"requested_deadline": deadline},
    )
    return DeadlineExtension.objects.create(
        problem=problem,
        previous_deadline=problem.deadline,
        requested_deadline=deadline,
        reason=reason,
        requested_by=actor,
        requested_at=timezone.now(),
    )


@transaction.atomic
def problem_decide_extension(
    *,
    actor: Any,
    problem: Problem,
    version: int,
    approve: bool,
    reason: str = "",
    today: date | None = None,
) -> DeadlineExtension:
    """Approve (the deadline moves) or refuse (reason required) the pending request."""
    name = "approve_extension" if approve else "refuse_extension"
    _check(actor, problem, name, version, _today(today))
    if not approve:
        reason = _text(reason, "reason", _("请说明不同意延期的理由。"))
    extension = problem.extensions.select_for_update().get(state=ExtensionState.REQUESTED)
    changes: dict[str, Any] = {"deadline": extension.requested_deadline} if approve else {}
    _move(
        actor,
        problem,
        name,
        version,
        reason=reason.strip(),
        extra_after={"extension": extension.pk},
        **changes,
    )
    extension.state = ExtensionState.APPROVED if approve else ExtensionState.REFUSED
    extension.decided_by = actor
    extension.decided_at = timezone.now()
    extension.decision_reason = reason.strip()
    extension.save(update_fields=["state", "decided_by", "decided_at", "decision_reason"])
    return extension


@transaction.atomic
def problem_list(
    *,
    actor: Any,
    problem: Problem,
    version: int,
    deadline: date | None,
    reason: str = "",
    today: date | None = None,
) -> Problem:
    """挂牌督办: a numbered 督办单 with its own deadline, by a commission admin."""
    today = _today(today)
    _check(actor, problem, "list", version, today)
    if deadline is None:
        raise ApplicationError(_("请填写督办时限。"), code="required", field="deadline")
    number = _document_number(problem.commission, today.year, SequenceKind.LISTING, _("督办"))
    _move(
        actor,
        problem,
        "list",
        version,
        reason=reason.strip(),
        listed=True,
        listed_by=actor,
        listed_at=timezone.now(),
        listed_number=number,
        listed_deadline=deadline,
    )
    letter = Letter.objects.create(
        commission=problem.commission,
        problem=problem,
        kind=LetterKind.LISTING,
        colour="",
        deadline=deadline,
        number=number,
        sent_on=today,
        sent_at=timezone.now(),
    )
    letter.document.save(
        f"listing-{problem.commission_id}-{today.year}-{letter.pk}.docx",
        ContentFile(listing_document(problem, today)),
        save=True,
    )
    return problem


@transaction.atomic
def problem_reopen(
    *,
    actor: Any,
    problem: Problem,
    version: int,
    reason: str,
    deadline: date | None,
    inspection: Inspection | None = None,
    today: date | None = None,
) -> Problem:
    """A look-back found a relapse (反弹回潮): back to rectifying with a new deadline."""
    today = _today(today)
    _check(actor, problem, "reopen", version, today)
    reason = _text(reason, "reason", _("请说明重新整改的理由。"))
    if deadline is None or deadline < today:
        raise ApplicationError(
            _("请填写新的整改时限（不早于今天）。"), code="invalid", field="deadline"
        )
    return _move(
        actor,
        problem,
        "reopen",
        version,
        reason=reason,
        extra_after={"inspection": inspection.pk if inspection else None},
        state=ProblemState.RECTIFYING,
        deadline=deadline,
        progress=Progress.NONE,
        closed_at=None,
        lookback_due=None,
        lookback_done_on=today,
    )


@transaction.atomic
def problem_confirm_lookback(
    *,
    actor: Any,
    problem: Problem,
    version: int,
    reason: str = "",
    inspection: Inspection | None = None,
    today: date | None = None,
) -> Problem:
    """The look-back found the result holds: the closing stands."""
    today = _today(today)
    _check(actor, problem, "confirm_lookback", version, today)
    return _move(
        actor,
        problem,
        "confirm_lookback",
        version,
        reason=reason.strip(),
        extra_after={"inspection": inspection.pk if inspection else None},
        lookback_done_on=today,
    )


def problem_transition(
    *,
    actor: Any,
    problem: Problem,
    action: str,
    version: int,
    reason: str = "",
    deadline: date | None = None,
    text: str = "",
    checklist: dict[str, Any] | None = None,
    today: date | None = None,
) -> Problem:
    """Dispatch an action by name (the API's transitions endpoint).

    Unknown action → ApplicationError (400); not allowed in the current state → ConflictError
    naming the allowed actions (409); no right → PermissionDenied (403).
    """
    common: dict[str, Any] = {"actor": actor, "problem": problem, "version": version}
    common["today"] = today
    match action:
        case "notify":
            problem_notify(**common)
        case "start_rectifying":
            problem_start_rectifying(**common)
        case "submit_evidence":
            problem_submit_evidence(**common, text=text or reason, checklist=checklist)
        case "return":
            problem_return(**common, reason=reason)
        case "close":
            problem_close(**common, reason=reason)
        case "mark_basically_done":
            problem_mark_progress(**common, progress=Progress.BASICALLY_DONE, reason=reason)
        case "mark_long_term":
            problem_mark_progress(**common, progress=Progress.LONG_TERM, reason=reason)
        case "request_extension":
            problem_request_extension(**common, deadline=deadline, reason=reason)
        case "approve_extension":
            problem_decide_extension(**common, approve=True, reason=reason)
        case "refuse_extension":
            problem_decide_extension(**common, approve=False, reason=reason)
        case "list":
            problem_list(**common, deadline=deadline, reason=reason)
        case "reopen":
            problem_reopen(**common, reason=reason, deadline=deadline)
        case "confirm_lookback":
            problem_confirm_lookback(**common, reason=reason)
        case _:
            raise ApplicationError(
                _("未知的操作：%(action)s。可用的操作：%(known)s")
                % {"action": action, "known": "、".join(ACTIONS)},
                code="unknown_action",
                field="action",
            )
    return problem


# ---------------------------------------------------------------- accountability


@transaction.atomic
def accountability_record_create(
    *,
    actor: Any,
    commission: Organization,
    measure: str,
    decided_on: date,
    cases: int = 0,
    persons: int = 0,
    problem: Problem | None = None,
    project: Project | None = None,
    amount_recovered: Decimal = ZERO,
    amount_refunded: Decimal = ZERO,
    notes: str = "",
    today: date | None = None,
) -> AccountabilityRecord:
    """Record cases and persons handled (commission roles only)."""
    _require_commission(commission)
    require(actor, "supervision.add_accountability", commission)
    if measure not in Measure.values:
        raise ApplicationError(_("处理方式不正确。"), code="invalid", field="measure")
    if decided_on > _today(today):
        raise ApplicationError(_("处理日期不能晚于今天。"), code="future", field="decided_on")
    if cases < 0 or persons < 0 or cases + persons == 0:
        raise ApplicationError(_("请填写问题件数或处理人数。"), code="required", field="persons")
    if problem is not None and not _in_jurisdiction(commission, problem.commission):
        raise ApplicationError(_("问题不在监督范围内。"), code="out_of_scope", field="problem")
    if project is not None:
        _check_project(commission, project)
    record = AccountabilityRecord.objects.create(
        commission=commission,
        problem=problem,
        project=project or (problem.project if problem is not None else None),
        decided_on=decided_on,
        cases=cases,
        persons=persons,
        measure=measure,
        amount_recovered=_amount(amount_recovered, "amount_recovered"),
        amount_refunded=_amount(amount_refunded, "amount_refunded"),
        notes=notes.strip(),
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    event_record(
        actor=actor,
        action="accountability.created",
        target=record,
        organization=commission,
        after={
            "measure": measure,
            "cases": cases,
            "persons": persons,
            "problem": problem.pk if problem else None,
            "project": record.project_id,
        },
    )
    return record


# ---------------------------------------------------------------- look-backs


@transaction.atomic
def problem_lookback(
    *,
    actor: Any,
    problem: Problem,
    version: int,
    holds: bool,
    date: date,
    reason: str = "",
    deadline: date | None = None,
    members: str = "",
    notes: str = "",
    today: date | None = None,
) -> Inspection:
    """The look-back (回头看) of a closed problem: a 回头看 inspection of the unit, then the
    closing stands (`holds`) or the problem is reopened (relapse 反弹回潮, reason and new
    deadline required). All or nothing."""
    today = _today(today)
    _check(actor, problem, "confirm_lookback" if holds else "reopen", version, today)
    inspection = inspection_create(
        actor=actor,
        commission=problem.commission,
        date=date,
        kind=InspectionKind.LOOKBACK,
        members=members,
        notes=notes,
        inspected_units=[problem.responsible_unit],
        projects=[problem.project] if problem.project is not None else [],
        today=today,
    )
    if holds:
        problem_confirm_lookback(
            actor=actor,
            problem=problem,
            version=version,
            reason=reason,
            inspection=inspection,
            today=today,
        )
    else:
        problem_reopen(
            actor=actor,
            problem=problem,
            version=version,
            reason=reason,
            deadline=deadline,
            inspection=inspection,
            today=today,
        )
    return inspection


# ---------------------------------------------------------------- warning policy


@dataclass(frozen=True)
class ThresholdData:
    colour: str
    clock: str
    days: int | None
    step: str


@transaction.atomic
def warning_policy_save(
    *,
    actor: Any,
    commission: Organization,
    colours: str,
    workdays: bool,
    thresholds: Sequence[ThresholdData],
    listed_escalation: bool,
    lookback_days: int | None,
    publish_listed: bool = False,
) -> WarningPolicy:
    """Set the commission's policy for problems. Errors name the field (`<colour>_days` …).

    `thresholds` gives each colour of the chosen set its clock, days and escalation step; the
    colours must grow more severe in order (before the deadline: fewer days left; overdue or
    since assignment: more days gone)."""
    _require_commission(commission)
    require(actor, "supervision.change_policy", commission)
    if colours not in COLOUR_SETS:
        raise ApplicationError(_("请选择预警颜色。"), code="invalid", field="colours")
    if lookback_days is None or not 1 <= lookback_days <= 730:  # noqa: PLR2004
        raise ApplicationError(
            _("回头看天数应在 1 至 730 之间。"), code="invalid", field="lookback_days"
        )
    by_colour = {t.colour: t for t in thresholds}
    rows: list[dict[str, Any]] = []
    escalation: dict[str, str] = {}
    previous: tuple[int, int] | None = None
    for colour in COLOUR_SETS[colours]:
        data = by_colour.get(colour)
        label = str(COLOUR_LABELS[colour])
        if data is None or data.days is None:
            raise ApplicationError(
                _("请填写%s的天数。") % label, code="required", field=f"{colour}_days"
            )
        if data.clock not in Clock.values:
            raise ApplicationError(
                _("%s的计时方式不正确。") % label, code="invalid", field=f"{colour}_clock"
            )
        if not 0 <= data.days <= 365:  # noqa: PLR2004
            raise ApplicationError(
                _("%s的天数应在 0 至 365 之间。") % label, code="invalid", field=f"{colour}_days"
            )
        if data.step and data.step not in EscalationStep.values:
            raise ApplicationError(
                _("%s的督办措施不正确。") % label, code="invalid", field=f"{colour}_step"
            )
        # Severity order: before the deadline (fewer days left is later) < after it.
        key = (0, -data.days) if data.clock == Clock.BEFORE_DEADLINE else (1, data.days)
        if data.clock == Clock.SINCE_ASSIGNMENT:
            key = (1, data.days)
        if previous is not None and key <= previous:
            raise ApplicationError(
                _("%s的预警条件应比上一级更严重（更临近或更晚于整改时限）。") % label,
                code="order",
                field=f"{colour}_days",
            )
        previous = key
        rows.append({"colour": colour, "clock": data.clock, "days": data.days})
        if data.step:
            escalation[colour] = data.step
    policy = WarningPolicy.objects.filter(
        commission=commission, object_type=PolicyObject.PROBLEM
    ).first() or WarningPolicy(commission=commission, object_type=PolicyObject.PROBLEM)
    before = {
        "colours": policy.colours,
        "thresholds": policy.thresholds,
        "escalation": policy.escalation,
        "lookback_days": policy.lookback_days,
        "publish_listed": policy.publish_listed,
    }
    policy.colours = colours
    policy.clock = rows[0]["clock"]
    policy.workdays = workdays
    policy.thresholds = rows
    policy.escalation = escalation
    policy.listed_escalation = listed_escalation
    policy.lookback_days = lookback_days
    policy.publish_listed = publish_listed
    policy_thresholds(policy)  # the colour function's own check, as a last guard
    policy.save()
    event_record(
        actor=actor,
        action="warning_policy.saved",
        target=policy,
        organization=commission,
        before=before,
        after={
            "colours": colours,
            "thresholds": rows,
            "escalation": escalation,
            "lookback_days": lookback_days,
            "publish_listed": publish_listed,
        },
    )
    return policy


# ---------------------------------------------------------------- institutions (制度建设)


@transaction.atomic
def institution_create(
    *,
    actor: Any,
    organization: Organization,
    title: str,
    issued_on: date | None,
    description: str = "",
    project: Project | None = None,
    problems: Sequence[Problem] = (),
    files: Sequence[UploadedFile[Any]] = (),
    today: date | None = None,
) -> Institution:
    """Record a rule or mechanism created (建章立制), linked to problems and a project."""
    require(actor, "supervision.add_institution", organization)
    title = _text(title, "title", _("请填写制度名称。"))[:300]
    if issued_on is not None and issued_on > _today(today):
        raise ApplicationError(_("印发日期不能晚于今天。"), code="future", field="issued_on")
    for problem in problems:
        if not actor.has_perm("supervision.view_problem", problem):
            raise ApplicationError(_("问题不在范围内。"), code="out_of_scope", field="problems")
    institution = Institution.objects.create(
        organization=organization,
        title=title,
        issued_on=issued_on,
        description=description.strip(),
        project=project,
    )
    if problems:
        institution.problems.set(list(problems))
    _attach(actor, files, institution=institution)
    event_record(
        actor=actor,
        action="institution.created",
        target=institution,
        organization=organization,
        after={
            "title": title,
            "issued_on": issued_on,
            "project": project.pk if project else None,
            "problems": sorted(p.pk for p in problems),
        },
    )
    return institution


# ---------------------------------------------------------------- nightly escalation


STEP_LETTERS: dict[str, str] = {
    EscalationStep.REMINDER: LetterKind.REMINDER,
    EscalationStep.PROMPT_LETTER: LetterKind.PROMPT,
    EscalationStep.SUPERVISION_LETTER: LetterKind.URGE,
    EscalationStep.INTERVIEW: LetterKind.INTERVIEW,
    EscalationStep.ACCOUNTABILITY: LetterKind.ACCOUNTABILITY,
}
NUMBERED: dict[str, tuple[str, str]] = {
    LetterKind.PROMPT: (SequenceKind.PROMPT, "提示函"),
    LetterKind.URGE: (SequenceKind.URGE, "督办函"),
    LetterKind.INTERVIEW: (SequenceKind.INTERVIEW, "约谈"),
}


@dataclass
class WarningsSent:
    today: date
    letters: dict[str, int]  # per colour

    @property
    def total(self) -> int:
        return sum(self.letters.values())


def _letter_send(
    problem: Problem, colour: str, kind: str, policy: WarningPolicy, today: date
) -> bool:
    """One problem's letter for one colour, once (per colour and deadline); False if sent before."""
    try:
        with transaction.atomic():
            number = ""
            if kind in NUMBERED:
                sequence, word = NUMBERED[kind]
                number = _document_number(problem.commission, today.year, sequence, _(word))
            letter = Letter.objects.create(
                commission=problem.commission,
                problem=problem,
                kind=kind,
                colour=colour,
                deadline=problem.deadline,
                number=number,
                sent_on=today,
                sent_at=timezone.now(),
            )
            if kind in NUMBERED:
                text = deadline_text(problem, today, policy)
                letter.document.save(
                    f"{kind}-{problem.commission_id}-{today.year}-{letter.pk}.docx",
                    ContentFile(letter_document(letter, text.removeprefix("已").replace(" ", ""))),
                    save=True,
                )
            event_record(
                actor="system",
                action="problem.letter_sent",
                target=problem,
                organization=problem.commission,
                after={"kind": kind, "colour": colour, "number": number},
            )
            after_letter(letter)
    except IntegrityError:
        return False
    return True


def warnings_send(*, today: date | None = None, limit: int | None = None) -> WarningsSent:
    """What each colour's escalation step requires, for every coloured problem not yet served
    with that colour's letter for its current deadline: the letter (numbered and generated as
    a Word document for 提示函/督办函/约谈), an Event, and the unit told after commit.
    Idempotent: running it again the same day (or any day) sends nothing twice."""
    today = _today(today)
    colouring = Colouring(today)
    sent: dict[str, int] = {}
    served = Letter.objects.filter(
        problem=OuterRef("pk"), colour=OuterRef("_colour"), deadline=OuterRef("deadline")
    )
    for colour in ALL_COLOURS:
        problems = (
            Problem.objects.filter(colouring.q(colour))
            .annotate(_colour=Value(colour))
            .exclude(Exists(served))
            .select_related("commission", "responsible_unit", "project", "inspection")
            .order_by("pk")
        )
        count = 0
        for problem in problems[:limit] if limit else problems:
            policy = colouring.policy(problem.commission_id)
            step = escalation_step(colour, policy)
            kind = STEP_LETTERS.get(step or "")
            if kind is not None and _letter_send(problem, colour, kind, policy, today):
                count += 1
        sent[colour] = count
    return WarningsSent(today=today, letters=sent)
