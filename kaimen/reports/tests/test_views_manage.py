from conftest import World
from kaimen.reports.models import RoutingRule
from kaimen.reports.tests import factories


def test_admin_lists_and_adds_routing_rules(world: World) -> None:
    client = world.client_for("commission_admin")
    data = {
        "category": factories.category().pk,
        "place": world.orgs["dinghai"].pk,
        "unit": world.orgs["dh_jiaoyu"].pk,
    }

    response = client.post("/staff/reports/routing/", data, follow=True)

    assert response.status_code == 200
    page = response.content.decode()
    assert "已添加分办规则" in page
    assert "定海区教育局" in page
    assert RoutingRule.objects.get().unit == world.orgs["dh_jiaoyu"]


def test_duplicate_rule_shows_the_error_next_to_the_place(world: World) -> None:
    client = world.client_for("commission_admin")
    data = {
        "category": factories.category().pk,
        "place": world.orgs["dinghai"].pk,
        "unit": world.orgs["dh_jiaoyu"].pk,
    }
    client.post("/staff/reports/routing/", data)

    response = client.post("/staff/reports/routing/", {**data, "unit": world.orgs["dh_gongan"].pk})

    assert response.status_code == 400
    page = response.content.decode()
    assert 'id="id_place_error"' in page
    assert "已有分办规则" in page
    assert RoutingRule.objects.count() == 1


def test_other_jurisdictions_rules_are_not_listed(world: World) -> None:
    RoutingRule.objects.create(
        category=factories.category(), place=world.orgs["dinghai"], unit=world.orgs["dh_jiaoyu"]
    )

    page = world.client_for("commission_admin_other").get("/staff/reports/routing/")

    assert page.status_code == 200
    assert "定海区教育局" not in page.content.decode()
