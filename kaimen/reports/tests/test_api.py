import json
from collections.abc import Mapping
from typing import Any

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from conftest import World, statements_of
from kaimen.reports.models import Report
from kaimen.reports.receipts import LOOKUP_RATE
from kaimen.reports.tests import factories


def _post(client: Client, body: Mapping[str, object], **headers: str) -> object:
    return client.post(
        "/api/v1/reports", data=json.dumps(body), content_type="application/json", headers=headers
    )


def test_anonymous_post_returns_id_and_receipt_and_follows_by_it(world: World) -> None:
    factories.category()
    client = Client()
    body = {
        "category": "001",
        "content": "公共收益未公示",
        "channel": "web",
        "organization": world.orgs["dh_jiaoyu"].pk,
        "identity": {"name": factories.SECRET_NAME, "phone": factories.SECRET_PHONE},
    }

    created = _post(client, body)
    data = created.json()  # type: ignore[attr-defined]
    status = client.get(f"/api/v1/reports/receipt/{data['receipt']}")

    assert created.status_code == 201  # type: ignore[attr-defined]
    assert set(data) == {"id", "receipt", "reference", "duplicate"}
    assert len(data["receipt"]) == 16
    assert status.status_code == 200
    assert status.json()["status"] == "received"
    assert factories.SECRET_NAME not in status.content.decode()


def test_same_idempotency_key_creates_one_report(world: World) -> None:
    factories.category()
    body = {"category": "001", "content": "x", "channel": "web"}

    first = _post(Client(), body, **{"Idempotency-Key": "abc"})
    second = _post(Client(), {**body, "content": "y"}, **{"Idempotency-Key": "abc"})

    assert (first.status_code, second.status_code) == (201, 200)  # type: ignore[attr-defined]
    assert Report.objects.count() == 1


def test_anonymous_may_not_enter_hotline_reports(world: World) -> None:
    factories.category()

    response = _post(Client(), {"category": "001", "content": "x", "channel": "hotline"})

    assert response.status_code == 403  # type: ignore[attr-defined]
    assert Report.objects.count() == 0


def test_unknown_receipt_is_404_and_guessing_is_throttled(world: World) -> None:
    client = Client()
    statuses = [
        client.get(f"/api/v1/reports/receipt/{n:016d}").status_code
        for n in range(LOOKUP_RATE.limit + 2)
    ]

    assert statuses[: LOOKUP_RATE.limit] == [404] * LOOKUP_RATE.limit
    assert statuses[LOOKUP_RATE.limit :] == [429, 429]


def test_a_report_does_only_its_own_work(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    factories.category()
    body = {"category": "001", "content": "公共收益未公示", "channel": "web"}
    _post(Client(), {**body, "content": "另一件事"})  # content types, warmed up

    with (
        CaptureQueriesContext(connection) as queries,
        django_capture_on_commit_callbacks(execute=True),
    ):
        created = _post(Client(), body, **{"Idempotency-Key": "k1"})

    assert created.status_code == 201  # type: ignore[attr-defined]
    # the category, the commission (none named: the top one), one duplicate check, the report,
    # its event; the receipt's cache entry is written after the commit, outside the database
    assert statements_of(queries.captured_queries) == [
        "SELECT reports_category",
        "SELECT orgs_organization",
        "SELECT reports_report",
        "INSERT reports_report",
        "INSERT timeline_event",
    ]
    again = _post(Client(), body, **{"Idempotency-Key": "k1"})
    assert again.json()["receipt"] == created.json()["receipt"]  # type: ignore[attr-defined]
