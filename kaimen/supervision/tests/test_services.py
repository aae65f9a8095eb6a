"""The problem state machine (every allowed and refused transition), numbering, notices,
extensions, look-backs, inspections, accountability, optimistic locking."""

import threading
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection

from conftest import World
from kaimen.core.errors import ApplicationError, ConflictError
from kaimen.supervision.models import (
    AccountabilityRecord,
    DeadlineExtension,
    ExtensionState,
    Inspection,
    InspectionKind,
    Measure,
    Notice,
    Problem,
    ProblemEvidence,
    ProblemSource,
    ProblemState,
    Progress,
    WarningPolicy,
)
from kaimen.supervision.services.accountability import accountability_record_create
from kaimen.supervision.services.filing import ProblemData, inspection_create, problem_create
from kaimen.supervision.services.problems import (
    PROBLEM_MACHINE,
    problem_allowed_actions,
    problem_close,
    problem_decide_extension,
    problem_request_extension,
    problem_return,
    problem_transition,
)
from kaimen.supervision.tests.factories import DEADLINE, TODAY, file_problem, problem_in
from kaimen.timeline.models import Event

# ---------------------------------------------------------------- the state machine

# What each state allows (without a pending extension), written out rather than derived.
ALLOWED = {
    "open": ["notify", "list"],
    "notified": ["start_rectifying", "mark_long_term", "request_extension", "list"],
    "rectifying": [
        "submit_evidence",
        "mark_basically_done",
        "mark_long_term",
        "request_extension",
        "list",
    ],
    "submitted": ["return", "close", "mark_basically_done", "mark_long_term", "list"],
    "closed": ["reopen", "confirm_lookback"],
}
# Who takes each action, with what, and the state it leads to (None: unchanged).
DOING: dict[str, tuple[str, dict[str, Any], str | None]] = {
    "notify": ("supervisor", {}, "notified"),
    "start_rectifying": ("unit_staff_lead", {}, "rectifying"),
    "submit_evidence": (
        "unit_staff_lead",
        {"text": "已整改", "checklist": {"people": True}},
        "submitted",
    ),
    "return": ("supervisor", {"reason": "材料不全"}, "rectifying"),
    "close": ("supervisor", {}, "closed"),
    "mark_basically_done": ("supervisor", {}, "rectifying"),
    "mark_long_term": ("supervisor", {}, "rectifying"),
    "request_extension": (
        "unit_staff_lead",
        {"deadline": DEADLINE + timedelta(days=30), "reason": "需招标"},
        None,
    ),
    "approve_extension": ("supervisor", {}, None),
    "refuse_extension": ("supervisor", {"reason": "理由不充分"}, None),
    "list": ("commission_admin", {"deadline": date(2024, 10, 20)}, None),
    "reopen": (
        "supervisor",
        {"reason": "回头看发现反弹", "deadline": date(2024, 12, 31)},
        "rectifying",
    ),
    "confirm_lookback": ("supervisor", {}, None),
}
ACTIONS = PROBLEM_MACHINE.actions
CASES = [(state, action) for state in ALLOWED for action in ACTIONS]


def test_the_table_covers_every_action() -> None:
    assert set(DOING) == set(ACTIONS)


def _act(world: World, problem: Problem, action: str) -> Problem:
    role, extra, _target = DOING[action]
    return problem_transition(
        actor=world.users[role],
        problem=problem,
        action=action,
        version=problem.version,
        today=TODAY,
        **extra,
    )


