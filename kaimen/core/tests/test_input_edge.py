"""Bad input at the edge answers a clear 4xx, never a server error (issue: hardening, item 1).

NUL characters reach PostgreSQL as `psycopg.DataError` (SQLite stores them), so these tests
matter on both databases; CI runs them on both.
"""

import json
from typing import Any

import pytest
from django.test import Client

from conftest import World
from kaimen.accounts.services import api_token_create
from kaimen.reports.models import Report
from kaimen.reports.tests import factories


def _json_post(client: Client, url: str, body: Any, **extra: Any) -> Any:
    return client.post(url, data=json.dumps(body), content_type="application/json", **extra)


@pytest.mark.parametrize("bad", ["\x00", "a\x00b", "\x1b[31m", "\x7f"])
def test_a_control_character_in_a_report_is_400_naming_the_field(world: World, bad: str) -> None:
    factories.category()

    response = _json_post(
        Client(), "/api/v1/reports", {"category": "001", "content": bad, "channel": "web"}
    )

    assert response.status_code == 400
    assert response.json()["field"] == "content"
    assert response.json()["code"] == "invalid_characters"
    assert Report.objects.count() == 0


def test_tabs_and_line_breaks_are_ordinary_text(world: World) -> None:
    factories.category()

    response = _json_post(
        Client(),
        "/api/v1/reports",
        {"category": "001", "content": "第一行\r\n第二行\t完", "channel": "web"},
    )

    assert response.status_code == 201


def test_a_nul_in_a_nested_field_names_its_path(world: World) -> None:
    factories.category()
    body = {"category": "001", "content": "x", "channel": "web", "identity": {"name": "\x00"}}

    response = _json_post(Client(), "/api/v1/reports", body)

    assert response.status_code == 400
    assert response.json()["field"] == "identity.name"


def test_a_nul_in_an_open311_description_is_400_in_open311s_shape(world: World) -> None:
    factories.category()

    response = Client().post(
        "/open311/v2/requests.json",
        {"service_code": "001", "description": "井盖\x00丢失", "address_string": "解放路"},
    )

    assert response.status_code == 400
    assert response.json()[0]["code"] == 400
    assert "description" in response.json()[0]["description"]
    assert Report.objects.count() == 0


def test_a_nul_in_an_open311_path_is_400(world: World) -> None:
    response = Client().get("/open311/v2/services/%00.json")

    assert response.status_code == 400


def test_a_nul_in_a_staff_query_is_400_naming_the_parameter(world: World) -> None:
    token = api_token_create(user=world.users["commission_admin"])

    response = Client().get(
        "/api/v1/problems", {"state": "\x00"}, headers={"Authorization": f"Bearer {token}"}
    )

    assert response.status_code == 400
    assert response.json()["field"] == "state"


def test_a_nul_in_a_form_is_400_naming_the_field(world: World) -> None:
    response = Client().post("/accounts/login/", {"username": "a\x00", "password": "x"})

    assert response.status_code == 400
    assert "username" in response.content.decode()


def test_an_oversized_api_body_is_413_in_json(world: World, settings: Any) -> None:
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024
    factories.category()
    body = {"category": "001", "content": "x" * 4096, "channel": "web"}

    response = _json_post(Client(), "/api/v1/reports", body)

    assert response.status_code == 413
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["code"] == "too_large"


def test_a_twelve_megabyte_json_body_is_413(world: World) -> None:
    body = {"category": "001", "content": "x" * (12 * 1024 * 1024), "channel": "web"}

    response = _json_post(Client(), "/api/v1/reports", body)

    assert response.status_code == 413
    assert response.json()["code"] == "too_large"


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/problems/abc",
        "/api/v1/projects/1.5",
        "/api/v1/campaigns/-1x",
        "/api/v1/no-such-thing",
        "/api/v1/topics/99999999999999999999999",
    ],
)
def test_the_api_answers_json_for_malformed_ids(world: World, path: str) -> None:
    response = Client().get(path)

    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["detail"]


def test_an_integer_beyond_64_bits_is_400_naming_the_field(world: World) -> None:
    token = api_token_create(user=world.users["commission_admin"])
    body = {"description": "x", "source": "self_check", "responsible_unit": 2**70}

    response = _json_post(
        Client(), "/api/v1/problems", body, headers={"Authorization": f"Bearer {token}"}
    )

    assert response.status_code == 400
    assert response.json() == {
        "detail": response.json()["detail"],
        "code": "out_of_range",
        "field": "responsible_unit",
    }
