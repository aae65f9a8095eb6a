"""Warning colours (预警) of problems: derived from deadline, state and policy, never stored.

Default policy (four colours, working days by the statutory calendar):

| colour | reached when | escalation step |
| --- | --- | --- |
| blue   | 3 working days or fewer before the deadline (and not overdue) | reminder to the handler |
| yellow | past the deadline                                             | 提示函 to the deputy head |
| orange | 10 working days past the deadline                            | 督办函 to the unit head |
| red    | 20 working days past the deadline                            | 约谈 |

Listed problems (挂牌督办) escalate faster: once past the deadline they go one colour up
(overdue → orange, 10 working days → red), and once past the 督办单's own deadline they are red
whatever the rectification deadline says. Only problems the unit holds (open, notified,
rectifying) have a colour: not those submitted for review (the commission holds them), closed,
or flagged as long-term (长期坚持). "Basically done, continuing" items keep their colour.

Two equivalent ways to ask:
- `problem_colour(problem, today, policy)`: one problem, counting days on the calendar;
- `colour_q(colour, today, policy)`: a `Q` on plain date columns, the thresholds turned into
  cut-off dates once in Python, so lists and counts by colour are indexed SQL at any volume.
Tests check that the two agree on every problem of generated sets.

The status-based view (景德镇: done / on schedule / behind / long-term) is `problem_status` and
`status_q`.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kaimen.core.calendar import add_days, days_between
from kaimen.core.errors import ApplicationError
from kaimen.supervision.models import (
    OPEN_STATES,
    Clock,
    ColourMode,
    EscalationStep,
    Problem,
    ProblemState,
    Progress,
    WarningPolicy,
)

BLUE, GREEN, YELLOW, ORANGE, RED = "blue", "green", "yellow", "orange", "red"
COLOUR_SETS: dict[str, tuple[str, ...]] = {
    ColourMode.FOUR: (BLUE, YELLOW, ORANGE, RED),
    ColourMode.THREE: (GREEN, YELLOW, RED),
}
ALL_COLOURS = (GREEN, BLUE, YELLOW, ORANGE, RED)
COLOUR_LABELS = {
    GREEN: _("绿色"),
    BLUE: _("蓝色"),
    YELLOW: _("黄色"),
    ORANGE: _("橙色"),
    RED: _("红色"),
}

DEFAULT_THRESHOLDS: dict[str, list[dict[str, Any]]] = {
    ColourMode.FOUR: [
        {"colour": BLUE, "clock": Clock.BEFORE_DEADLINE, "days": 3},
        {"colour": YELLOW, "clock": Clock.OVERDUE, "days": 0},
        {"colour": ORANGE, "clock": Clock.OVERDUE, "days": 10},
        {"colour": RED, "clock": Clock.OVERDUE, "days": 20},
    ],
    # 江津 style: a green letter 20 days before the deadline, yellow at 10, red once overdue.
    ColourMode.THREE: [
        {"colour": GREEN, "clock": Clock.BEFORE_DEADLINE, "days": 20},
        {"colour": YELLOW, "clock": Clock.BEFORE_DEADLINE, "days": 10},
        {"colour": RED, "clock": Clock.OVERDUE, "days": 0},
    ],
}
DEFAULT_ESCALATION: dict[str, dict[str, str]] = {
    ColourMode.FOUR: {
        BLUE: EscalationStep.REMINDER,
        YELLOW: EscalationStep.PROMPT_LETTER,
        ORANGE: EscalationStep.SUPERVISION_LETTER,
        RED: EscalationStep.INTERVIEW,
    },
    ColourMode.THREE: {
        GREEN: EscalationStep.REMINDER,
        YELLOW: EscalationStep.PROMPT_LETTER,
        RED: EscalationStep.SUPERVISION_LETTER,
    },
}


def default_policy(commission: Any = None) -> WarningPolicy:
    """The policy used when a commission has not set its own (unsaved)."""
    return WarningPolicy(
        commission=commission,
        colours=ColourMode.FOUR,
        clock=Clock.OVERDUE,
        workdays=True,
        thresholds=DEFAULT_THRESHOLDS[ColourMode.FOUR],
        escalation=DEFAULT_ESCALATION[ColourMode.FOUR],
        listed_escalation=True,
        lookback_days=90,
    )


@dataclass(frozen=True)
class Threshold:
    colour: str
    clock: str
    days: int


def policy_thresholds(policy: WarningPolicy) -> list[Threshold]:
    """The policy's thresholds, mildest first, checked; an empty list takes the defaults."""
    raw = policy.thresholds or DEFAULT_THRESHOLDS[policy.colours]
    allowed = COLOUR_SETS[policy.colours]
    if not isinstance(raw, list):
        raise ApplicationError(gettext("预警阈值应为列表。"), code="invalid", field="thresholds")
    thresholds: list[Threshold] = []
    for item in raw:
        if not isinstance(item, dict):
            raise ApplicationError(
                gettext("预警阈值格式不正确。"), code="invalid", field="thresholds"
            )
        colour = item.get("colour")
        clock = item.get("clock") or policy.clock
        days = item.get("days")
        if colour not in allowed or clock not in Clock.values:
            raise ApplicationError(
                gettext("预警阈值中的颜色或计时方式不正确：%s") % colour,
                code="invalid",
                field="thresholds",
            )
        if not isinstance(days, int) or isinstance(days, bool) or days < 0:
            raise ApplicationError(
                gettext("预警阈值的天数应为非负整数。"), code="invalid", field="thresholds"
            )
        thresholds.append(Threshold(str(colour), str(clock), days))
    if len({t.colour for t in thresholds}) != len(thresholds):
        raise ApplicationError(
            gettext("每种颜色只能设置一个阈值。"), code="invalid", field="thresholds"
        )
    order = [allowed.index(t.colour) for t in thresholds]
    if order != sorted(order):
        raise ApplicationError(
            gettext("预警颜色应由轻到重排列。"), code="invalid", field="thresholds"
        )
    return thresholds