@pytest.mark.parametrize(("state", "action"), CASES, ids=[f"{s}-{a}" for s, a in CASES])
def test_transition(world: World, state: str, action: str) -> None:
    # given a problem in `state`
    problem = problem_in(world, state)
    version = problem.version
    events = Event.objects.count()

    if action in ALLOWED[state]:
        # when the right person takes an allowed action
        _act(world, problem, action)

        # then it moves on, one version up, with one event
        target = DOING[action][2] or state
        stored = Problem.objects.get(pk=problem.pk)
        assert (stored.state, stored.version) == (target, version + 1)
        assert Event.objects.count() == events + 1
        assert Event.objects.latest("id").action == f"problem.{action}"
    else:
        # when the action is not allowed in this state, then 409 names the allowed ones
        with pytest.raises(ConflictError) as error:
            _act(world, problem, action)
        assert error.value.code == "invalid_transition"
        assert error.value.allowed == ALLOWED[state]
        stored = Problem.objects.get(pk=problem.pk)
        assert (stored.state, stored.version) == (state, version)
        assert Event.objects.count() == events


@pytest.mark.parametrize("state", ["open", "notified", "rectifying", "submitted"])
def test_extension_decisions_need_a_pending_request(world: World, state: str) -> None:
    problem = problem_in(world, state)
    for action in ("approve_extension", "refuse_extension"):
        with pytest.raises(ConflictError) as error:
            _act(world, problem, action)
        assert error.value.code == "invalid_transition"


def test_unknown_action_is_a_bad_request(world: World) -> None:
    problem = file_problem(world)
    with pytest.raises(ApplicationError) as error:
        problem_transition(
            actor=world.users["supervisor"], problem=problem, action="fly", version=1
        )
    assert (error.value.code, error.value.field) == ("unknown_action", "action")


# ---------------------------------------------------------------- filing and numbering


def test_problems_are_numbered_per_commission_and_year(world: World) -> None:
    first = file_problem(world)
    second = file_problem(world)
    next_year = file_problem(world, today=date(2025, 1, 2))
    putuo = file_problem_putuo(world)

    assert [first.number, second.number, next_year.number] == [
        "2024-0001",
        "2024-0002",
        "2025-0001",
    ]
    assert putuo.number == "2024-0001"
    assert (first.state, first.deadline, first.original_deadline) == ("open", DEADLINE, DEADLINE)
    assert first.assigned_on == TODAY


def file_problem_putuo(world: World) -> Problem:
    return problem_create(
        actor=world.users["commission_admin_other"],
        commission=world.orgs["pt_jiwei"],
        responsible_unit=world.orgs["pt_minzheng"],
        description="养老服务补贴发放不及时",
        deadline=DEADLINE,
        source=ProblemSource.HOTLINE,
        today=TODAY,
    )


def test_a_deadline_in_the_past_is_accepted(world: World) -> None:
    problem = file_problem(world, deadline=date(2024, 8, 1))
    assert problem.deadline == date(2024, 8, 1)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"unit": "pt_minzheng"}, "responsible_unit"),  # another district's unit
        ({"unit": "dinghai"}, "responsible_unit"),  # a region, not a unit
        ({"project": "other_in_progress"}, "project"),
        ({"description": "   "}, "description"),
    ],
)
def test_problem_create_validates(world: World, changes: dict[str, Any], field: str) -> None:
    with pytest.raises(ApplicationError) as error:
        file_problem(world, **changes)
    assert error.value.field == field
    assert Problem.objects.count() == 0


@pytest.mark.parametrize("role", ["unit_staff_lead", "viewer", "commission_admin_other", "citizen"])
def test_only_supervisors_of_the_jurisdiction_file_problems(world: World, role: str) -> None:
    with pytest.raises(PermissionDenied):
        file_problem(world, actor=role)
    assert Problem.objects.count() == 0
    assert Event.objects.count() == 0


def test_notify_issues_a_numbered_notice(world: World) -> None:
    problem = file_problem(world)
    _act(world, problem, "notify")
    second = file_problem(world)
    _act(world, second, "notify")

    notices = list(Notice.objects.order_by("pk").values_list("number", "problem", "deadline"))
    assert notices == [
        ("定海区纪委监委整改通知〔2024〕1号", problem.pk, DEADLINE),
        ("定海区纪委监委整改通知〔2024〕2号", second.pk, DEADLINE),
    ]


