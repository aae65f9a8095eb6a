"""Scoped problem reads can be answered from an index (PostgreSQL's plans; skipped on SQLite).

Each test runs the real selector, takes the SQL it sent for the problems table and asks
PostgreSQL to plan it again with sequential scans switched off. PostgreSQL still plans one where
no index can answer (a filter on a joined table's path, `EXTRACT(year …)`, an OR across joins):
so a `Seq Scan on supervision_problem` here means a city or district scope, or the overdue list,
would read the whole table at a province's volume. How fast they are over a million problems is
measured in bench/ (run_warnings, run_insights), not here.
"""

import json
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conftest import World, make_user
from kaimen.insights.selectors.dashboard import dashboard_for
from kaimen.orgs.models import Level, Membership, OrganizationKind, Role
from kaimen.orgs.services import organization_create
from kaimen.supervision.selectors import problem_list_for, warning_summary_for
from kaimen.supervision.tests.factories import file_problem, putuo_problem

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL's query plans"
)

TODAY = date(2024, 12, 20)
PROBLEMS = 'FROM "supervision_problem"'


def _plans(call: Callable[[], Any]) -> list[str]:
    """The plans, without sequential scans, of the queries `call` sends to the problems table."""
    with CaptureQueriesContext(connection) as queries:
        call()
    sent = [q["sql"] for q in queries.captured_queries if PROBLEMS in q["sql"]]
    assert sent, "the selector read no problems"
    plans = []
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        for sql in sent:
            cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}")
            plans.append(json.dumps(cursor.fetchone()[0]))
        cursor.execute("SET LOCAL enable_seqscan = on")
    return plans


def _problem_scans(node: dict[str, Any]) -> list[dict[str, Any]]:
    found = [node] if node.get("Relation Name") == "supervision_problem" else []
    for child in node.get("Plans", []):
        found += _problem_scans(child)
    return found


def _no_seq_scan(plans: list[str]) -> None:
    """Every read of the problems table is an index scan with a condition the index answers
    (a full scan of an index, which PostgreSQL falls back to, reads the whole table too)."""
    for plan in plans:
        for scan in _problem_scans(json.loads(plan)[0]["Plan"]):
            kind = scan["Node Type"]
            assert kind in ("Index Scan", "Index Only Scan", "Bitmap Heap Scan"), plan
            assert kind == "Bitmap Heap Scan" or "Index Cond" in scan, plan


@pytest.fixture
def problems(world: World) -> World:
    file_problem(world)
    file_problem(world, deadline=date(2024, 8, 1))
    putuo_problem(world)
    return world


def test_a_city_scope_reads_problems_through_an_index(problems: World) -> None:
    city_admin = problems.users["city_admin"]
    _no_seq_scan(_plans(lambda: warning_summary_for(user=city_admin, today=TODAY)))
    _no_seq_scan(_plans(lambda: list(problem_list_for(user=city_admin)[:50])))


def test_a_district_dashboard_reads_problems_through_an_index(problems: World) -> None:
    supervisor = problems.users["supervisor"]
    _no_seq_scan(_plans(lambda: dashboard_for(user=supervisor, today=TODAY)))


def test_the_province_overdue_list_walks_the_open_deadline_index(problems: World) -> None:
    province = organization_create(
        name="浙江省纪委监委",
        kind=OrganizationKind.COMMISSION,
        level=Level.PROVINCE,
        parent=problems.orgs["zhejiang"],
    )
    admin = make_user("province_admin")
    Membership.objects.create(user=admin, organization=province, role=Role.COMMISSION_ADMIN)

    plans = _plans(lambda: list(problem_list_for(user=admin, colour="red", today=TODAY)[:50]))

    _no_seq_scan(plans)
    assert "problem_open_deadline_idx" in plans[0], plans[0]
