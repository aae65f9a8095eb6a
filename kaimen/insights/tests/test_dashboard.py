from decimal import Decimal

from conftest import World
from kaimen.insights.selectors.dashboard import dashboard_for
from kaimen.insights.tests.factories import TODAY, second_citizen, supervision_world
from kaimen.participation.models import Evaluation
from kaimen.supervision.selectors import Colouring


def test_the_factories_colours_agree_with_supervision(world: World) -> None:
    problems = supervision_world(world)
    colouring = Colouring(TODAY)
    assert {k: colouring.colour(p) for k, p in problems.items()} == {
        "red": "red", "yellow": "yellow", "closed_on_time": None, "orange": "orange",
        "blue": "blue", "closed_late": None, "putuo_red": "red",
    }  # fmt: skip


def test_dashboard_counts_a_districts_problems_by_unit(world: World) -> None:
    supervision_world(world)
    board = dashboard_for(user=world.users["supervisor"], today=TODAY)
    assert board.summary.total == 6
    assert board.colours == ["red", "orange", "yellow", "blue"]
    assert [(u.unit, u.total, u.closed, u.closed_on_time, u.overdue) for u in board.units] == [
        ("定海区教育局", 3, 1, 1, 2),
        ("定海区公安分局", 3, 1, 0, 1),
    ]
    assert board.units[0].colours == {"green": 0, "blue": 0, "yellow": 1, "orange": 0, "red": 1}
    assert board.units[1].colours == {"green": 0, "blue": 1, "yellow": 0, "orange": 1, "red": 0}
    assert board.rectification_rate == Decimal("33.3")
    assert board.on_time_rate == Decimal("50.0")
    assert board.overdue_total == 3
    assert [p.description for p in board.overdue] == [
        "定海区教育局问题1", "定海区公安分局问题4", "定海区教育局问题2",  # red, orange, yellow
    ]  # fmt: skip


def test_the_city_sees_both_districts_red_first(world: World) -> None:
    supervision_world(world)
    board = dashboard_for(user=world.users["city_admin"], today=TODAY)
    assert [(u.region, u.unit, u.colours["red"], u.colours["orange"]) for u in board.units] == [
        ("定海区", "定海区教育局", 1, 0),
        ("普陀区", "普陀区民政局", 1, 0),
        ("定海区", "定海区公安分局", 0, 1),
    ]


def test_a_unit_sees_only_its_own_problems(world: World) -> None:
    supervision_world(world)
    board = dashboard_for(user=world.users["unit_staff_other"], today=TODAY)
    assert [(u.unit, u.total) for u in board.units] == [("定海区公安分局", 3)]
    keys = [p.key for p in board.panels]
    assert "topics" not in keys  # topic calls are the commission's
    assert "satisfaction" in keys


def test_the_satisfaction_panel_counts_ratings_in_scope(world: World) -> None:
    Evaluation.objects.create(
        project=world.projects["published"], citizen=world.users["citizen"], rating="satisfied"
    )
    Evaluation.objects.create(
        project=world.projects["published"], citizen=second_citizen(), rating="dissatisfied"
    )
    Evaluation.objects.create(
        project=world.projects["other_published"],
        citizen=world.users["citizen"],
        rating="dissatisfied",
    )
    board = dashboard_for(user=world.users["viewer"], today=TODAY)
    panel = next(p for p in board.panels if p.key == "satisfaction")
    assert [(str(r.label), r.value) for r in panel.rows] == [
        ("满意", 1), ("基本满意", 0), ("不满意", 1), ("满意率", "50.0%"),
    ]  # fmt: skip