def test_submitted_evidence_keeps_the_six_checks(world: World) -> None:
    problem = problem_in(world, "submitted")
    evidence = ProblemEvidence.objects.get(problem=problem)
    assert evidence.text == "已完成整改，公开招标。"
    assert evidence.checklist == {
        "people": False,
        "matter": False,
        "unit": False,
        "result": False,
        "accountability": False,
        "institution": False,
    }


def test_unknown_checks_are_refused(world: World) -> None:
    problem = problem_in(world, "rectifying")
    with pytest.raises(ApplicationError) as error:
        problem_transition(
            actor=world.users["unit_staff_lead"],
            problem=problem,
            action="submit_evidence",
            version=problem.version,
            text="已整改",
            checklist={"见人": True},
        )
    assert error.value.field == "checklist"
    assert Problem.objects.get(pk=problem.pk).state == "rectifying"


def test_return_needs_a_reason(world: World) -> None:
    problem = problem_in(world, "submitted")
    with pytest.raises(ApplicationError) as error:
        problem_return(
            actor=world.users["supervisor"], problem=problem, version=problem.version, reason=" "
        )
    assert error.value.field == "reason"
    assert Problem.objects.get(pk=problem.pk).state == "submitted"


def test_close_schedules_the_lookback_by_policy(world: World) -> None:
    problem = problem_in(world, "closed")
    assert problem.lookback_due == TODAY + timedelta(days=90)

    WarningPolicy.objects.create(commission=world.orgs["dh_jiwei"], lookback_days=30)
    other = problem_in(world, "submitted")
    problem_close(
        actor=world.users["supervisor"], problem=other, version=other.version, today=TODAY
    )
    assert Problem.objects.get(pk=other.pk).lookback_due == TODAY + timedelta(days=30)


def test_reopen_after_a_relapse(world: World) -> None:
    problem = problem_in(world, "closed")
    _act(world, problem, "reopen")

    stored = Problem.objects.get(pk=problem.pk)
    assert (stored.state, stored.deadline, stored.closed_at, stored.lookback_due) == (
        "rectifying",
        date(2024, 12, 31),
        None,
        None,
    )
    event = Event.objects.latest("id")
    assert (event.action, event.reason) == ("problem.reopen", "回头看发现反弹")


def test_reopen_needs_a_new_deadline(world: World) -> None:
    problem = problem_in(world, "closed")
    with pytest.raises(ApplicationError) as error:
        problem_transition(
            actor=world.users["supervisor"],
            problem=problem,
            action="reopen",
            version=problem.version,
            reason="反弹",
            today=TODAY,
        )
    assert error.value.field == "deadline"


def test_confirm_lookback_once(world: World) -> None:
    problem = problem_in(world, "closed")
    _act(world, problem, "confirm_lookback")
    assert Problem.objects.get(pk=problem.pk).lookback_done_on == TODAY
    assert problem_allowed_actions(user=world.users["supervisor"], problem=problem) == ["reopen"]


def test_mark_progress_sends_a_submission_back_to_rectifying(world: World) -> None:
    problem = problem_in(world, "submitted")
    _act(world, problem, "mark_basically_done")
    stored = Problem.objects.get(pk=problem.pk)
    assert (stored.state, stored.progress) == ("rectifying", Progress.BASICALLY_DONE)


def test_list_gives_a_numbered_supervision_order(world: World) -> None:
    problem = problem_in(world, "rectifying")
    _act(world, problem, "list")
    stored = Problem.objects.get(pk=problem.pk)
    assert stored.listed is True
    assert stored.listed_number == "定海区纪委监委督办〔2024〕1号"
    assert stored.listed_deadline == date(2024, 10, 20)
    assert stored.listed_by == world.users["commission_admin"]
    assert "list" not in problem_allowed_actions(
        user=world.users["commission_admin"], problem=stored
    )


