"""Role × endpoint: every URL pattern of the project must have a row, every row must hold."""

import importlib
import json
from collections.abc import Iterator

import pytest
from django.apps import apps
from django.conf import settings
from django.http.response import HttpResponseBase
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from conftest import ROLES, World
from kaimen.core.access import Row

# Patterns that are not endpoints of ours: Django's admin (superusers only, covered by Django),
# static/media serving in DEBUG.
IGNORED_NAMESPACES = ("admin",)


def _walk(patterns: list[URLPattern | URLResolver], namespace: str = "") -> Iterator[str]:
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _walk(entry.url_patterns, inner)
        else:
            yield f"{namespace}{entry.name or f'<unnamed {entry.pattern}>'}"


def all_pattern_names() -> set[str]:
    return {
        name
        for name in _walk(get_resolver().url_patterns)
        if not name.startswith(tuple(f"{ns}:" for ns in IGNORED_NAMESPACES))
    }


def all_rows() -> list[Row]:
    rows: list[Row] = []
    for config in apps.get_app_configs():
        if not config.name.startswith("kaimen."):
            continue
        try:
            module = importlib.import_module(f"{config.name}.tests.access")
        except ModuleNotFoundError:
            continue
        rows.extend(module.ROWS)
    return rows


def test_every_url_pattern_has_a_row() -> None:
    covered = {row.name for row in all_rows()}
    missing = sorted(all_pattern_names() - covered)
    assert not missing, f"URL patterns without an access-matrix row: {missing}"


def test_rows_name_real_patterns() -> None:
    unknown = sorted({row.name for row in all_rows()} - all_pattern_names())
    assert not unknown, f"rows for patterns that do not exist: {unknown}"


def _is_allowed(response: HttpResponseBase, login_url: str) -> bool:
    status = response.status_code
    if status in (301, 302, 303):
        return not str(response["Location"]).startswith(login_url)
    return status < 400


CASES = [(row, role) for row in all_rows() for role in ROLES]


@pytest.mark.parametrize(
    ("row", "role"), CASES, ids=[f"{row.method}:{row.name}:{role}" for row, role in CASES]
)
def test_access(world: World, row: Row, role: str) -> None:
    client: Client = world.client_for(role)
    url = row.url(world)
    data = row.data(world) if row.data else None
    call = getattr(client, row.method)
    if row.json:
        response = call(
            url, data=json.dumps(data or {}), content_type="application/json", headers=row.headers
        )
    else:
        response = call(url, data=data, headers=row.headers)
    assert response.status_code not in (405, 500), f"{row.name} answered {response.status_code}"
    allowed = _is_allowed(response, reverse(settings.LOGIN_URL))
    expected = role in row.allowed
    assert allowed == expected, (
        f"{row.method.upper()} {url} as {role}: got {response.status_code}, "
        f"expected {'allowed' if expected else 'denied'}"
    )
