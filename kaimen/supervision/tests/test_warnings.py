"""Warning colours against the statutory calendar, and `colour_q` agreeing with
`problem_colour` on every problem of generated sets."""

import random
from datetime import date, timedelta

import pytest

from conftest import World
from kaimen.core.calendar import calendar_cache_clear
from kaimen.core.errors import ApplicationError
from kaimen.core.models import CalendarDay
from kaimen.supervision.models import (
    Clock,
    ColourMode,
    Problem,
    ProblemSource,
    ProblemState,
    Progress,
    WarningPolicy,
)
from kaimen.supervision.warnings import (
    BEHIND,
    DONE,
    LONG_TERM,
    ON_SCHEDULE,
    STATUSES,
    colour_q,
    default_policy,
    escalation_step,
    policy_thresholds,
    problem_colour,
    problem_status,
    status_q,
)

pytestmark = pytest.mark.django_db

DEFAULT = default_policy()


def _problem(
    deadline: date,
    *,
    state: str = ProblemState.RECTIFYING,
    progress: str = Progress.NONE,
    listed: bool = False,
    listed_deadline: date | None = None,
    assigned_on: date = date(2024, 9, 1),
) -> Problem:
    return Problem(
        deadline=deadline,
        state=state,
        progress=progress,
        listed=listed,
        listed_deadline=listed_deadline,
        assigned_on=assigned_on,
    )


def _colour(deadline: date, today: date, **kwargs: object) -> str | None:
    return problem_colour(_problem(deadline, **kwargs), today, DEFAULT)  # type: ignore[arg-type]


# ---------------------------------------------------------------- the default policy


def test_blue_counts_working_days_across_the_national_day_holiday() -> None:
    deadline = date(2024, 10, 8)  # the first working day after National Day
    # Thu 26 Sep: 27, 29 (adjusted Sunday), 30 Sep and 8 Oct are left → 4 → no colour yet
    assert _colour(deadline, date(2024, 9, 26)) is None
    # Fri 27 Sep: 29, 30 Sep and 8 Oct → 3 → blue, though 11 calendar days remain
    assert _colour(deadline, date(2024, 9, 27)) == "blue"
    assert _colour(deadline, date(2024, 10, 8)) == "blue"  # the last day itself


def test_yellow_as_soon_as_the_deadline_has_passed_even_on_a_holiday() -> None:
    assert _colour(date(2024, 9, 30), date(2024, 10, 1)) == "yellow"


def test_orange_after_ten_working_days_counting_the_adjusted_sunday() -> None:
    deadline = date(2024, 9, 20)  # Friday
    # working days after it: 23–27 Sep (5), Sun 29 (6), 30 (7), 8 Oct (8), 9 (9), 10 (10)
    assert _colour(deadline, date(2024, 10, 9)) == "yellow"
    assert _colour(deadline, date(2024, 10, 10)) == "orange"


def test_red_after_twenty_working_days_across_new_year_and_spring_festival() -> None:
    deadline = date(2024, 12, 31)
    assert _colour(deadline, date(2025, 1, 1)) == "yellow"  # New Year's Day: overdue, 0 days
    assert _colour(deadline, date(2025, 1, 14)) == "yellow"  # 9th working day of 2025
    assert _colour(deadline, date(2025, 1, 15)) == "orange"  # 10th
    # 26 Jan (Sunday) and 27 Jan are worked, 28 Jan–4 Feb are off: the 20th day is 5 Feb
    assert _colour(deadline, date(2025, 2, 4)) == "orange"
    assert _colour(deadline, date(2025, 2, 5)) == "red"


def test_the_admin_table_moves_the_colour() -> None:
    deadline = date(2024, 9, 20)
    CalendarDay.objects.create(date=date(2024, 10, 9), is_workday=False, note="台风停工")
    calendar_cache_clear()

    assert _colour(deadline, date(2024, 10, 10)) == "yellow"
    assert _colour(deadline, date(2024, 10, 11)) == "orange"