def test_supervisors_do_not_list(world: World) -> None:
    problem = problem_in(world, "rectifying")
    with pytest.raises(PermissionDenied):
        problem_transition(
            actor=world.users["supervisor"],
            problem=problem,
            action="list",
            version=problem.version,
            deadline=date(2024, 10, 20),
        )
    assert Problem.objects.get(pk=problem.pk).listed is False


# ---------------------------------------------------------------- extensions


def _request(world: World, problem: Problem, **kwargs: Any) -> DeadlineExtension:
    params: dict[str, Any] = {
        "deadline": DEADLINE + timedelta(days=30),
        "reason": "需重新招标",
        "today": TODAY,
    }
    params.update(kwargs)
    return problem_request_extension(
        actor=world.users["unit_staff_lead"], problem=problem, version=problem.version, **params
    )


def test_extension_requested_then_approved_moves_the_deadline(world: World) -> None:
    problem = problem_in(world, "rectifying")
    extension = _request(world, problem)
    assert "approve_extension" in problem_allowed_actions(
        user=world.users["supervisor"], problem=problem, today=TODAY
    )

    problem_decide_extension(
        actor=world.users["supervisor"], problem=problem, version=problem.version, approve=True
    )

    stored = Problem.objects.get(pk=problem.pk)
    extension.refresh_from_db()
    assert (stored.deadline, stored.original_deadline) == (DEADLINE + timedelta(days=30), DEADLINE)
    assert (extension.state, extension.previous_deadline) == (ExtensionState.APPROVED, DEADLINE)
    assert extension.decided_by == world.users["supervisor"]


def test_extension_refused_keeps_the_deadline_and_needs_a_reason(world: World) -> None:
    problem = problem_in(world, "rectifying")
    extension = _request(world, problem)
    with pytest.raises(ApplicationError):
        problem_decide_extension(
            actor=world.users["supervisor"], problem=problem, version=problem.version, approve=False
        )
    problem_decide_extension(
        actor=world.users["supervisor"],
        problem=problem,
        version=problem.version,
        approve=False,
        reason="理由不充分",
    )
    extension.refresh_from_db()
    assert extension.state == ExtensionState.REFUSED
    assert Problem.objects.get(pk=problem.pk).deadline == DEADLINE


def test_extension_only_before_the_deadline(world: World) -> None:
    problem = problem_in(world, "rectifying")
    with pytest.raises(ApplicationError) as error:
        _request(world, problem, today=DEADLINE + timedelta(days=1))
    assert error.value.code == "past_deadline"
    assert DeadlineExtension.objects.count() == 0


def test_one_pending_extension_at_a_time(world: World) -> None:
    problem = problem_in(world, "rectifying")
    _request(world, problem)
    with pytest.raises(ConflictError):
        _request(world, problem, deadline=DEADLINE + timedelta(days=60))
    assert DeadlineExtension.objects.count() == 1


def test_extension_must_move_the_deadline_later(world: World) -> None:
    problem = problem_in(world, "rectifying")
    with pytest.raises(ApplicationError) as error:
        _request(world, problem, deadline=DEADLINE)
    assert error.value.field == "deadline"


# ---------------------------------------------------------------- permissions on transitions


@pytest.mark.parametrize(
    ("action", "role"),
    [
        ("start_rectifying", "unit_staff_other"),
        ("start_rectifying", "viewer"),
        ("start_rectifying", "commission_admin_other"),
        ("notify", "unit_staff_lead"),
        ("notify", "viewer"),
    ],
)
def test_transitions_refused_without_the_right(world: World, action: str, role: str) -> None:
    problem = problem_in(world, "notified" if action == "start_rectifying" else "open")
    state, version = problem.state, problem.version
    with pytest.raises(PermissionDenied):
        problem_transition(
            actor=world.users[role], problem=problem, action=action, version=problem.version
        )
    assert Problem.objects.values_list("state", "version").get(pk=problem.pk) == (state, version)


