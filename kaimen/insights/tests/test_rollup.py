from decimal import Decimal

from django.contrib.auth.models import AnonymousUser

from conftest import World
from kaimen.insights.selectors.rollup import campaign_figures, rollup_for, totals_by_year_for
from kaimen.insights.services import metric_codes_assign
from kaimen.insights.tests.factories import (
    accountability_make,
    imported_campaign,
    metric_make,
    supervision_world,
)
from kaimen.supervision.selectors import campaign_supervision_totals

D = Decimal


def _city_world(world: World) -> None:
    supervision_world(world)
    accountability_make(world)
    city = imported_campaign(world.orgs["zs_jiwei"], 2024)
    metric_make({"campaign": city}, "督导检查", "10", "次", "10", "次")
    metric_make({"campaign": city}, "追回资金", "5", "万元", "50000", "元")
    metric_codes_assign(actor=None, campaign=city)


def test_record_totals_match_supervisions_count_of_one_campaign(world: World) -> None:
    _city_world(world)
    assert world.campaign is not None
    one = campaign_supervision_totals(world.campaign)
    grouped = campaign_figures([world.campaign])[world.campaign.pk].values
    assert grouped["inspections"] == one.inspections == 1
    assert grouped["problems_rectified"] == one.problems_closed == 2
    assert grouped["cases"] == one.cases == 2
    assert grouped["persons_handled"] == one.persons == 3
    assert grouped["funds_recovered"] == one.amount_recovered == D("10000")
    assert grouped["institutions"] == 1


def test_the_city_sees_its_own_campaign_beside_the_districts(world: World) -> None:
    _city_world(world)
    rollup = rollup_for(
        user=world.users["city_admin"], organization=world.orgs["zs_jiwei"], year=2024
    )
    assert rollup.region == world.orgs["zhoushan"]
    assert rollup.own_values == {"inspections": D(10), "funds_recovered": D(50000)}
    assert rollup.below == {
        "inspections": D(1), "cases": D(2), "persons_handled": D(3), "problems_rectified": D(2),
        "institutions": D(1), "funds_recovered": D(10000),
    }  # fmt: skip
    assert rollup.total["inspections"] == D(11)
    assert rollup.total["funds_recovered"] == D(60000)
    children = {c.organization.name: (c.campaigns, c.values) for c in rollup.children}
    assert children["定海区"] == (1, rollup.below)
    assert children["普陀区"] == (1, {code: D(0) for code in rollup.below})
    assert rollup.codes == [
        "cases", "persons_handled", "institutions", "problems_rectified", "inspections",
        "funds_recovered",
    ]  # fmt: skip


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
