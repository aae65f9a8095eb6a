"""The API against its own OpenAPI document, fuzzed by schemathesis as three callers.

Anonymous, citizen and staff (a commission admin) call every operation with generated data,
valid and invalid: no answer may be a server error, and every answer must have a documented
status code, content type and body shape. Bounded (a fixed number of examples per operation,
derandomised, no shrinking) so the suite stays fast.
"""

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, settings
from schemathesis.specs.openapi import checks as openapi_checks

from conftest import World
from kaimen.accounts.services import api_token_create
from kaimen.reports.tests import factories

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())

CHECKS = [
    schemathesis.checks.not_a_server_error,
    openapi_checks.status_code_conformance,
    openapi_checks.content_type_conformance,
    openapi_checks.response_schema_conformance,
    openapi_checks.response_headers_conformance,
]
EXAMPLES = 10


@pytest.fixture(autouse=True)
def _keep_the_test_connection() -> Iterator[None]:
    """The WSGI app is called directly, so, as Django's test client does, the request signals must
    not close the database connection that holds the test's transaction (PostgreSQL would answer
    every later query with "the connection is closed")."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def bearer(request: pytest.FixtureRequest, world: World) -> dict[str, str]:
    factories.category()
    role = request.param
    if role == "anonymous":
        return {}
    return {"Authorization": f"Bearer {api_token_create(user=world.users[role])}"}


@pytest.mark.parametrize("bearer", ["anonymous", "citizen", "commission_admin"], indirect=True)
@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    derandomize=True,
    deadline=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
    database=None,
)
def test_the_api_keeps_its_documented_promises(case: Any, bearer: dict[str, str]) -> None:
    case.call_and_validate(headers=bearer, checks=CHECKS)
