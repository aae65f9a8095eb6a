"""The OpenAPI document is part of the contract: it is compared to a committed snapshot.

After an intended change to the API, regenerate the snapshot and review its diff:

    KAIMEN_UPDATE_SNAPSHOT=1 .venv/bin/pytest -q kaimen/api/tests/test_openapi.py
"""

import difflib
import json
import os
from pathlib import Path
from typing import Any

from django.test import Client
from django.urls import reverse

from kaimen.api.api import api

SNAPSHOT = Path(__file__).with_name("openapi.json")


def _current_schema() -> dict[str, Any]:
    # Through JSON, so tuples and the like compare as what clients receive.
    schema: dict[str, Any] = json.loads(json.dumps(api.get_openapi_schema()))
    return schema


def test_openapi_schema_matches_the_snapshot() -> None:
    current = json.dumps(_current_schema(), indent=2, ensure_ascii=False) + "\n"
    if os.environ.get("KAIMEN_UPDATE_SNAPSHOT"):
        SNAPSHOT.write_text(current)

    expected = SNAPSHOT.read_text()

    diff = difflib.unified_diff(
        expected.splitlines(), current.splitlines(), "openapi.json", "current", lineterm=""
    )
    assert current == expected, (
        "The API's OpenAPI schema changed. If intended, regenerate the snapshot with "
        "KAIMEN_UPDATE_SNAPSHOT=1 and commit kaimen/api/tests/openapi.json.\n"
        + "\n".join(list(diff)[:80])
    )


def test_openapi_document_is_served_to_anyone(db: None) -> None:
    response = Client().get(reverse("api:openapi-json"))

    assert response.status_code == 200
    assert response.json() == _current_schema()


def test_docs_page_uses_local_static_files_only(db: None) -> None:
    # The CDN variant of Ninja's page would be blocked by our Content-Security-Policy.
    response = Client().get(reverse("api:openapi-view"))

    assert response.status_code == 200
    page = response.content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in page
    assert "/static/ninja/swagger-ui-init.js" in page
    assert "cdn." not in page
    assert "<script>" not in page  # no inline script: only the JSON settings block and files


def test_every_operation_is_documented_with_its_errors() -> None:
    paths = _current_schema()["paths"]

    assert sorted(
        (path, method, sorted(operation["responses"]))
        for path, operations in paths.items()
        for method, operation in operations.items()
    ) == [
        ("/api/v1/auth/token", "post", ["200", "400", "401", "413", "422", "429"]),
        ("/api/v1/campaigns", "get", ["200", "400", "401", "404", "422"]),
        ("/api/v1/campaigns/{campaign_id}/announcement", "get", ["200", "400", "401", "404"]),
        ("/api/v1/campaigns/{id}", "get", ["200", "400", "401", "404"]),
        ("/api/v1/campaigns/{id}/figures", "get", ["200", "400", "401", "404"]),
        ("/api/v1/chain/seals", "get", ["200", "400", "401"]),
        ("/api/v1/insights/totals", "get", ["200", "400", "401", "404", "422"]),
        ("/api/v1/inspections", "post", ["201", "400", "401", "403", "404", "409", "413", "422"]),
        ("/api/v1/problems", "get", ["200", "400", "401", "403", "404", "422"]),
        ("/api/v1/problems", "post", ["201", "400", "401", "403", "404", "409", "413", "422"]),
        ("/api/v1/problems/{id}", "get", ["200", "400", "401", "403", "404"]),
        (
            "/api/v1/problems/{id}/transitions",
            "post",
            ["200", "400", "401", "403", "404", "409", "413", "422"],
        ),
        ("/api/v1/projects/{id}", "get", ["200", "400", "401", "404"]),
        (
            "/api/v1/projects/{id}",
            "patch",
            ["200", "400", "401", "403", "404", "409", "413", "422"],
        ),
        (
            "/api/v1/projects/{id}/evaluations",
            "post",
            ["200", "201", "400", "401", "403", "404", "409", "413", "422"],
        ),
        ("/api/v1/reports", "post", ["200", "201", "400", "401", "403", "413", "422"]),
        ("/api/v1/reports/receipt/{code}", "get", ["200", "400", "401", "404", "429"]),
        ("/api/v1/topics", "get", ["200", "400", "401", "404", "422"]),
        ("/api/v1/topics", "post", ["201", "400", "401", "403", "404", "409", "413", "422"]),
        ("/api/v1/topics/{id}", "get", ["200", "400", "401", "404"]),
        (
            "/api/v1/topics/{id}/supports",
            "post",
            ["200", "201", "400", "401", "403", "404", "409", "422"],
        ),
        ("/api/v1/warnings/summary", "get", ["200", "400", "401", "403", "404", "422"]),
    ]
