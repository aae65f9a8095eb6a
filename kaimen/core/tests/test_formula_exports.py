"""Every CSV and XLSX export neutralises spreadsheet formulas (CSV/formula injection).

Text a citizen or a staff member typed (a problem's description, a project's title, a unit's
name, a tour measure, a report's content) that starts with = + - @ tab or CR must come out of
every export as inert text, never as a formula a spreadsheet program runs.
"""

import csv
import io
import re
from datetime import date
from typing import Any

from django.test import Client
from openpyxl import load_workbook

from conftest import World
from kaimen.campaigns.models import Project
from kaimen.orgs.models import Organization
from kaimen.reports.tests import factories as report_factories
from kaimen.supervision.tests.factories import problem_in
from kaimen.tours.models import Measure
from kaimen.tours.tests.access import access_tour

FORMULAS = {
    "problem": '=HYPERLINK("http://evil.example/","点此查看")',
    "project": "+1+cmd|' /C calc'!A0",
    "unit": "@SUM(1+1)*cmd|' /C calc'!A0",
    "measure": "-2+3+cmd|' /C calc'!A0",
    "report": "\t=1+1",
    "commission": "=cmd|' /C calc'!A0",
}
DANGEROUS = ("=", "+", "-", "@", "\t", "\r")
NUMBER = re.compile(r"-?\d+(\.\d+)?%?")


def _live(text: str) -> bool:
    return text.startswith(DANGEROUS) and not NUMBER.fullmatch(text)


def _xlsx_cells(content: bytes) -> list[Any]:
    book = load_workbook(io.BytesIO(content))
    return [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]


def _assert_xlsx_inert(content: bytes, *expected: str) -> None:
    cells = _xlsx_cells(content)
    live = [cell.coordinate for cell in cells if cell.data_type == "f"]
    live += [cell.coordinate for cell in cells if isinstance(cell.value, str) and _live(cell.value)]
    assert live == [], f"formula cells: {live}"
    texts = " ".join(str(cell.value) for cell in cells if cell.value is not None)
    for text in expected:
        assert text.strip() in texts  # the text itself is kept, only made inert


def _assert_csv_inert(content: str, *expected: str) -> None:
    fields = [field for row in csv.reader(io.StringIO(content.lstrip("\ufeff"))) for field in row]
    assert [field for field in fields if _live(field)] == []
    for text in expected:
        assert any(text.strip() in field for field in fields)


def _body(response: Any) -> bytes:
    assert response.status_code == 200, response.status_code
    if response.streaming:
        return b"".join(response.streaming_content)
    return bytes(response.content)


def _formula_world(world: World) -> None:
    Project.objects.filter(pk=world.projects["published"].pk).update(title=FORMULAS["project"])
    Project.objects.filter(pk=world.projects["in_progress"].pk).update(title=FORMULAS["project"])
    Organization.objects.filter(pk=world.orgs["dh_jiaoyu"].pk).update(name=FORMULAS["unit"])
    Organization.objects.filter(pk=world.orgs["dh_jiwei"].pk).update(name=FORMULAS["commission"])
    problem_in(world, "rectifying", description=FORMULAS["problem"], today=date(2024, 6, 3))
    tour = access_tour(world)
    Measure.objects.filter(item__tour=tour).update(text=FORMULAS["measure"])
    report_factories.submit(world, content=FORMULAS["report"])


def test_the_supervision_ledgers_neutralise_formulas(world: World) -> None:
    _formula_world(world)
    staff = world.client_for("commission_admin")
    tour = access_tour(world)

    _assert_xlsx_inert(
        _body(staff.get("/staff/ledgers/problems.xlsx")), FORMULAS["problem"], FORMULAS["unit"]
    )
    _assert_xlsx_inert(_body(staff.get("/staff/ledgers/inspections.xlsx")))
    _assert_xlsx_inert(_body(staff.get("/staff/ledgers/accountability.xlsx")))
    _assert_xlsx_inert(
        _body(staff.get(f"/staff/tours/{tour.pk}/measures.xlsx")), FORMULAS["measure"]
    )


def test_the_league_tables_neutralise_formulas(world: World) -> None:
    _formula_world(world)
    commission = world.orgs["dh_jiwei"].pk
    staff = world.client_for("commission_admin")
    staff.post(
        "/staff/insights/league/policy/",
        {"commission": commission, "visibility": "public", "month": "2024-06"},
    )

    internal = staff.get(
        f"/staff/insights/league/export.xlsx?commission={commission}&month=2024-06"
    )
    public = Client().get(f"/open-data/league/{commission}/2024-06.xlsx")

    _assert_xlsx_inert(_body(internal), FORMULAS["unit"], FORMULAS["commission"])
    _assert_xlsx_inert(_body(public), FORMULAS["unit"], FORMULAS["commission"])


def test_open_data_neutralises_formulas(world: World) -> None:
    _formula_world(world)
    client = Client()

    _assert_csv_inert(_body(client.get("/open-data/projects.csv")).decode(), FORMULAS["project"])
    _assert_xlsx_inert(_body(client.get("/open-data/projects.xlsx")), FORMULAS["project"])


def test_the_reports_export_neutralises_formulas(world: World) -> None:
    _formula_world(world)

    response = world.client_for("commission_admin").get("/staff/reports/export.csv")

    _assert_csv_inert(_body(response).decode(), FORMULAS["report"])