def escalation_step(colour: str, policy: WarningPolicy) -> str | None:
    escalation = policy.escalation or DEFAULT_ESCALATION[policy.colours]
    step = escalation.get(colour)
    return str(step) if step else None


# ---------------------------------------------------------------- one problem


def _reached(t: Threshold, deadline: date, assigned_on: date, today: date, workdays: bool) -> bool:
    """Compared with the threshold's cut-off date (`_cutoff`, as the SQL filters do): counting
    the working days between a deadline years ago and today would walk every one of them."""
    value = assigned_on if t.clock == Clock.SINCE_ASSIGNMENT else deadline
    return value < _cutoff(t, today, workdays)


def has_colour(problem: Problem) -> bool:
    """Only problems the unit holds are coloured (not submitted, closed, or long-term)."""
    return problem.state in OPEN_STATES and problem.progress != Progress.LONG_TERM


def problem_colour(problem: Problem, today: date, policy: WarningPolicy) -> str | None:
    if not has_colour(problem):
        return None
    return deadline_colour(
        deadline=problem.deadline,
        assigned_on=problem.assigned_on,
        today=today,
        policy=policy,
        listed=problem.listed,
        listed_deadline=problem.listed_deadline,
    )


def deadline_colour(
    *,
    deadline: date,
    assigned_on: date,
    today: date,
    policy: WarningPolicy,
    listed: bool = False,
    listed_deadline: date | None = None,
) -> str | None:
    """The colour of anything with a deadline that its holder still holds (a problem, a
    巡视整改 measure): the caller decides whether the object is coloured at all."""
    thresholds = policy_thresholds(policy)
    rank = -1
    for index, threshold in enumerate(thresholds):
        if _reached(threshold, deadline, assigned_on, today, policy.workdays):
            rank = index
    if policy.listed_escalation and listed:
        if listed_deadline is not None and listed_deadline < today:
            rank = len(thresholds) - 1
        elif deadline < today:
            rank = min(rank + 1, len(thresholds) - 1)
    return thresholds[rank].colour if rank >= 0 else None


# ---------------------------------------------------------------- many problems, in SQL


def coloured_q() -> Q:
    return Q(state__in=OPEN_STATES) & ~Q(progress=Progress.LONG_TERM)


def _cutoff(t: Threshold, today: date, workdays: bool) -> date:
    """ "Reached" ⟺ the threshold's column (deadline, or the assignment date) lies before this."""
    if t.clock == Clock.BEFORE_DEADLINE:
        # at most n days left in (today, deadline] ⟺ deadline < the (n+1)-th day after today
        return add_days(today, t.days + 1, workdays=workdays)
    if t.clock == Clock.OVERDUE and t.days == 0:
        return today
    # at least n days in (deadline, today] ⟺ deadline < the n-th day back, today included
    return add_days(today + timedelta(days=1), -t.days, workdays=workdays)