def test_units_submit_evidence_but_supervisors_do_not(world: World) -> None:
    problem = problem_in(world, "rectifying")
    with pytest.raises(PermissionDenied):
        problem_transition(
            actor=world.users["supervisor"],
            problem=problem,
            action="submit_evidence",
            version=problem.version,
            text="代为提交",
        )
    assert ProblemEvidence.objects.count() == 0


# ---------------------------------------------------------------- optimistic locking


def test_two_people_acting_on_one_version_one_gets_a_conflict(world: World) -> None:
    # given two supervisors who opened the same submitted problem
    problem = problem_in(world, "submitted")
    first = Problem.objects.get(pk=problem.pk)
    second = Problem.objects.get(pk=problem.pk)

    # when the first closes it and the second returns it with the version both read
    problem_close(actor=world.users["supervisor"], problem=first, version=first.version)
    with pytest.raises(ConflictError) as error:
        problem_return(
            actor=world.users["commission_admin"],
            problem=second,
            version=second.version,
            reason="材料不全",
        )

    # then the second is told someone else acted, and the first's result stands
    assert error.value.code == "stale"
    assert Problem.objects.get(pk=problem.pk).state == "closed"


def test_a_stale_version_is_refused_before_anything_changes(world: World) -> None:
    problem = problem_in(world, "rectifying")
    with pytest.raises(ConflictError) as error:
        problem_transition(
            actor=world.users["supervisor"],
            problem=problem,
            action="mark_long_term",
            version=problem.version - 1,
        )
    assert error.value.code == "stale"
    assert Problem.objects.get(pk=problem.pk).progress == Progress.NONE


# ---------------------------------------------------------------- inspections


def _problem_data(world: World, unit: str = "dh_jiaoyu", **kwargs: Any) -> ProblemData:
    values: dict[str, Any] = {
        "responsible_unit": world.orgs[unit],
        "description": "食堂账目不清",
        "deadline": DEADLINE,
    }
    values.update(kwargs)
    return ProblemData(**values)


def test_inspection_files_its_problems_in_one_go(world: World) -> None:
    inspection = inspection_create(
        actor=world.users["supervisor"],
        commission=world.orgs["dh_jiwei"],
        date=date(2024, 9, 25),
        kind=InspectionKind.UNANNOUNCED,
        members="张三、李四",
        projects=[world.projects["in_progress"]],
        problems=[
            _problem_data(world),
            _problem_data(world, unit="dh_gongan", project=world.projects["draft"]),
        ],
        today=TODAY,
    )

    problems = list(inspection.problems.order_by("pk"))
    assert [(p.number, p.source, p.state) for p in problems] == [
        ("2024-0001", "inspection", "open"),
        ("2024-0002", "inspection", "open"),
    ]
    assert {u.name for u in inspection.inspected_units.all()} == {"定海区教育局", "定海区公安分局"}
    assert set(inspection.projects.all()) == {
        world.projects["in_progress"],
        world.projects["draft"],
    }
    assert list(Event.objects.values_list("action", flat=True)) == [
        "inspection.created",
        "problem.created",
        "problem.created",
    ]


def test_inspection_is_all_or_nothing(world: World) -> None:
    with pytest.raises(ApplicationError) as error:
        inspection_create(
            actor=world.users["supervisor"],
            commission=world.orgs["dh_jiwei"],
            date=date(2024, 9, 25),
            kind=InspectionKind.ONSITE,
            problems=[_problem_data(world), _problem_data(world, unit="pt_minzheng")],
            today=TODAY,
        )
    assert error.value.field == "problems-1-responsible_unit"
    assert (Inspection.objects.count(), Problem.objects.count(), Event.objects.count()) == (0, 0, 0)


