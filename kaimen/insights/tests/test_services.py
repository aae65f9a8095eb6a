from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from conftest import World
from kaimen.campaigns.models import Metric
from kaimen.insights.models import LeagueTablePolicy
from kaimen.insights.services import league_table_policy_set, metric_codes_assign
from kaimen.insights.tests.factories import metric_make
from kaimen.timeline.models import Event


def test_metric_codes_assign_classifies_the_campaigns_figures(world: World) -> None:
    # given intro and project figures without codes
    assert world.campaign is not None
    metric_make({"campaign": world.campaign}, "督导检查", "646", "次", "646", "次")
    metric_make({"project": world.projects["published"]}, "追赃", "974.6", "万元", "9746000", "元")
    metric_make({"project": world.projects["published"]}, "清理工作群", "713", "个", "713", "个")
    # when the commission admin classifies them
    changed = metric_codes_assign(actor=world.users["commission_admin"], campaign=world.campaign)
    # then each has its code, and one event says so
    assert changed == 2
    assert sorted(Metric.objects.values_list("label", "code")) == [
        ("清理工作群", ""), ("督导检查", "inspections"), ("追赃", "funds_recovered"),
    ]  # fmt: skip
    event = Event.objects.get(action="campaign.metrics_classified")
    assert event.after == {"changed": 2, "codes": ["funds_recovered", "inspections"]}


def test_metric_codes_assign_keeps_existing_codes_unless_asked(world: World) -> None:
    assert world.campaign is not None
    metric = metric_make({"campaign": world.campaign}, "督导检查", "1", "次", "1", "次")
    Metric.objects.filter(pk=metric.pk).update(code="cases")
    assert metric_codes_assign(actor=None, campaign=world.campaign) == 0
    assert metric_codes_assign(actor=None, campaign=world.campaign, overwrite=True) == 1
    assert Metric.objects.get(pk=metric.pk).code == "inspections"


def test_metric_codes_assign_is_refused_to_another_districts_admin(world: World) -> None:
    assert world.campaign is not None
    metric = metric_make({"campaign": world.campaign}, "督导检查", "1", "次", "1", "次")
    with pytest.raises(PermissionDenied):
        metric_codes_assign(actor=world.users["commission_admin_other"], campaign=world.campaign)
    assert Metric.objects.get(pk=metric.pk).code == ""
    assert Metric.objects.get(pk=metric.pk).value == Decimal(1)


def test_league_table_policy_set_publishes_and_records(world: World) -> None:
    policy = league_table_policy_set(
        actor=world.users["commission_admin"],
        commission=world.orgs["dh_jiwei"],
        visibility="public",
    )
    assert policy.visibility == "public"
    event = Event.objects.get(action="insights.league_table_policy_set")
    assert (event.before, event.after) == ({"visibility": "internal"}, {"visibility": "public"})


@pytest.mark.parametrize(
    "role", ["supervisor", "viewer", "commission_admin_other", "unit_staff_lead"]
)
def test_league_table_policy_set_is_refused_to_others(world: World, role: str) -> None:
    with pytest.raises(PermissionDenied):
        league_table_policy_set(
            actor=world.users[role], commission=world.orgs["dh_jiwei"], visibility="public"
        )
    assert not LeagueTablePolicy.objects.exists()
    assert not Event.objects.filter(action="insights.league_table_policy_set").exists()
