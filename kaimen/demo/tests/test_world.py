"""The demo's places: real region codes for the province, city and districts; towns with codes
and centres, so Open311 finds a district by its code and a town by a position."""

import pytest
from django.test import Client

from kaimen.demo.world import demo_organizations
from kaimen.reports.models import Report
from kaimen.reports.tests import factories

pytestmark = pytest.mark.django_db


def test_regions_carry_their_codes() -> None:
    orgs = demo_organizations()
    codes = {name: orgs[name].region_code for name in ("浙江省", "舟山市", "定海区", "普陀区")}
    assert codes == {"浙江省": "330000", "舟山市": "330900", "定海区": "330902", "普陀区": "330903"}
    assert all(orgs[town].centre_lat for town in ("昌国街道", "盐仓街道", "白泉镇"))
    assert demo_organizations()["定海区"].region_code == "330902"  # idempotent


def test_open311_accepts_the_demo_districts_code_and_routes_a_position() -> None:
    demo_organizations()
    factories.category()
    post = {
        "service_code": "001",
        "jurisdiction_id": "330902",
        "lat": "30.062",
        "long": "122.185",
        "description": "白泉镇村务公开栏长期未更新",
    }
    response = Client().post("/open311/v2/requests.json", post)
    assert response.status_code == 201, response.content
    report = Report.objects.select_related("commission", "organization").get()
    assert report.commission.name == "定海区纪委监委"
    assert report.organization is not None
    assert report.organization.name == "白泉镇"
