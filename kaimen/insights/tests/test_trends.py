from decimal import Decimal

from conftest import World
from kaimen.insights.selectors.trends import series_chart, theme_trend
from kaimen.insights.services import metric_codes_assign
from kaimen.insights.tests.factories import anti_fraud_project, imported_campaign


def test_a_theme_shows_the_same_figure_year_by_year(world: World) -> None:
    for year, amount in ((2022, "820"), (2023, "1132.4")):
        campaign = imported_campaign(world.orgs["dh_jiwei"], year)
        anti_fraud_project(campaign, amount)
        metric_codes_assign(actor=None, campaign=campaign)
    trend = theme_trend(theme="anti_fraud")
    assert trend.years == [2022, 2023]
    assert [(s.code, s.values) for s in trend.series] == [
        ("funds_recovered", {2022: Decimal("8200000"), 2023: Decimal("11324000")})
    ]
    assert series_chart(trend)["series"][0]["values"] == [820.0, 1132.4]


def test_unpublished_projects_stay_out_of_the_trend(world: World) -> None:
    campaign = imported_campaign(world.orgs["dh_jiwei"], 2022)
    project = anti_fraud_project(campaign, "820")
    project.state = "in_progress"
    project.save()
    assert theme_trend(theme="anti_fraud").series == []
