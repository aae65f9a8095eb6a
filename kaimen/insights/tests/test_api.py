from conftest import World
from kaimen.insights.services import metric_codes_assign
from kaimen.insights.tests.factories import accountability_make, imported_campaign, metric_make


def test_totals_give_the_subtree_and_each_child(world: World) -> None:
    accountability_make(world)
    city = imported_campaign(world.orgs["zs_jiwei"], 2024)
    metric_make({"campaign": city}, "督导检查", "10", "次", "10", "次")
    metric_codes_assign(actor=None, campaign=city)
    url = f"/api/v1/insights/totals?organization={world.orgs['zs_jiwei'].pk}&year=2024"
    staff = world.client_for("commission_admin").get(url).json()
    assert staff["organization"] == {"id": world.orgs["zhoushan"].pk, "name": "舟山市"}
    assert staff["year"] == 2024
    totals = {t["code"]: t["value"] for t in staff["totals"]}
    assert totals["inspections"] == 11
    assert totals["funds_recovered"] == 10000
    assert [c["organization"]["name"] for c in staff["children"]] == ["定海区", "普陀区"]
    dinghai = {t["code"]: t["value"] for t in staff["children"][0]["totals"]}
    assert dinghai["persons_handled"] == 3
    public = world.client_for("anonymous").get(url).json()
    assert public["totals"] == [
        {"code": "inspections", "label": "督导检查", "value": 10.0, "unit": "次"}
    ]
    assert [c["totals"] for c in public["children"]] == [[], []]


def test_totals_of_a_missing_organization_are_404(world: World) -> None:
    response = world.client_for("anonymous").get("/api/v1/insights/totals?organization=999999")
    assert response.status_code == 404
