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

from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kaimen.core.errors import ApplicationError, ConflictError
from kaimen.core.format import cn_date
from kaimen.core.permissions import require
from kaimen.core.transitions import Action, StateMachine, advance
from kaimen.supervision.documents import listing_document, notice_document, notice_draft
from kaimen.supervision.models import (
    DeadlineExtension,
    EvidenceCheck,
    ExtensionState,
    Inspection,
    Letter,
    LetterKind,
    Notice,
    Problem,
    ProblemEvidence,
    ProblemState,
    Progress,
    SequenceKind,
)
from kaimen.supervision.notify import after_transition
from kaimen.supervision.selectors import warning_policy_for
from kaimen.supervision.services.checks import attach_files, clean_text, resolve_today
from kaimen.supervision.services.numbering import document_number
from kaimen.timeline.services import event_record

MAX_TEXT = 5000

# ---------------------------------------------------------------- problems: the state machine


MANAGE = ("supervision.manage_problem",)
RECTIFY = ("supervision.rectify_problem",)
NOT_CLOSED = (
    ProblemState.OPEN,
    ProblemState.NOTIFIED,
    ProblemState.RECTIFYING,
    ProblemState.SUBMITTED,
)


def _has_pending_extension(problem: Problem, *, today: date) -> bool:
    return problem.extensions.filter(state=ExtensionState.REQUESTED).exists()


def _may_request_extension(problem: Problem, *, today: date) -> bool:
    return today <= problem.deadline and not _has_pending_extension(problem, today=today)


PROBLEM_MACHINE = StateMachine(
    {
        "notify": Action((ProblemState.OPEN,), permissions=MANAGE),
        "start_rectifying": Action((ProblemState.NOTIFIED,), permissions=RECTIFY + MANAGE),
        "submit_evidence": Action((ProblemState.RECTIFYING,), permissions=RECTIFY),
        "return": Action((ProblemState.SUBMITTED,), permissions=MANAGE),
        "close": Action((ProblemState.SUBMITTED,), permissions=MANAGE),
        "mark_basically_done": Action(
            (ProblemState.RECTIFYING, ProblemState.SUBMITTED), permissions=MANAGE
        ),
        "mark_long_term": Action(
            (ProblemState.NOTIFIED, ProblemState.RECTIFYING, ProblemState.SUBMITTED),
            permissions=MANAGE,
        ),
        "request_extension": Action(
            (ProblemState.NOTIFIED, ProblemState.RECTIFYING),
            permissions=RECTIFY,
            condition=_may_request_extension,
        ),
        "approve_extension": Action(
            NOT_CLOSED, permissions=MANAGE, condition=_has_pending_extension
        ),
        "refuse_extension": Action(
            NOT_CLOSED, permissions=MANAGE, condition=_has_pending_extension
        ),
        "list": Action(
            NOT_CLOSED,
            permissions=("supervision.list_problem",),
            condition=lambda p, today: not p.listed,
        ),
        "reopen": Action((ProblemState.CLOSED,), permissions=MANAGE),
        "confirm_lookback": Action(
            (ProblemState.CLOSED,),
            permissions=MANAGE,
            condition=lambda p, today: p.lookback_done_on is None,
        ),
    }
)


def problem_available_actions(*, problem: Problem, today: date | None = None) -> list[str]:
    """The actions the problem's state allows now, whoever asks."""
    return PROBLEM_MACHINE.available(problem, today=resolve_today(today))


def problem_allowed_actions(*, user: Any, problem: Problem, today: date | None = None) -> list[str]:
    """The actions this user may take on the problem now (for buttons and the API)."""
    return PROBLEM_MACHINE.allowed(user, problem, today=resolve_today(today))


def check_action(actor: Any, problem: Problem, name: str, version: int, today: date) -> None:
    """Permission (403), then the version read (409 stale), then the state (409 invalid)."""
    action = PROBLEM_MACHINE.actions[name]
    for perm in action.permissions[:-1]:
        if actor.has_perm(perm, problem):
            break
    else:
        require(actor, action.permissions[-1], problem)
    if version != problem.version:
        raise ConflictError(
            _("该问题已被他人处理，请刷新后重试。"),
            code="stale",
            allowed=PROBLEM_MACHINE.available(problem, today=today),
        )
    PROBLEM_MACHINE.check(
        problem,
        name,
        lambda allowed: (
            _("问题当前状态为“%(state)s”，不能执行此操作。可执行的操作：%(allowed)s")
            % {"state": problem.get_state_display(), "allowed": "、".join(allowed) or _("无")}
        ),
        today=today,
    )


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
    advance(problem, version=version, stale=_("该问题已被他人处理，请刷新后重试。"), **changes)
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
    today = resolve_today(today)
    problems = notice_problems_check(problems)
    body = clean_text(body, "body", _("请填写整改通知书正文。"))
    refused = []
    for problem in problems:
        try:
            check_action(actor, problem, "notify", versions.get(problem.pk, -1), today)
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
    number = document_number(first.commission, today.year, SequenceKind.NOTICE, _("整改通知"))
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
    check_action(actor, problem, "start_rectifying", version, resolve_today(today))
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
    check_action(actor, problem, "submit_evidence", version, resolve_today(today))
    text = clean_text(text, "text", _("请填写整改情况。"))
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
    attach_files(actor, files, evidence=evidence)
    return evidence


