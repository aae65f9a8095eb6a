from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from conftest import World
from kaimen.core.errors import ApplicationError, ConflictError
from kaimen.timeline.models import Event
from kaimen.tours.models import FeedbackItem, Measure, MeasureState, Tour
from kaimen.tours.services import (
    ItemData,
    MeasureData,
    feedback_items_add,
    measure_close,
    measure_progress,
    measure_reopen,
    measure_update,
    measures_add,
    tour_create,
    tour_update,
)
from kaimen.tours.tests.factories import TODAY, add_items, make_tour, tour_with_measures

pytestmark = pytest.mark.django_db


def test_tour_create_records_an_event(world: World) -> None:
    tour = make_tour(world)

    assert tour.office == world.orgs["dh_jiwei"]
    assert tour.title == "关于十四届省委第十四轮巡视整改进展情况的通报"
    assert Event.objects.filter(action="tour.created", target_id=str(tour.pk)).count() == 1


def test_tour_create_refused_to_a_unit_and_another_district(world: World) -> None:
    for role in ("unit_staff_lead", "commission_admin_other", "viewer"):
        with pytest.raises(PermissionDenied):
            make_tour(world, actor=role)

    assert Tour.objects.count() == 0


def test_tour_create_refuses_a_future_feedback_date(world: World) -> None:
    with pytest.raises(ApplicationError) as error:
        tour_create(
            actor=world.users["supervisor"],
            office=world.orgs["dh_jiwei"],
            name="十四届省委第十四轮巡视",
            inspected_party="中共舟山市定海区委",
            feedback_on=date(2024, 9, 27),
            today=TODAY,
        )

    assert error.value.field == "feedback_on"


def test_items_are_numbered_after_the_last_one(world: World) -> None:
    tour = make_tour(world)
    add_items(world, tour)

    more = feedback_items_add(
        actor=world.users["commission_admin"],
        tour=tour,
        items=[ItemData("全面从严治党", "落实抓党风廉政建设还不够严实")],
    )

    assert [i.position for i in tour.items.order_by("position")] == [1, 2, 3]
    assert more[0].position == 3


def test_items_all_or_nothing_with_the_row_named(world: World) -> None:
    tour = make_tour(world)

    with pytest.raises(ApplicationError) as error:
        feedback_items_add(
            actor=world.users["supervisor"],
            tour=tour,
            items=[ItemData("类别", "第一个问题"), ItemData("类别", "  ")],
        )

    assert error.value.field == "items-1-title"
    assert FeedbackItem.objects.count() == 0


def test_measures_refused_to_units_nothing_changed(world: World) -> None:
    tour = make_tour(world)
    item = add_items(world, tour)[0]

    with pytest.raises(PermissionDenied):
        measures_add(
            actor=world.users["unit_staff_lead"],
            item=item,
            measures=[MeasureData("措施。", [world.orgs["dh_jiaoyu"]], date(2024, 10, 31))],
        )

    assert Measure.objects.count() == 0


def test_measures_need_units_in_the_jurisdiction(world: World) -> None:
    tour = make_tour(world)
    item = add_items(world, tour)[0]

    with pytest.raises(ApplicationError) as error:
        measures_add(
            actor=world.users["supervisor"],
            item=item,
            measures=[
                MeasureData("措施一。", [world.orgs["dh_jiaoyu"]], date(2024, 10, 31)),
                MeasureData("措施二。", [world.orgs["pt_minzheng"]], date(2024, 10, 31)),
            ],
        )

    assert error.value.field == "measures-1-units"
    assert Measure.objects.count() == 0


def test_unit_reports_progress_and_the_measure_starts(world: World) -> None:
    _tour, _items, measures = tour_with_measures(world)
    measure = measures[0]

    measure_progress(
        actor=world.users["unit_staff_lead"],
        measure=measure,
        version=measure.version,
        progress="召开专题会议5次。",
    )

    measure.refresh_from_db()
    assert measure.state == MeasureState.IN_PROGRESS
    assert measure.progress == "召开专题会议5次。"
    assert measure.version == 2


def test_another_unit_cannot_report_on_it(world: World) -> None:
    _tour, _items, measures = tour_with_measures(world)

    with pytest.raises(PermissionDenied):
        measure_progress(
            actor=world.users["unit_staff_other"],
            measure=measures[0],
            version=1,
            progress="不是本单位的措施。",
        )

    measures[0].refresh_from_db()
    assert measures[0].progress == ""
    assert measures[0].state == MeasureState.OPEN


def test_unit_cannot_mark_long_term(world: World) -> None:
    _tour, _items, measures = tour_with_measures(world)

    with pytest.raises(PermissionDenied):
        measure_progress(
            actor=world.users["unit_staff_lead"],
            measure=measures[0],
            version=1,
            progress="长期推进。",
            long_term=True,
        )

    measures[0].refresh_from_db()
    assert measures[0].state == MeasureState.OPEN


