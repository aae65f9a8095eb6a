"""Listed supervision keeps its own clock: an extension past the 督办时限 needs the leader who
listed the problem; the page shows both dates and which one binds."""

from datetime import timedelta

import pytest

from conftest import World
from kaimen.core.errors import ApplicationError
from kaimen.supervision.models import ExtensionState, Problem
from kaimen.supervision.services.problems import (
    problem_decide_extension,
    problem_put_on_list,
    problem_request_extension,
)
from kaimen.supervision.tests.factories import DEADLINE, TODAY, problem_in


def _listed_with_request(world: World, days_past_listing: int) -> Problem:
    problem = problem_in(world, "rectifying")
    problem_put_on_list(
        actor=world.users["commission_admin"],
        problem=problem,
        version=problem.version,
        deadline=DEADLINE + timedelta(days=10),
        reason="群众反映强烈",
        today=TODAY,
    )
    problem_request_extension(
        actor=world.users["unit_staff_lead"],
        problem=problem,
        version=problem.version,
        deadline=DEADLINE + timedelta(days=10 + days_past_listing),
        reason="需要招标",
        today=TODAY,
    )
    return problem


def test_another_supervisor_cannot_extend_past_the_listing_deadline(world: World) -> None:
    problem = _listed_with_request(world, days_past_listing=60)
    with pytest.raises(ApplicationError) as error:
        problem_decide_extension(
            actor=world.users["supervisor"], problem=problem, version=problem.version, approve=True
        )
    assert error.value.code == "needs_listing_leader"
    assert "超过挂牌督办时限" in error.value.message
    stored = Problem.objects.get(pk=problem.pk)
    assert stored.deadline == DEADLINE
    assert stored.extensions.get().state == ExtensionState.REQUESTED
    # refusing stays open to every supervisor
    problem_decide_extension(
        actor=world.users["supervisor"],
        problem=stored,
        version=stored.version,
        approve=False,
        reason="超过督办时限",
    )


def test_the_listing_leader_extends_both_clocks(world: World) -> None:
    problem = _listed_with_request(world, days_past_listing=60)
    problem_decide_extension(
        actor=world.users["commission_admin"],
        problem=problem,
        version=problem.version,
        approve=True,
    )
    stored = Problem.objects.get(pk=problem.pk)
    assert stored.deadline == stored.listed_deadline == DEADLINE + timedelta(days=70)


def test_an_extension_within_the_listing_deadline_needs_no_leader(world: World) -> None:
    problem = _listed_with_request(world, days_past_listing=-5)
    problem_decide_extension(
        actor=world.users["supervisor"], problem=problem, version=problem.version, approve=True
    )
    stored = Problem.objects.get(pk=problem.pk)
    assert stored.deadline == DEADLINE + timedelta(days=5)
    assert stored.listed_deadline == DEADLINE + timedelta(days=10)


def test_the_page_shows_both_dates_and_which_binds(world: World) -> None:
    problem = _listed_with_request(world, days_past_listing=60)
    body = (
        world.client_for("supervisor")
        .get(f"/staff/supervision/problems/{problem.pk}/")
        .content.decode()
    )
    assert "督办时限：" in body
    assert "以整改时限为准" in body  # 整改时限 comes first
    assert "须由挂牌领导" in body