def test_listed_problems_escalate_one_colour_once_overdue() -> None:
    deadline = date(2024, 9, 20)
    assert _colour(deadline, date(2024, 9, 23), listed=True) == "orange"
    assert _colour(deadline, date(2024, 10, 10), listed=True) == "red"
    # not overdue yet: as any other problem
    assert _colour(date(2024, 10, 8), date(2024, 9, 27), listed=True) == "blue"
    assert _colour(date(2024, 10, 31), date(2024, 9, 27), listed=True) is None


def test_listed_problems_past_the_supervision_deadline_are_red() -> None:
    colour = _colour(
        date(2024, 10, 31), date(2024, 10, 16), listed=True, listed_deadline=date(2024, 10, 15)
    )
    assert colour == "red"


def test_only_problems_the_unit_holds_have_a_colour() -> None:
    overdue, today = date(2024, 9, 2), date(2024, 10, 30)
    for state in (ProblemState.OPEN, ProblemState.NOTIFIED, ProblemState.RECTIFYING):
        assert _colour(overdue, today, state=state) == "red"
    for state in (ProblemState.SUBMITTED, ProblemState.CLOSED):
        assert _colour(overdue, today, state=state) is None
    assert _colour(overdue, today, progress=Progress.LONG_TERM) is None
    assert _colour(overdue, today, progress=Progress.BASICALLY_DONE) == "red"


def test_default_escalation_steps() -> None:
    steps = [escalation_step(c, DEFAULT) for c in ("blue", "yellow", "orange", "red")]
    assert steps == ["reminder", "prompt_letter", "supervision_letter", "interview"]


# ---------------------------------------------------------------- other policies


def test_three_colour_policy_in_calendar_days() -> None:
    # 江津: green 20 days before the deadline, yellow 10 days before, red once overdue
    policy = WarningPolicy(colours=ColourMode.THREE, workdays=False, thresholds=[])
    deadline = date(2024, 10, 31)

    def colour(today: date) -> str | None:
        return problem_colour(_problem(deadline), today, policy)

    assert [colour(date(2024, 10, d)) for d in (10, 11, 21, 31)] == [
        None,
        "green",
        "yellow",
        "yellow",
    ]
    assert colour(date(2024, 11, 1)) == "red"


def test_since_assignment_clock() -> None:
    # 奎屯: blue from receipt, yellow after a month, red after two (calendar days)
    policy = WarningPolicy(
        colours=ColourMode.THREE,
        clock=Clock.SINCE_ASSIGNMENT,
        workdays=False,
        thresholds=[
            {"colour": "green", "days": 0},
            {"colour": "yellow", "days": 30},
            {"colour": "red", "days": 60},
        ],
    )
    problem = _problem(date(2025, 6, 30), assigned_on=date(2024, 9, 1))
    assert problem_colour(problem, date(2024, 9, 1), policy) == "green"
    assert problem_colour(problem, date(2024, 10, 1), policy) == "yellow"
    assert problem_colour(problem, date(2024, 10, 31), policy) == "red"


@pytest.mark.parametrize(
    "thresholds",
    [
        [{"colour": "purple", "days": 1}],
        [{"colour": "blue", "days": -1}],
        [{"colour": "blue", "days": 1}, {"colour": "blue", "days": 2}],
        [{"colour": "blue", "clock": "sometime", "days": 1}],
        [{"colour": "red", "days": 1}, {"colour": "blue", "days": 2}],
        "blue",
    ],
)
def test_invalid_thresholds_are_refused(thresholds: object) -> None:
    policy = WarningPolicy(colours=ColourMode.FOUR, thresholds=thresholds)
    with pytest.raises(ApplicationError) as error:
        policy_thresholds(policy)
    assert error.value.field == "thresholds"


# ---------------------------------------------------------------- colour_q == problem_colour

