from django.test import Client

from conftest import World, make_user
from kaimen.reports.models import RoutingRule
from kaimen.reports.tests import factories


def _superuser_client() -> Client:
    client = Client()
    client.force_login(make_user("root", is_superuser=True, is_staff=True))
    return client


def test_superuser_manages_categories_and_routing_rules_in_the_admin(world: World) -> None:
    category = factories.category()
    RoutingRule.objects.create(
        category=category, place=world.orgs["dinghai"], unit=world.orgs["dh_jiaoyu"]
    )
    client = _superuser_client()

    categories = client.get("/django-admin/reports/category/")
    rules = client.get("/django-admin/reports/routingrule/")
    change = client.get(f"/django-admin/reports/category/{category.pk}/change/")

    assert categories.status_code == rules.status_code == change.status_code == 200
    assert "村（社区）财务和集体“三资”" in categories.content.decode()
    assert "定海区教育局" in rules.content.decode()
    # the code (the Open311 service_code) is fixed once created
    assert 'name="code"' not in change.content.decode()
