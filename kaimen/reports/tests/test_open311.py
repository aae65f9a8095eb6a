"""The GeoReport v2 examples (wiki.open311.org/GeoReport_v2), answered in the standard shape."""

from decimal import Decimal

from django.test import Client

from conftest import World
from kaimen.orgs.models import Level, Organization, OrganizationKind
from kaimen.orgs.services import organization_create
from kaimen.reports.identity import identity_decrypt
from kaimen.reports.models import Report
from kaimen.reports.tests import factories

# The spec's example POST (service_code 001), form-encoded.
SPEC_POST = {
    "api_key": "xyz",
    "service_code": "001",
    "lat": "37.76524078",
    "long": "-122.4212043",
    "address_string": "1234 5th street",
    "email": "smit222@sfgov.edu",
    "device_id": "tt222111",
    "account_id": "123456",
    "first_name": "john",
    "last_name": "smith",
    "phone": "111111111",
    "description": "A large sinkhole is destroying the street",
    "media_url": "http://farm3.static.flickr.com/2002/2212426634_5ed477a060.jpg",
}


def test_services_list_has_the_spec_fields(world: World) -> None:
    factories.category()

    services = Client().get("/open311/v2/services.json").json()

    assert services[0] == {
        "service_code": "001",
        "service_name": "村（社区）财务和集体“三资”",
        "description": "村务、财务未公开，集体资产资源被侵占",
        "metadata": False,
        "type": "realtime",
        "keywords": "民生诉求",
        "group": "基层治理",
    }


def test_spec_example_post_then_get(world: World) -> None:
    factories.category()
    client = Client()

    created = client.post("/open311/v2/requests.json", SPEC_POST)
    [answer] = created.json()
    fetched = client.get(f"/open311/v2/requests/{answer['service_request_id']}.json")
    [request] = fetched.json()

    assert created.status_code == 201
    assert set(answer) == {"service_request_id", "service_notice", "account_id"}
    assert fetched.status_code == 200
    assert request["status"] == "open"
    assert request["service_code"] == "001"
    assert request["description"] == "A large sinkhole is destroying the street"
    assert request["lat"] == 37.765241
    assert request["long"] == -122.421204
    assert request["address"] == "1234 5th street"
    assert set(request) >= {
        "service_request_id",
        "status",
        "status_notes",
        "service_name",
        "service_code",
        "description",
        "requested_datetime",
        "updated_datetime",
        "address",
        "lat",
        "long",
    }
    text = fetched.content.decode()
    assert "smit222" not in text
    assert "john" not in text
    assert "111111111" not in text
    identity = identity_decrypt(Report.objects.get().identity_token)
    assert (identity.name, identity.email, identity.phone) == (
        "john smith",
        "smit222@sfgov.edu",
        "111111111",
    )


def test_spec_example_list_queries(world: World) -> None:
    factories.category()
    client = Client()
    [answer] = client.post("/open311/v2/requests.json", SPEC_POST).json()
    request_id = answer["service_request_id"]

    by_id = client.get(f"/open311/v2/requests.json?service_request_id={request_id}").json()
    open_ones = client.get("/open311/v2/requests.json?status=open&service_code=001").json()
    closed = client.get("/open311/v2/requests.json?status=closed").json()

    assert [r["service_request_id"] for r in by_id] == [request_id]
    assert [r["service_request_id"] for r in open_ones] == [request_id]
    assert closed == []


def test_errors_have_the_spec_shape(world: World) -> None:
    factories.category()
    client = Client()

    missing_code = client.post(
        "/open311/v2/requests.json", {"description": "x", "lat": "1", "long": "2"}
    )
    no_location = client.post(
        "/open311/v2/requests.json", {"service_code": "001", "description": "x"}
    )
    unknown = client.get("/open311/v2/requests/999999.json")

    assert missing_code.status_code == 400
    assert missing_code.json() == [
        {"code": 400, "description": "service_code is missing or not found"}
    ]
    assert no_location.json()[0]["code"] == 400
    assert unknown.status_code == 404
    assert unknown.json() == [{"code": 404, "description": "service_request_id not found"}]


def test_discipline_reports_are_not_public(world: World) -> None:
    report = factories.submit(world, code="103").report

    response = Client().get(f"/open311/v2/requests/{report.pk}.json")

    assert response.status_code == 404


def _town(world: World, name: str, parent: str, lat: str, long: str) -> Organization:
    return organization_create(
        name=name, kind=OrganizationKind.TOWN, level=Level.TOWN, parent=world.orgs[parent],
        centre_lat=Decimal(lat), centre_long=Decimal(long),
    )  # fmt: skip


def test_jurisdiction_id_is_a_region_code_or_an_internal_id(world: World) -> None:
    factories.category()
    Organization.objects.filter(pk=world.orgs["dinghai"].pk).update(region_code="330902")
    client = Client()
    post = {**SPEC_POST, "jurisdiction_id": "330902"}

    by_code = client.post("/open311/v2/requests.json", post)
    by_id = client.post(
        "/open311/v2/requests.json",
        {**post, "jurisdiction_id": str(world.orgs["pt_jiwei"].pk), "description": "另一件事"},
    )
    unknown = client.post("/open311/v2/requests.json", {**post, "jurisdiction_id": "999999"})

    assert by_code.status_code == 201, by_code.content
    assert by_id.status_code == 201, by_id.content
    assert unknown.status_code == 400
    commissions = list(Report.objects.order_by("pk").values_list("commission__name", flat=True))
    assert commissions == ["定海区纪委监委", "普陀区纪委监委"]


def test_a_position_goes_to_the_town_whose_centre_is_nearest(world: World) -> None:
    factories.category()
    _town(world, "昌国街道", "dinghai", "30.016000", "122.107000")
    _town(world, "白泉镇", "dinghai", "30.063000", "122.187000")
    _town(world, "沈家门街道", "putuo", "29.950000", "122.300000")
    post = {**SPEC_POST, "lat": "30.060", "long": "122.180", "address_string": ""}

    created = Client().post("/open311/v2/requests.json", post)

    assert created.status_code == 201, created.content
    report = Report.objects.get()
    assert report.organization is not None
    assert report.organization.name == "白泉镇"
    assert report.commission == world.orgs["dh_jiwei"]  # the town's commission receives it