@transaction.atomic
def problem_return(
    *, actor: Any, problem: Problem, version: int, reason: str, today: date | None = None
) -> Problem:
    """Evidence not sufficient: back to the unit, with the reason."""
    check_action(actor, problem, "return", version, resolve_today(today))
    reason = clean_text(reason, "reason", _("请说明退回理由。"))
    return _move(actor, problem, "return", version, reason=reason, state=ProblemState.RECTIFYING)


@transaction.atomic
def problem_close(
    *, actor: Any, problem: Problem, version: int, reason: str = "", today: date | None = None
) -> Problem:
    """销号 after review; schedules the look-back (回头看) by the commission's policy."""
    today = resolve_today(today)
    check_action(actor, problem, "close", version, today)
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
    check_action(actor, problem, name, version, resolve_today(today))
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
    today = resolve_today(today)
    if (
        today > problem.deadline
        and problem.state in PROBLEM_MACHINE.actions["request_extension"].sources
    ):
        require(actor, "supervision.rectify_problem", problem)
        raise ApplicationError(
            _("整改时限已过，不能再申请延期。"), code="past_deadline", field="deadline"
        )
    check_action(actor, problem, "request_extension", version, today)
    reason = clean_text(reason, "reason", _("请说明延期理由。"))
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


def passes_listed_deadline(problem: Problem, deadline: date) -> bool:
    """Whether a deadline would pass the problem's 督办时限 (listed problems only)."""
    return bool(problem.listed and problem.listed_deadline and deadline > problem.listed_deadline)


def _leader_name(problem: Problem) -> str:
    leader = problem.listed_by
    return (leader.display_name or leader.get_username()) if leader else _("（未记录）")


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
    check_action(actor, problem, name, version, resolve_today(today))
    if not approve:
        reason = clean_text(reason, "reason", _("请说明不同意延期的理由。"))
    extension = problem.extensions.select_for_update().get(state=ExtensionState.REQUESTED)
    changes: dict[str, Any] = {"deadline": extension.requested_deadline} if approve else {}
    if approve and passes_listed_deadline(problem, extension.requested_deadline):
        # listed supervision keeps its own clock: only the leader who listed it moves it
        if actor.pk != problem.listed_by_id:
            raise ApplicationError(
                _(
                    "申请延至%(requested)s，超过挂牌督办时限%(listed)s，"
                    "须由挂牌领导%(leader)s批准，其他人只能不同意。"
                )
                % {
                    "requested": cn_date(extension.requested_deadline, localized=False),
                    "listed": cn_date(problem.listed_deadline, localized=False),
                    "leader": _leader_name(problem),
                },
                code="needs_listing_leader",
                field="reason",
            )
        changes["listed_deadline"] = extension.requested_deadline
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
def problem_put_on_list(
    *,
    actor: Any,
    problem: Problem,
    version: int,
    deadline: date | None,
    reason: str = "",
    today: date | None = None,
) -> Problem:
    """挂牌督办: a numbered 督办单 with its own deadline, by a commission admin."""
    today = resolve_today(today)
    check_action(actor, problem, "list", version, today)
    if deadline is None:
        raise ApplicationError(_("请填写督办时限。"), code="required", field="deadline")
    number = document_number(problem.commission, today.year, SequenceKind.LISTING, _("督办"))
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
    today = resolve_today(today)
    check_action(actor, problem, "reopen", version, today)
    reason = clean_text(reason, "reason", _("请说明重新整改的理由。"))
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
    today = resolve_today(today)
    check_action(actor, problem, "confirm_lookback", version, today)
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
            problem_put_on_list(**common, deadline=deadline, reason=reason)
        case "reopen":
            problem_reopen(**common, reason=reason, deadline=deadline)
        case "confirm_lookback":
            problem_confirm_lookback(**common, reason=reason)
        case _:
            raise ApplicationError(
                _("未知的操作：%(action)s。可用的操作：%(known)s")
                % {"action": action, "known": "、".join(PROBLEM_MACHINE.actions)},
                code="unknown_action",
                field="action",
            )
    return problem
