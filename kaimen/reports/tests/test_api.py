import json
from collections.abc import Mapping

from django.test import Client

from conftest import World
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
