"""Keyword search (`?q=`) on the problem ledger and the inspections, with the other filters."""

import io
from typing import Any

import pytest
from django.db import connection
from openpyxl import load_workbook

from conftest import World
from kaimen.core.search import search_words
from kaimen.supervision.models import Inspection, InspectionKind, Problem
from kaimen.supervision.selectors import inspection_list_for, problem_ledger_for
from kaimen.supervision.tests.factories import TODAY, file_problem, problem_in


def _three(world: World) -> None:
    file_problem(world, description="学校食堂大宗食材采购未公开招标")
    file_problem(
        world, description="校外培训机构预收费资金未纳入监管", unit="dh_gongan", project=None
    )
    problem_in(world, "notified", description="食堂从业人员健康证过期")


def test_every_word_must_match_some_field(world: World) -> None:
    _three(world)
    user = world.users["supervisor"]
    found = problem_ledger_for(user=user, q="食堂", today=TODAY)
    assert sorted(p.description for p in found) == [
        "学校食堂大宗食材采购未公开招标",
        "食堂从业人员健康证过期",
    ]
    # two words: both must appear, in the description or the unit's name
    found = problem_ledger_for(user=user, q="预收费 公安", today=TODAY)
    assert [p.description for p in found] == ["校外培训机构预收费资金未纳入监管"]
    assert not problem_ledger_for(user=user, q="食堂 公安", today=TODAY).exists()


def test_the_search_combines_with_the_filters_and_the_scope(world: World) -> None:
    _three(world)
    found = problem_ledger_for(user=world.users["supervisor"], q="食堂", state="notified")
    assert [p.description for p in found] == ["食堂从业人员健康证过期"]
    # a unit sees only its own problems, whatever it searches for
    assert not problem_ledger_for(user=world.users["unit_staff_other"], q="食堂").exists()


def test_the_ledger_page_searches_and_keeps_the_query_in_its_box(world: World) -> None:
    _three(world)
    response = world.client_for("supervisor").get("/staff/supervision/problems/?q=预收费")
    body = response.content.decode()
    assert "校外培训机构预收费资金未纳入监管" in body
    assert "学校食堂大宗食材采购未公开招标" not in body
    assert 'value="预收费"' in body


def test_inspections_are_found_by_their_notes_units_and_problems(world: World) -> None:
    inspection = Inspection.objects.create(
        commission=world.orgs["dh_jiwei"],
        date=TODAY,
        kind=InspectionKind.UNANNOUNCED,
        notes="暗访城区三所学校",
    )
    inspection.inspected_units.add(world.orgs["dh_jiaoyu"])
    problem = file_problem(world, description="食堂台账缺失")
    problem.inspection = inspection
    problem.save(update_fields=["inspection"])
    Inspection.objects.create(commission=world.orgs["dh_jiwei"], date=TODAY, kind="onsite")
    user = world.users["supervisor"]
    for query in ("暗访", "教育局", "台账"):
        assert list(inspection_list_for(user=user, q=query)) == [inspection], query
    body = world.client_for("supervisor").get("/staff/supervision/inspections/?q=暗访")
    assert body.content.decode().count("/staff/supervision/inspections/") >= 1


def test_a_pasted_paragraph_is_cut_to_a_few_words() -> None:
    assert len(search_words(" ".join(str(n) for n in range(50)))) == 8
    assert search_words(None) == []


@pytest.mark.skipif(connection.vendor != "postgresql", reason="trigram indexes are PostgreSQL's")
def test_postgresql_has_trigram_indexes_for_the_search(db: None) -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE indexname LIKE %s", ["%_search_trgm"]
        )
        indexes = dict(cursor.fetchall())
    assert set(indexes) >= {"problem_search_trgm", "inspection_search_trgm"}
    assert "gin_trgm_ops" in indexes["problem_search_trgm"]


def _exported(response: Any) -> list[str]:
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet is not None
    header_row = next(r for r in range(1, 6) if sheet.cell(row=r, column=6).value == "问题描述")
    return [
        str(sheet.cell(row=r, column=6).value)
        for r in range(header_row + 1, sheet.max_row + 1)
        if sheet.cell(row=r, column=6).value
    ]


def test_the_ledger_exports_what_it_shows_and_what_is_selected(world: World) -> None:
    _three(world)
    client = world.client_for("supervisor")
    page = client.get("/staff/supervision/problems/?q=食堂&state=notified").content.decode()
    assert "/staff/ledgers/problems.xlsx?state=notified&amp;q=%E9%A3%9F%E5%A0%82" in page
    in_place = client.get("/staff/ledgers/problems.xlsx?state=notified&q=食堂")
    assert _exported(in_place) == ["食堂从业人员健康证过期"]
    chosen = Problem.objects.get(description="校外培训机构预收费资金未纳入监管")
    selected = client.get(f"/staff/ledgers/problems.xlsx?problem={chosen.pk}")
    assert _exported(selected) == ["校外培训机构预收费资金未纳入监管"]
