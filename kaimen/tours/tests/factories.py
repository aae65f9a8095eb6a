"""A tour with feedback items and measures for tests, made through the services."""

from datetime import date

from conftest import World
from kaimen.tours.models import FeedbackItem, Measure, Tour
from kaimen.tours.services import (
    ItemData,
    MeasureData,
    feedback_items_add,
    measures_add,
    tour_create,
)

TODAY = date(2024, 9, 26)  # a Thursday before National Day
FEEDBACK_ON = date(2024, 6, 3)


def make_tour(world: World, *, actor: str = "supervisor") -> Tour:
    return tour_create(
        actor=world.users[actor],
        office=world.orgs["dh_jiwei"],
        name="十四届省委第十四轮巡视",
        inspected_party="中共舟山市定海区委",
        feedback_on=FEEDBACK_ON,
        today=TODAY,
    )


def add_items(world: World, tour: Tour) -> list[FeedbackItem]:
    return feedback_items_add(
        actor=world.users["supervisor"],
        tour=tour,
        items=[
            ItemData("落实整改主体责任", "落实整改主体责任不够到位"),
            ItemData("群众身边腐败和作风问题", "群众身边腐败和作风问题整治不够有力"),
        ],
    )


def add_measure(
    world: World,
    item: FeedbackItem,
    *,
    text: str = "区委全面落实巡视整改主体责任。",
    unit: str = "dh_jiaoyu",
    deadline: date = date(2024, 10, 31),
    long_term: bool = False,
) -> Measure:
    return measures_add(
        actor=world.users["supervisor"],
        item=item,
        measures=[
            MeasureData(
                text=text,
                units=[world.orgs[unit]],
                deadline=deadline,
                leader="区委副书记",
                long_term=long_term,
            )
        ],
        today=FEEDBACK_ON,
    )[0]


def tour_with_measures(world: World) -> tuple[Tour, list[FeedbackItem], list[Measure]]:
    """Two items; the first with a 教育局 measure and a 公安分局 measure, the second one more."""
    tour = make_tour(world)
    items = add_items(world, tour)
    measures = [
        add_measure(world, items[0]),
        add_measure(world, items[0], text="层层压实巡视整改责任。", unit="dh_gongan"),
        add_measure(world, items[1], text="整治群众身边不正之风。", deadline=date(2024, 9, 1)),
    ]
    return tour, items, measures