def test_inspection_date_not_in_the_future(world: World) -> None:
    with pytest.raises(ApplicationError) as error:
        inspection_create(
            actor=world.users["supervisor"],
            commission=world.orgs["dh_jiwei"],
            date=TODAY + timedelta(days=1),
            kind=InspectionKind.ONSITE,
            today=TODAY,
        )
    assert error.value.field == "date"


@pytest.mark.parametrize("role", ["unit_staff_lead", "viewer", "commission_admin_other"])
def test_inspections_by_supervisors_of_the_jurisdiction_only(world: World, role: str) -> None:
    with pytest.raises(PermissionDenied):
        inspection_create(
            actor=world.users[role],
            commission=world.orgs["dh_jiwei"],
            date=TODAY,
            kind=InspectionKind.ONSITE,
            today=TODAY,
        )
    assert Inspection.objects.count() == 0


# ---------------------------------------------------------------- accountability


def test_accountability_record(world: World) -> None:
    problem = file_problem(world)
    record = accountability_record_create(
        actor=world.users["supervisor"],
        commission=world.orgs["dh_jiwei"],
        measure=Measure.EDUCATION,
        decided_on=TODAY,
        cases=1,
        persons=3,
        problem=problem,
        amount_refunded=Decimal("12000.5"),
    )
    assert (record.project, record.amount_refunded) == (
        world.projects["in_progress"],
        Decimal("12000.50"),
    )
    assert Event.objects.latest("id").action == "accountability.created"


@pytest.mark.parametrize("role", ["unit_staff_lead", "viewer", "commission_admin_other"])
def test_accountability_by_commission_roles_only(world: World, role: str) -> None:
    with pytest.raises(PermissionDenied):
        accountability_record_create(
            actor=world.users[role],
            commission=world.orgs["dh_jiwei"],
            measure=Measure.ADMONITION,
            decided_on=TODAY,
            persons=1,
        )
    assert AccountabilityRecord.objects.count() == 0


def test_accountability_needs_cases_or_persons(world: World) -> None:
    with pytest.raises(ApplicationError) as error:
        accountability_record_create(
            actor=world.users["supervisor"],
            commission=world.orgs["dh_jiwei"],
            measure=Measure.ADMONITION,
            decided_on=TODAY,
        )
    assert error.value.field == "persons"


def test_problem_state_values_match_the_design() -> None:
    assert ProblemState.values == ["open", "notified", "rectifying", "submitted", "closed"]


# ---------------------------------------------------------------- real concurrency (PostgreSQL)


def _in_threads(count: int, work: Any) -> list[Any]:
    """Run `work(i)` in `count` threads started together; each thread's result or error."""
    barrier = threading.Barrier(count)
    results: list[Any] = [None] * count

    def run(index: int) -> None:
        try:
            barrier.wait()
            results[index] = work(index)
        except Exception as error:
            results[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


@pytest.mark.django_db(transaction=True)
def test_concurrent_filing_gets_distinct_numbers(world: World) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("needs concurrent connections: run with DATABASE_URL=postgres://…")
    results = _in_threads(8, lambda i: file_problem(world, description=f"问题{i}").number)
    assert sorted(results) == [f"2024-{n:04d}" for n in range(1, 9)]


@pytest.mark.django_db(transaction=True)
def test_concurrent_transitions_one_wins(world: World) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("needs concurrent connections: run with DATABASE_URL=postgres://…")
    problem = problem_in(world, "submitted")

    def act(index: int) -> str:
        mine = Problem.objects.get(pk=problem.pk)
        if index % 2:
            problem_close(actor=world.users["supervisor"], problem=mine, version=mine.version)
        else:
            problem_return(
                actor=world.users["commission_admin"],
                problem=mine,
                version=mine.version,
                reason="材料不全",
            )
        return "ok"

    results = _in_threads(4, act)
    assert results.count("ok") == 1
    assert all(isinstance(r, ConflictError) for r in results if r != "ok")
    stored = Problem.objects.get(pk=problem.pk)
    assert stored.version == problem.version + 1