def test_stale_version_is_a_conflict(world: World) -> None:
    _tour, _items, measures = tour_with_measures(world)
    measure = measures[0]
    measure_progress(
        actor=world.users["unit_staff_lead"], measure=measure, version=1, progress="第一次。"
    )
    stale = Measure.objects.get(pk=measure.pk)
    stale.version = 1

    with pytest.raises(ConflictError) as error:
        measure_progress(
            actor=world.users["supervisor"], measure=stale, version=1, progress="第二次。"
        )

    assert error.value.code == "stale"
    measure.refresh_from_db()
    assert measure.progress == "第一次。"


def test_close_needs_the_ledger_check_and_evidence(world: World) -> None:
    _tour, _items, measures = tour_with_measures(world)
    measure = measures[0]

    with pytest.raises(ApplicationError) as unchecked:
        measure_close(
            actor=world.users["supervisor"],
            measure=measure,
            version=1,
            evidence="已完成。",
            ledger_checked=False,
        )
    with pytest.raises(ApplicationError) as empty:
        measure_close(
            actor=world.users["supervisor"],
            measure=measure,
            version=1,
            evidence=" ",
            ledger_checked=True,
        )

    assert unchecked.value.field == "ledger_checked"
    assert empty.value.field == "evidence"
    measure.refresh_from_db()
    assert measure.state == MeasureState.OPEN


def test_close_is_the_offices_not_the_units(world: World) -> None:
    _tour, _items, measures = tour_with_measures(world)

    with pytest.raises(PermissionDenied):
        measure_close(
            actor=world.users["unit_staff_lead"],
            measure=measures[0],
            version=1,
            evidence="自行销号。",
            ledger_checked=True,
        )

    measures[0].refresh_from_db()
    assert measures[0].state == MeasureState.OPEN


def test_close_then_reopen(world: World) -> None:
    _tour, _items, measures = tour_with_measures(world)
    measure = measures[0]
    supervisor = world.users["supervisor"]

    measure_close(
        actor=supervisor, measure=measure, version=1, evidence="制度已出台。", ledger_checked=True
    )
    measure.refresh_from_db()
    assert (measure.state, measure.ledger_checked, measure.closed_by) == (
        MeasureState.DONE,
        True,
        supervisor,
    )

    measure_reopen(actor=supervisor, measure=measure, version=2, reason="回头看发现反弹。")

    measure.refresh_from_db()
    assert (measure.state, measure.ledger_checked, measure.closed_at) == (
        MeasureState.IN_PROGRESS,
        False,
        None,
    )
    event = Event.objects.get(action="tour.measure_reopened")
    assert event.reason == "回头看发现反弹。"


def test_reopen_only_a_done_measure(world: World) -> None:
    _tour, _items, measures = tour_with_measures(world)

    with pytest.raises(ConflictError) as error:
        measure_reopen(
            actor=world.users["supervisor"], measure=measures[0], version=1, reason="无。"
        )

    assert error.value.code == "invalid_transition"


def test_measure_update_changes_units_and_deadline(world: World) -> None:
    _tour, _items, measures = tour_with_measures(world)
    measure = measures[0]

    measure_update(
        actor=world.users["commission_admin"],
        measure=measure,
        version=1,
        data=MeasureData("改后的措施。", [world.orgs["dh_gongan"]], date(2024, 12, 31), "副区长"),
    )

    measure.refresh_from_db()
    assert (measure.text, measure.deadline, measure.leader) == (
        "改后的措施。",
        date(2024, 12, 31),
        "副区长",
    )
    assert list(measure.units.all()) == [world.orgs["dh_gongan"]]


def test_tour_update_figures_and_stale(world: World) -> None:
    tour = make_tour(world)

    tour_update(
        actor=world.users["supervisor"],
        tour=tour,
        version=1,
        party_discipline=8,
        refunded_wan=Decimal("4.49"),
    )
    with pytest.raises(ConflictError):
        tour_update(actor=world.users["supervisor"], tour=tour, version=1, institutions=17)

    tour.refresh_from_db()
    assert (tour.party_discipline, tour.refunded_wan, tour.institutions, tour.version) == (
        8,
        Decimal("4.49"),
        0,
        2,
    )


def test_tour_update_refused_to_a_viewer(world: World) -> None:
    tour = make_tour(world)

    with pytest.raises(PermissionDenied):
        tour_update(actor=world.users["viewer"], tour=tour, version=1, party_discipline=8)

    tour.refresh_from_db()
    assert tour.party_discipline == 0
