"""Problems in a given state for tests, filed and moved on through the services."""

from datetime import date
from typing import Any

from conftest import World
from kaimen.supervision.models import Problem, ProblemSource
from kaimen.supervision.services.filing import problem_create
from kaimen.supervision.services.problems import problem_transition

TODAY = date(2024, 9, 26)  # a Thursday before National Day
DEADLINE = date(2024, 10, 31)

# The actions (and who takes them) that bring a new problem to each state.
PATH: dict[str, list[tuple[str, str, dict[str, Any]]]] = {
    "open": [],
    "notified": [("notify", "supervisor", {})],
    "rectifying": [
        ("notify", "supervisor", {}),
        ("start_rectifying", "unit_staff_lead", {}),
    ],
    "submitted": [
        ("notify", "supervisor", {}),
        ("start_rectifying", "unit_staff_lead", {}),
        ("submit_evidence", "unit_staff_lead", {"text": "已完成整改，公开招标。"}),
    ],
    "closed": [
        ("notify", "supervisor", {}),
        ("start_rectifying", "unit_staff_lead", {}),
        ("submit_evidence", "unit_staff_lead", {"text": "已完成整改，公开招标。"}),
        ("close", "supervisor", {}),
    ],
}


def file_problem(
    world: World,
    *,
    deadline: date = DEADLINE,
    unit: str = "dh_jiaoyu",
    actor: str = "supervisor",
    project: str | None = "in_progress",
    today: date = TODAY,
    description: str = "学校食堂大宗食材采购未公开招标",
) -> Problem:
    return problem_create(
        actor=world.users[actor],
        commission=world.orgs["dh_jiwei"],
        responsible_unit=world.orgs[unit],
        description=description,
        deadline=deadline,
        source=ProblemSource.INSPECTION,
        project=world.projects[project] if project else None,
        today=today,
    )


def problem_in(world: World, state: str, *, today: date = TODAY, **kwargs: Any) -> Problem:
    problem = file_problem(world, today=today, **kwargs)
    for action, role, extra in PATH[state]:
        problem_transition(
            actor=world.users[role],
            problem=problem,
            action=action,
            version=problem.version,
            today=today,
            **extra,
        )
    return problem


def putuo_problem(world: World) -> Problem:
    return problem_create(
        actor=world.users["commission_admin_other"],
        commission=world.orgs["pt_jiwei"],
        responsible_unit=world.orgs["pt_minzheng"],
        description="养老服务补贴发放不及时",
        deadline=date(2024, 9, 1),
        source="hotline",
        today=TODAY,
    )
