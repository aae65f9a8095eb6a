"""How supervision records read on the pages: action buttons, colour badges, timeline lines."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.utils.translation import gettext_lazy as _

from kaimen.core.format import cn_date
from kaimen.supervision.labels import ACTION_LABELS, FIELD_LABELS, HIDDEN_FIELDS
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
