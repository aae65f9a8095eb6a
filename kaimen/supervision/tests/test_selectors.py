"""Scoped reads: who sees which problems, the warning summary, campaign totals."""

from datetime import date

import pytest
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext

from conftest import World
from kaimen.accounts.models import User
from kaimen.supervision.models import (
    AccountabilityRecord,
    Inspection,
    InspectionKind,
    Measure,
    WarningPolicy,
)
from kaimen.supervision.selectors import (
    accountability_list_for,
    inspection_list_for,
    problem_get_for,
    problem_list_for,
    warning_summary_for,
)
from kaimen.supervision.tests.factories import TODAY, file_problem, problem_in, putuo_problem


def _ids(problems: object) -> set[int]:
    return {p.pk for p in problems}  # type: ignore[attr-defined]


def test_scope_of_problem_lists(world: World) -> None:
    jiaoyu = file_problem(world)
    gongan = file_problem(world, unit="dh_gongan", project="draft")
    putuo = putuo_problem(world)

    def seen(role: str) -> set[int]:
        return _ids(problem_list_for(user=world.users[role]))

    assert seen("supervisor") == {jiaoyu.pk, gongan.pk}
    assert seen("viewer") == {jiaoyu.pk, gongan.pk}
    assert seen("unit_staff_lead") == {jiaoyu.pk}
    assert seen("unit_staff_other") == {gongan.pk}
    assert seen("commission_admin_other") == {putuo.pk}
    assert seen("city_admin") == {jiaoyu.pk, gongan.pk, putuo.pk}
    assert seen("citizen") == set()


def test_problem_get_is_404_out_of_scope(world: World) -> None:
    problem = file_problem(world)
    assert problem_get_for(user=world.users["unit_staff_lead"], pk=problem.pk) == problem
    for role in ("unit_staff_other", "commission_admin_other", "citizen"):
        with pytest.raises(Http404):
            problem_get_for(user=world.users[role], pk=problem.pk)


def test_filters(world: World) -> None:
    overdue = file_problem(world, deadline=date(2024, 8, 1))  # red on TODAY
    due_soon = file_problem(world, deadline=date(2024, 9, 30))  # blue on TODAY
    later = problem_in(world, "notified", unit="dh_gongan", project="draft")
    user = world.users["supervisor"]

    def ids(**filters: object) -> set[int]:
        return _ids(problem_list_for(user=user, today=TODAY, **filters))  # type: ignore[arg-type]

    assert ids(colour="red") == {overdue.pk}
    assert ids(colour="blue") == {due_soon.pk}
    assert ids(colour="yellow") == set()
    assert ids(state="notified") == {later.pk}
    assert ids(unit=world.orgs["dh_gongan"].pk) == {later.pk}
    assert ids(project=world.projects["in_progress"].pk) == {overdue.pk, due_soon.pk}
    assert ids(listed=True) == set()
    assert ids(source="inspection") == {overdue.pk, due_soon.pk, later.pk}


def test_colour_filter_uses_each_commissions_policy(world: World) -> None:
    # given 普陀 counts in three colours: an overdue problem is red there, not yellow
    WarningPolicy.objects.create(commission=world.orgs["pt_jiwei"], colours="three")
    putuo = putuo_problem(world)
    dinghai = file_problem(world, deadline=date(2024, 9, 20))  # 4 working days overdue: yellow

    user = world.users["city_admin"]
    assert _ids(problem_list_for(user=user, colour="red", today=TODAY)) == {putuo.pk}
    assert _ids(problem_list_for(user=user, colour="yellow", today=TODAY)) == {dinghai.pk}


def test_warning_summary_counts_the_callers_scope(world: World) -> None:
    file_problem(world, deadline=date(2024, 8, 1))  # red
    file_problem(world, deadline=date(2024, 9, 30))  # blue
    problem_in(world, "closed")
    putuo_problem(world)

    with CaptureQueriesContext(connection) as queries:
        summary = warning_summary_for(user=world.users["supervisor"], today=TODAY)

    assert len(queries) <= 4
    assert summary.total == 3
    assert summary.colours == {"green": 0, "blue": 1, "yellow": 0, "orange": 0, "red": 1}
    assert summary.states == {
        "open": 2,
        "notified": 0,
        "rectifying": 0,
        "submitted": 0,
        "closed": 1,
    }
    assert summary.statuses == {"done": 1, "on_schedule": 1, "behind": 1, "long_term": 0}

    unit = warning_summary_for(user=world.users["unit_staff_other"], today=TODAY)
    assert (unit.total, unit.colours["red"]) == (0, 0)


def test_summary_query_count_does_not_grow(world: World) -> None:
    for _ in range(3):
        file_problem(world)
    warning_summary_for(user=world.users["supervisor"], today=TODAY)  # loads the calendar table
    with CaptureQueriesContext(connection) as few:
        warning_summary_for(user=User.objects.get(username="supervisor"), today=TODAY)
    for _ in range(20):
        file_problem(world)
    with CaptureQueriesContext(connection) as many:
        warning_summary_for(user=User.objects.get(username="supervisor"), today=TODAY)
    assert len(many) == len(few)


def test_inspections_and_accountability_are_for_commission_roles(world: World) -> None:
    inspection = Inspection.objects.create(
        commission=world.orgs["dh_jiwei"], date=TODAY, kind=InspectionKind.ONSITE
    )
    record = AccountabilityRecord.objects.create(
        commission=world.orgs["dh_jiwei"], decided_on=TODAY, persons=1, measure=Measure.ADMONITION
    )
    for role in ("supervisor", "viewer", "city_admin"):
        assert list(inspection_list_for(user=world.users[role])) == [inspection]
        assert list(accountability_list_for(user=world.users[role])) == [record]
    for role in ("unit_staff_lead", "commission_admin_other", "citizen"):
        assert list(inspection_list_for(user=world.users[role])) == []
        assert list(accountability_list_for(user=world.users[role])) == []