TODAYS = [
    date(2024, 9, 27),
    date(2024, 9, 29),  # adjusted working Sunday
    date(2024, 10, 1),  # National Day
    date(2024, 10, 12),
    date(2024, 12, 31),
    date(2025, 1, 1),
    date(2025, 2, 5),
]
POLICIES = {
    "default": DEFAULT,
    "no_listed_escalation": WarningPolicy(
        colours=ColourMode.FOUR, thresholds=[], listed_escalation=False
    ),
    "three_calendar": WarningPolicy(colours=ColourMode.THREE, workdays=False, thresholds=[]),
    "mixed_clocks": WarningPolicy(
        colours=ColourMode.FOUR,
        thresholds=[
            {"colour": "blue", "clock": Clock.SINCE_ASSIGNMENT, "days": 5},
            {"colour": "yellow", "clock": Clock.BEFORE_DEADLINE, "days": 2},
            {"colour": "orange", "clock": Clock.OVERDUE, "days": 3},
            {"colour": "red", "clock": Clock.SINCE_ASSIGNMENT, "days": 60},
        ],
    ),
}


def _generated_problems(world: World, count: int = 400) -> list[Problem]:
    rng = random.Random(20240926)
    start = date(2024, 8, 15)
    problems = []
    for index in range(count):
        listed = rng.random() < 0.3
        problems.append(
            Problem(
                commission=world.orgs["dh_jiwei"],
                number=f"2024-{index + 1:04d}",
                source=ProblemSource.INSPECTION,
                responsible_unit=world.orgs["dh_jiaoyu"],
                description=f"问题{index}",
                assigned_on=start + timedelta(days=rng.randrange(0, 120)),
                original_deadline=start,
                deadline=start + timedelta(days=rng.randrange(0, 200)),
                state=rng.choice(ProblemState.values),
                progress=rng.choice(Progress.values),
                listed=listed,
                listed_deadline=start + timedelta(days=rng.randrange(0, 200))
                if listed and rng.random() < 0.6
                else None,
            )
        )
    return Problem.objects.bulk_create(problems)


@pytest.mark.parametrize("policy_name", list(POLICIES))
def test_colour_q_agrees_with_problem_colour(world: World, policy_name: str) -> None:
    policy = POLICIES[policy_name]
    problems = _generated_problems(world)
    colours = ("blue", "green", "yellow", "orange", "red")
    for today in TODAYS:
        expected = {
            c: {p.pk for p in problems if problem_colour(p, today, policy) == c} for c in colours
        }
        got = {
            c: set(Problem.objects.filter(colour_q(c, today, policy)).values_list("pk", flat=True))
            for c in colours
        }
        assert got == expected, f"{policy_name} on {today}"
    # the generated set exercises every colour of the policy at least once
    used = {t.colour for t in policy_thresholds(policy)}
    seen = {
        c
        for today in TODAYS
        for c in used
        if Problem.objects.filter(colour_q(c, today, policy)).exists()
    }
    assert seen == used


# ---------------------------------------------------------------- status view (景德镇)


def test_problem_status() -> None:
    today = date(2024, 10, 10)
    past, future = date(2024, 10, 9), date(2024, 10, 11)
    assert problem_status(_problem(past, state=ProblemState.CLOSED), today) == DONE
    assert problem_status(_problem(past, progress=Progress.LONG_TERM), today) == LONG_TERM
    assert problem_status(_problem(past), today) == BEHIND
    assert problem_status(_problem(future), today) == ON_SCHEDULE
    assert problem_status(_problem(past, state=ProblemState.SUBMITTED), today) == ON_SCHEDULE


def test_status_q_agrees_with_problem_status(world: World) -> None:
    problems = _generated_problems(world, 200)
    for today in TODAYS:
        for status in STATUSES:
            expected = {p.pk for p in problems if problem_status(p, today) == status}
            got = set(Problem.objects.filter(status_q(status, today)).values_list("pk", flat=True))
            assert got == expected, f"{status} on {today}"
