from decimal import Decimal

from django.contrib.auth.models import AnonymousUser

from conftest import World
from kaimen.insights.selectors.rollup import (
    campaign_figures,
    mixed,
    rollup_for,
    totals_by_year_for,
)
from kaimen.insights.services import metric_codes_assign
from kaimen.insights.tests.factories import (
    accountability_make,
    imported_campaign,
    metric_make,
    supervision_world,
)
from kaimen.supervision.figures import recorded_for

D = Decimal


def _city_world(world: World) -> None:
    supervision_world(world)
    accountability_make(world)
    city = imported_campaign(world.orgs["zs_jiwei"], 2024)
    metric_make({"campaign": city}, "督导检查", "10", "次", "10", "次")
    metric_make({"campaign": city}, "追回资金", "5", "万元", "50000", "元")
    metric_codes_assign(actor=None, campaign=city)


def test_record_totals_are_the_registrys_count_of_one_campaign(world: World) -> None:
    _city_world(world)
    assert world.campaign is not None
    one = recorded_for(world.campaign)
    grouped = campaign_figures([world.campaign])[world.campaign.pk].values
    assert grouped == one
    assert grouped["inspections"] == 1
    assert grouped["problems_rectified"] == 2
    assert grouped["cases"] == 2
    assert grouped["persons_handled"] == 3
    assert grouped["funds_recovered"] == D("10000")
    assert grouped["institutions"] == 1


def test_the_city_sees_its_own_campaign_beside_the_districts(world: World) -> None:
    _city_world(world)
    assert world.campaign is not None
    assert world.other_campaign is not None
    rollup = rollup_for(
        user=world.users["city_admin"], organization=world.orgs["zs_jiwei"], year=2024
    )
    assert rollup.region == world.orgs["zhoushan"]
    assert rollup.own_values == {"inspections": D(10), "funds_recovered": D(50000)}
    dinghai, putuo = recorded_for(world.campaign), recorded_for(world.other_campaign)
    assert rollup.below == {code: dinghai[code] + putuo[code] for code in dinghai}
    assert rollup.total["inspections"] == D(11)
    assert rollup.total["funds_recovered"] == D(60000)
    children = {c.organization.name: (c.campaigns, c.values) for c in rollup.children}
    assert children["定海区"] == (1, dinghai)
    assert children["普陀区"] == (1, putuo)
    # 普陀's own campaign counts: its projects and lead units, its problem
    assert [putuo[c] for c in ("projects_selected", "units_involved", "problems_found")] == [
        2,
        1,
        1,
    ]
    assert rollup.total["projects_selected"] == D(4)
    assert rollup.codes[:2] == ["units_involved", "projects_selected"]
    assert "funds_recovered" in rollup.codes


def test_the_childrens_rows_add_up_to_the_parents_row_for_every_figure(world: World) -> None:
    _city_world(world)
    rollup = rollup_for(
        user=world.users["city_admin"], organization=world.orgs["zs_jiwei"], year=2024
    )
    for code in rollup.codes:
        children = sum((c.values.get(code, D(0)) for c in rollup.children), D(0))
        assert children + rollup.own_values.get(code, D(0)) == rollup.total.get(code, D(0)), code


def test_announced_and_recorded_figures_are_not_added_silently(world: World) -> None:
    _city_world(world)
    rollup = rollup_for(
        user=world.users["city_admin"], organization=world.orgs["zs_jiwei"], year=2024
    )
    # the city's own 督导检查 is announced, the districts' recorded: the total says both
    assert rollup.sources["inspections"] == {"announced", "recorded"}
    assert rollup.sources["cases"] == {"recorded"}
    assert "inspections" in mixed(rollup.sources)
    assert "cases" not in mixed(rollup.sources)


def test_the_province_is_the_sum_of_its_cities(world: World) -> None:
    _city_world(world)
    province = rollup_for(
        user=world.users["city_admin"], organization=world.orgs["zhejiang"], year=2024
    )
    city = rollup_for(
        user=world.users["city_admin"], organization=world.orgs["zhoushan"], year=2024
    )
    assert province.own == []
    assert province.total == city.total
    assert [c.values for c in province.children] == [city.total]


def test_anonymous_callers_get_published_campaigns_figures_only(world: World) -> None:
    _city_world(world)
    rollup = rollup_for(user=AnonymousUser(), organization=world.orgs["zhoushan"], year=2024)
    assert rollup.total == {"inspections": D(10), "funds_recovered": D(50000)}
    assert [c.values for c in rollup.children] == [{}, {}]


def test_totals_by_year(world: World) -> None:
    _city_world(world)
    older = imported_campaign(world.orgs["dh_jiwei"], 2023)
    metric_make({"campaign": older}, "督导检查", "194", "次", "194", "次")
    metric_codes_assign(actor=None, campaign=older)
    years = totals_by_year_for(user=world.users["city_admin"], organization=world.orgs["zhoushan"])
    assert sorted(years) == [2023, 2024]
    assert years[2023] == {"inspections": D(194)}
    assert years[2024]["inspections"] == D(11)
