"""The Excel kit: formula neutralising, typed columns, print titles, reading uploads back."""

import io
from datetime import date
from decimal import Decimal

import pytest
from openpyxl import Workbook, load_workbook

from kaimen.core.errors import ApplicationError
from kaimen.core.excel import (
    CN_DATE_FORMAT,
    Column,
    Filled,
    ImportColumn,
    cell_date,
    header_positions,
    ledger_workbook,
    read_first_sheet,
    safe_cell,
)


@pytest.mark.parametrize(
    "text", ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\tTAB", "\r=1", '=HYPERLINK("x")']
)
def test_safe_cell_neutralises_what_would_run_as_a_formula(text: str) -> None:
    assert safe_cell(text) == f"'{text}"


@pytest.mark.parametrize("value", ["整改完成", "-5", "+3.5", "", 12, Decimal("-1.5"), None])
def test_safe_cell_leaves_plain_values_alone(value: object) -> None:
    assert safe_cell(value) == value


def test_ledger_workbook_types_columns_and_prints_titles() -> None:
    columns = [
        Column("序号", 6, lambda r: None, "index"),
        Column("描述", 30, lambda r: r[0]),
        Column("时限", 15, lambda r: r[1], "date"),
        Column("金额（万元）", 11, lambda r: r[2], "amount"),
        Column("颜色", 9, lambda r: Filled("红色", "FF7C80"), "filled"),
    ]

    content = ledger_workbook("台账", columns, [("=cmd|' /C calc'!A0", date(2024, 10, 31), 1.5)])

    sheet = load_workbook(io.BytesIO(content)).active
    assert sheet is not None
    assert sheet["A1"].value == "台账"
    assert [c.value for c in sheet[2]] == ["序号", "描述", "时限", "金额（万元）", "颜色"]
    assert sheet["A3"].value == 1
    assert sheet["B3"].value == "'=cmd|' /C calc'!A0"
    assert sheet["B3"].data_type == "s"
    assert sheet["C3"].number_format == CN_DATE_FORMAT
    assert sheet["D3"].number_format == "0.00##"
    assert sheet["E3"].value == "红色"
    assert sheet["E3"].fill.fgColor.rgb.endswith("FF7C80")
    assert sheet.freeze_panes == "A3"
    assert sheet.print_title_rows == "$1:$2"


def _xlsx(rows: list[list[object]]) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_reading_finds_the_header_row_and_parses_dates() -> None:
    columns = [ImportColumn("单位", "unit", True, 10), ImportColumn("时限", "deadline", True, 10)]
    content = _xlsx([["说明"], ["单位*", "时限*"], ["教育局", "2024年10月31日"]])

    rows = list(read_first_sheet(content).iter_rows(values_only=True))
    header, positions = header_positions(rows, columns, marker="unit")

    assert (header, positions) == (2, {"unit": 0, "deadline": 1})
    assert cell_date(rows[2][1]) == date(2024, 10, 31)
    assert cell_date("2024-02-30") is None


def test_reading_refuses_what_is_not_a_workbook() -> None:
    with pytest.raises(ApplicationError) as caught:
        read_first_sheet(b"MZ\x90\x00not a workbook")
    assert caught.value.field == "file"
