from datetime import date

import pytest
from django.http import Http404

from conftest import World
from kaimen.supervision.warnings import BEHIND, DONE, LONG_TERM, ON_SCHEDULE
from kaimen.tours.models import MeasureState
from kaimen.tours.selectors import (
    ledger_groups,
    measure_get_for,
    measure_list_for,
    measure_rows,
    responsibility_list,
    tour_counts,
    tour_get_for,
    tour_list_for,
)
from kaimen.tours.services import measure_close
from kaimen.tours.tests.factories import add_items, add_measure, make_tour, tour_with_measures

pytestmark = pytest.mark.django_db


def test_commission_roles_see_the_tour_another_district_does_not(world: World) -> None:
    tour = make_tour(world)

    for role in ("supervisor", "commission_admin", "viewer", "city_admin"):
        assert list(tour_list_for(user=world.users[role])) == [tour]
    assert list(tour_list_for(user=world.users["commission_admin_other"])) == []
    with pytest.raises(Http404):
        tour_get_for(user=world.users["commission_admin_other"], pk=tour.pk)


def test_a_unit_sees_the_tour_only_with_a_measure_and_only_its_measures(world: World) -> None:
    tour, _items, measures = tour_with_measures(world)
    lead, other = world.users["unit_staff_lead"], world.users["unit_staff_other"]

    assert list(tour_list_for(user=lead)) == [tour]
    assert list(measure_list_for(user=lead, tour=tour)) == [measures[0], measures[2]]
    assert list(measure_list_for(user=other, tour=tour)) == [measures[1]]
    with pytest.raises(Http404):
        measure_get_for(user=other, pk=measures[0].pk)


def test_a_unit_without_measures_sees_no_tour(world: World) -> None:
    make_tour(world)

    assert list(tour_list_for(user=world.users["unit_staff_lead"])) == []


def test_colours_follow_the_default_policy(world: World) -> None:
    """Blue 3 working days before, yellow overdue, orange 10 and red 20 working days overdue."""
    tour = make_tour(world)
    item = add_items(world, tour)[0]
    deadlines = {
        "none": date(2024, 11, 29),
        "blue": date(2024, 9, 30),  # 2 working days after Thu 26 Sep (holiday from 1 Oct)
        "yellow": date(2024, 9, 20),
        "orange": date(2024, 9, 6),
        "red": date(2024, 8, 20),
    }
    for deadline in deadlines.values():
        add_measure(world, item, deadline=deadline)
    long_term = add_measure(world, item, deadline=date(2024, 8, 1), long_term=True)

    rows = measure_rows(
        measure_list_for(user=world.users["supervisor"], tour=tour), tour, today=date(2024, 9, 26)
    )

    assert [row.colour for row in rows] == [None, "blue", "yellow", "orange", "red", None]
    assert rows[-1].measure == long_term
    assert [row.status for row in rows] == [
        ON_SCHEDULE,
        ON_SCHEDULE,
        BEHIND,
        BEHIND,
        BEHIND,
        LONG_TERM,
    ]


def test_done_measures_are_not_coloured(world: World) -> None:
    tour, _items, measures = tour_with_measures(world)
    measure_close(
        actor=world.users["supervisor"],
        measure=measures[2],
        version=1,
        evidence="已整改。",
        ledger_checked=True,
    )

    rows = measure_rows(
        measure_list_for(user=world.users["supervisor"], tour=tour), tour, today=date(2024, 9, 26)
    )

    assert [(row.colour, row.status) for row in rows] == [
        (None, ON_SCHEDULE),
        (None, ON_SCHEDULE),
        (None, DONE),
    ]
    counts = tour_counts(rows)
    assert (counts.measures, counts.done, counts.rate) == (3, 1, "33.33%")


def test_filters_and_colour_filter(world: World) -> None:
    tour, _items, measures = tour_with_measures(world)
    user = world.users["supervisor"]

    by_unit = measure_list_for(user=user, tour=tour, unit=world.orgs["dh_gongan"].pk)
    by_category = measure_list_for(user=user, tour=tour, category="群众身边腐败和作风问题")
    orange = measure_rows(
        measure_list_for(user=user, tour=tour), tour, today=date(2024, 9, 26), colour="orange"
    )

    assert list(by_unit) == [measures[1]]
    assert list(by_category) == [measures[2]]
    assert [row.measure for row in orange] == [measures[2]]
    assert list(measure_list_for(user=user, tour=tour, state=MeasureState.DONE)) == []


def test_ledger_groups_by_category_and_responsibility_list(world: World) -> None:
    tour, items, measures = tour_with_measures(world)
    rows = measure_rows(measure_list_for(user=world.users["supervisor"], tour=tour), tour)

    groups = ledger_groups(items, rows, keep_empty=True)
    units = responsibility_list(rows)

    assert [(category, [g.item for g in gs]) for category, gs in groups] == [
        ("落实整改主体责任", [items[0]]),
        ("群众身边腐败和作风问题", [items[1]]),
    ]
    assert [len(g.rows) for _c, gs in groups for g in gs] == [2, 1]
    assert [(unit.name, [r.measure for r in unit_rows]) for unit, unit_rows in units] == [
        ("定海区教育局", [measures[0], measures[2]]),
        ("定海区公安分局", [measures[1]]),
    ]