def _reached_q(t: Threshold, today: date, workdays: bool) -> Q:
    """The threshold as a date range: "reached" ⟺ the column lies before a cut-off date."""
    column = "assigned_on" if t.clock == Clock.SINCE_ASSIGNMENT else "deadline"
    return Q(**{f"{column}__lt": _cutoff(t, today, workdays)})


def colour_q(colour: str, today: date, policy: WarningPolicy) -> Q:
    """Problems of this colour under `policy` on `today`, as filters on date columns.

    A colour the policy does not use matches nothing.
    """
    thresholds = policy_thresholds(policy)
    colours = [t.colour for t in thresholds]
    if colour not in colours:
        return Q(pk__in=[])
    reached = [_reached_q(t, today, policy.workdays) for t in thresholds]

    def base(rank: int) -> Q:
        """The highest threshold reached is `rank` (−1: none)."""
        q = reached[rank] if rank >= 0 else Q()
        for higher in reached[rank + 1 :]:
            q &= ~higher
        return q

    index = colours.index(colour)
    top = len(thresholds) - 1
    if not policy.listed_escalation:
        return coloured_q() & base(index)
    bumped = Q(listed=True, deadline__lt=today)
    past_listing = Q(listed=True, listed_deadline__lt=today)
    if index == top:
        q = past_listing | base(top) | (bumped & base(top - 1))
    else:
        q = ~past_listing & ((~bumped & base(index)) | (bumped & base(index - 1)))
    return coloured_q() & q


def colour_q_by_commission(
    colour: str,
    today: date,
    policies: dict[int, WarningPolicy],
    default: WarningPolicy,
    field: str = "commission_id",
) -> Q:
    """`colour_q` over problems of several commissions, each judged by its own policy."""
    q = ~Q(**{f"{field}__in": list(policies)}) & colour_q(colour, today, default)
    for commission_id, policy in policies.items():
        q |= Q(**{field: commission_id}) & colour_q(colour, today, policy)
    return q


# ---------------------------------------------------------------- status view (景德镇)

DONE, ON_SCHEDULE, BEHIND, LONG_TERM = "done", "on_schedule", "behind", "long_term"
STATUSES = (DONE, ON_SCHEDULE, BEHIND, LONG_TERM)
STATUS_LABELS = {
    DONE: _("已完成"),
    ON_SCHEDULE: _("按进度推进"),
    BEHIND: _("滞后"),
    LONG_TERM: _("长期坚持"),
}
# The colours 景德镇 shows for them: green done, yellow on schedule, red behind, blue long-term.
STATUS_COLOURS = {DONE: GREEN, ON_SCHEDULE: YELLOW, BEHIND: RED, LONG_TERM: BLUE}


def problem_status(problem: Problem, today: date) -> str:
    """Done (closed); long-term; behind (the unit holds it past the deadline); else on schedule
    (including evidence submitted and awaiting review)."""
    if problem.state == ProblemState.CLOSED:
        return DONE
    if problem.progress == Progress.LONG_TERM:
        return LONG_TERM
    if problem.state in OPEN_STATES and problem.deadline < today:
        return BEHIND
    return ON_SCHEDULE


def status_q(status: str, today: date) -> Q:
    closed = Q(state=ProblemState.CLOSED)
    long_term = Q(progress=Progress.LONG_TERM)
    behind = Q(state__in=OPEN_STATES, deadline__lt=today)
    if status == DONE:
        return closed
    if status == LONG_TERM:
        return ~closed & long_term
    if status == BEHIND:
        return ~long_term & behind
    if status == ON_SCHEDULE:
        return ~closed & ~long_term & ~behind
    return Q(pk__in=[])


# ---------------------------------------------------------------- in words


def deadline_text(problem: Problem, today: date, policy: WarningPolicy) -> str:
    """Where the problem stands against its deadline, as the pages say it ("已逾期 12 个工作日")."""
    if problem.state not in OPEN_STATES:
        return ""
    unit = gettext("个工作日") if policy.workdays else gettext("天")
    if problem.deadline < today:
        n = days_between(problem.deadline, today, workdays=policy.workdays)
        text = (
            gettext("已逾期 %(n)d %(unit)s") % {"n": n, "unit": unit}
            if n
            else gettext("已过整改时限")
        )
    elif problem.deadline == today:
        text = gettext("今日到期")
    else:
        n = days_between(today, problem.deadline, workdays=policy.workdays)
        text = gettext("距整改时限还有 %(n)d %(unit)s") % {"n": n, "unit": unit}
    if problem.listed and problem.listed_deadline is not None and problem.listed_deadline < today:
        text += gettext("，已超过督办时限")
    return text
