"""How supervision records read on the pages: action buttons, colour badges, timeline lines."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.utils.translation import gettext_lazy as _

from kaimen.core.format import cn_date
from kaimen.supervision.models import (
    EvidenceCheck,
    Problem,
    ProblemState,
    Progress,
)
from kaimen.supervision.selectors import Colouring
from kaimen.supervision.warnings import COLOUR_LABELS, deadline_text
from kaimen.timeline.models import Event
from kaimen.timeline.presentation import TimelineRow, timeline_rows

# action: (label, Bootstrap button style, icon)
ACTION_BUTTONS: dict[str, tuple[Any, str, str]] = {
    "notify": (_("下发整改通知书"), "btn-primary", "bi-file-earmark-text"),
    "start_rectifying": (_("签收，开始整改"), "btn-primary", "bi-play-circle"),
    "close": (_("验收销号"), "btn-success", "bi-check2-circle"),
    "return": (_("退回补充"), "btn-outline-danger", "bi-arrow-counterclockwise"),
    "mark_basically_done": (
        _("阶段性成果，持续整改"),
        "btn-outline-secondary",
        "bi-hourglass-split",
    ),
    "mark_long_term": (_("列为长期坚持"), "btn-outline-secondary", "bi-infinity"),
    "approve_extension": (_("同意延期"), "btn-outline-success", "bi-calendar-check"),
    "refuse_extension": (_("不同意延期"), "btn-outline-danger", "bi-calendar-x"),
    "list": (_("挂牌督办"), "btn-danger", "bi-flag"),
}
# Actions that ask for a reason (required) or a date first.
REASON_ACTIONS: dict[str, dict[str, Any]] = {
    "return": {"reason": _("退回理由"), "required": True},
    "refuse_extension": {"reason": _("不同意的理由"), "required": True},
    "close": {"reason": _("验收意见"), "required": False},
    "mark_basically_done": {"reason": _("审核意见"), "required": False},
    "mark_long_term": {"reason": _("说明"), "required": False},
    "approve_extension": {"reason": _("审批意见"), "required": False},
    "list": {"reason": _("挂牌理由"), "required": False, "deadline": _("督办时限")},
}

ACTION_LABELS: dict[str, Any] = {
    "problem.created": _("登记问题（挂号）"),
    "problem.notify": _("下发整改通知书"),
    "problem.start_rectifying": _("责任单位签收，开始整改"),
    "problem.submit_evidence": _("提交整改材料"),
    "problem.return": _("退回补充整改材料"),
    "problem.close": _("验收销号"),
    "problem.mark_basically_done": _("审核：阶段性成果，持续整改"),
    "problem.mark_long_term": _("列为长期坚持"),
    "problem.request_extension": _("申请延期"),
    "problem.approve_extension": _("同意延期"),
    "problem.refuse_extension": _("不同意延期"),
    "problem.list": _("挂牌督办"),
    "problem.reopen": _("回头看：反弹回潮，重新整改"),
    "problem.confirm_lookback": _("回头看：维持销号"),
    "problem.letter_sent": _("发出预警文书"),
}
FIELD_LABELS: dict[str, Any] = {
    "state": _("状态"),
    "deadline": _("整改时限"),
    "notice": _("通知书文号"),
    "requested_deadline": _("申请延至"),
    "progress": _("整改进度"),
    "listed_number": _("督办单编号"),
    "listed_deadline": _("督办时限"),
    "lookback_due": _("回头看日期"),
    "lookback_done_on": _("回头看完成日期"),
    "number": _("编号"),
    "kind": _("文书"),
    "colour": _("预警颜色"),
    "checklist": _("六见"),
}
HIDDEN_FIELDS = {
    "closed_at",
    "listed_by",
    "listed_at",
    "listed",
    "extension",
    "inspection",
    "source",
    "responsible_unit",
}


def _value(name: str, value: Any) -> str:
    if value in (None, "", []):
        return ""
    if name == "state" and value in ProblemState.values:
        return str(ProblemState(value).label)
    if name == "progress" and value in Progress.values:
        return str(Progress(value).label)
    if name == "colour":
        return str(COLOUR_LABELS.get(value, value))
    if name == "kind":
        from kaimen.supervision.models import LetterKind  # noqa: PLC0415

        return str(LetterKind(value).label) if value in LetterKind.values else str(value)
    if name == "checklist" and isinstance(value, dict):
        return "、".join(str(EvidenceCheck(k).label) for k, v in value.items() if v) or "—"
    if isinstance(value, str) and len(value) == 10 and value[4] == "-":  # noqa: PLR2004
        return cn_date(date.fromisoformat(value))
    return str(value)


def problem_timeline(events: Iterable[Event]) -> list[TimelineRow]:
    return timeline_rows(
        events,
        action_labels=ACTION_LABELS,
        field_labels=FIELD_LABELS,
        value_text=_value,
        shown=lambda name: name not in HIDDEN_FIELDS,
        skip_unchanged=True,
        system_actor=str(_("系统（预警督办）")),
    )


@dataclass(frozen=True)
class ProblemRow:
    problem: Problem
    colour: str | None
    colour_label: str
    deadline_text: str


def problem_rows(
    problems: Iterable[Problem], colouring: Colouring, today: date
) -> list[ProblemRow]:
    rows = []
    for problem in problems:
        colour = colouring.colour(problem)
        rows.append(
            ProblemRow(
                problem=problem,
                colour=colour,
                colour_label=str(COLOUR_LABELS.get(colour or "", "")),
                deadline_text=deadline_text(
                    problem, today, colouring.policy(problem.commission_id)
                ),
            )
        )
    return rows


def returned_event(problem: Problem, events: list[Event]) -> Event | None:
    """The return (退回) the unit still has to answer: the last transition, while rectifying."""
    if problem.state != ProblemState.RECTIFYING:
        return None
    moves = [e for e in events if e.action != "problem.letter_sent"]
    return moves[-1] if moves and moves[-1].action == "problem.return" else None
