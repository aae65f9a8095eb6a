"""Excel ledgers read back with openpyxl, and the all-or-nothing problem import."""

import io
import zipfile
from datetime import date, datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from conftest import World
from kaimen.core.errors import ApplicationError
from kaimen.core.excel import CN_DATE_FORMAT
from kaimen.core.excel import read_first_sheet as read_upload
from kaimen.supervision.ledgers import (
    LedgerFilters,
    import_template,
    problems_import,
    problems_workbook,
)
from kaimen.supervision.models import Problem
from kaimen.supervision.tests.factories import TODAY, file_problem

pytestmark = pytest.mark.django_db


def _sheet(content: bytes) -> object:
    return load_workbook(io.BytesIO(content)).active


def test_problems_ledger_layout(world: World) -> None:
    file_problem(world, deadline=date(2024, 9, 20))  # yellow on TODAY
    file_problem(world, deadline=date(2024, 11, 29), unit="dh_gongan", description="反诈宣传不到位")

    content = problems_workbook(
        user=world.users["supervisor"], filters=LedgerFilters(), today=TODAY
    )

    sheet = _sheet(content)
    assert sheet["A1"].value == "定海区漠视侵害群众利益问题整改台账（截至2024年9月26日）"  # type: ignore[index]
    headers = [c.value for c in sheet[2]]  # type: ignore[index]
    assert headers[:6] == ["序号", "编号", "问题来源", "责任单位", "治理项目", "问题描述"]
    assert {"整改时限", "整改状态", "预警颜色"} <= set(headers)
    assert sheet.freeze_panes == "A3"  # type: ignore[attr-defined]
    assert sheet.max_row == 4  # type: ignore[attr-defined]
    rows = {row[3].value: row for row in sheet.iter_rows(min_row=3)}  # type: ignore[attr-defined]
    jiaoyu = rows["定海区教育局"]
    deadline = jiaoyu[headers.index("整改时限")]
    assert deadline.value == datetime(2024, 9, 20)  # noqa: DTZ001  (Excel dates are naive)
    assert deadline.number_format == CN_DATE_FORMAT
    colour = jiaoyu[headers.index("预警颜色")]
    assert colour.value == "黄色"
    assert colour.fill.fgColor.rgb.endswith("FFE699")
    assert rows["定海区公安分局"][headers.index("预警颜色")].value is None
    assert sheet.column_dimensions["F"].width == 40  # type: ignore[attr-defined]


def test_problems_ledger_filters_and_scope(world: World) -> None:
    file_problem(world, deadline=date(2024, 9, 20))
    file_problem(world, unit="dh_gongan", description="反诈宣传不到位")

    by_unit = problems_workbook(
        user=world.users["supervisor"],
        filters=LedgerFilters(unit=world.orgs["dh_gongan"].pk),
        today=TODAY,
    )
    by_colour = problems_workbook(
        user=world.users["supervisor"], filters=LedgerFilters(colour="yellow"), today=TODAY
    )
    as_unit = problems_workbook(
        user=world.users["unit_staff_other"], filters=LedgerFilters(), today=TODAY
    )
    other = problems_workbook(
        user=world.users["commission_admin_other"], filters=LedgerFilters(), today=TODAY
    )

    def units(content: bytes) -> list[str]:
        return [r[3].value for r in _sheet(content).iter_rows(min_row=3)]  # type: ignore[attr-defined]

    assert units(by_unit) == ["定海区公安分局"]
    assert units(by_colour) == ["定海区教育局"]
    assert units(as_unit) == ["定海区公安分局"]
    assert units(other) == []


def test_inspection_and_accountability_ledgers_are_not_for_units(world: World) -> None:
    unit = world.client_for("unit_staff_lead")

    assert unit.get(reverse("ledgers:inspections_xlsx")).status_code == 404
    assert unit.get(reverse("ledgers:accountability_xlsx")).status_code == 404
    response = world.client_for("supervisor").get(reverse("ledgers:inspections_xlsx"))
    assert response.status_code == 200
    assert _sheet(response.content)["A1"].value.startswith("定海区督导检查台账")  # type: ignore[index]


# ---------------------------------------------------------------- import


def _upload(*rows: list[object]) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["问题导入模板"])
    sheet.append(
        [
            "责任单位*",
            "问题描述*",
            "整改时限*",
            "问题来源*",
            "严重程度",
            "治理项目",
            "清退金额（元）",
            "追回金额（元）",
        ]
    )
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_import_files_every_row(world: World) -> None:
    content = _upload(
        [
            "定海区教育局",
            "食堂采购未公开招标",
            datetime(2024, 10, 31),  # noqa: DTZ001
            "督导检查",
            "较重",
            "中小学校食堂采购问题专项治理",
            1200,
            None,
        ],
        [
            "定海区公安分局",
            "反诈宣传不到位",
            "2024年11月30日",
            "12345热线",
            None,
            None,
            None,
            "300.5",
        ],
    )

    result = problems_import(
        actor=world.users["supervisor"],
        commission=world.orgs["dh_jiwei"],
        content=content,
        today=TODAY,
    )

    assert result.errors == []
    assert [(p.number, p.responsible_unit.name, p.deadline, p.source) for p in result.created] == [
        ("2024-0001", "定海区教育局", date(2024, 10, 31), "inspection"),
        ("2024-0002", "定海区公安分局", date(2024, 11, 30), "hotline"),
    ]
    first, second = result.created
    assert (first.severity, first.project, first.amount_refunded) == (
        "serious",
        world.projects["in_progress"],
        Decimal("1200.00"),
    )
    assert second.amount_recovered == Decimal("300.50")


def test_import_is_all_or_nothing_with_errors_by_row_and_column(world: World) -> None:
    content = _upload(
        ["定海区教育局", "食堂采购未公开招标", "2024-10-31", "督导检查"],
        ["定海区教育局", "另一问题", "下个月", "督导检查"],
        ["普陀区民政局", "", "2024-10-31", "电视"],
    )

    result = problems_import(
        actor=world.users["supervisor"],
        commission=world.orgs["dh_jiwei"],
        content=content,
        today=TODAY,
    )

    assert [str(e) for e in result.errors] == [
        "第 4 行「整改时限」：日期格式不正确",
        "第 5 行「责任单位」：找不到单位“普陀区民政局”（须为辖区内单位的全称或简称）",
        "第 5 行「问题描述」：必填",
        "第 5 行「问题来源」：应为：督导检查、自查自纠、信访举报、巡视巡察、审计、12345热线、媒体曝光、数据预警",
    ]
    assert result.created == []
    assert Problem.objects.count() == 0


def test_import_refuses_what_is_not_an_xlsx() -> None:
    with pytest.raises(ApplicationError) as not_zip:
        read_upload("责任单位,问题描述\n".encode())
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "hi")
    with pytest.raises(ApplicationError) as zip_not_xlsx:
        read_upload(buffer.getvalue())
    with pytest.raises(ApplicationError) as too_big:
        read_upload(b"PK\x03\x04" + b"0" * (2 * 1024 * 1024))

    assert (not_zip.value.field, zip_not_xlsx.value.field, too_big.value.code) == (
        "file",
        "file",
        "too_large",
    )


def test_template_reads_back_as_an_empty_import(world: World) -> None:
    sheet = _sheet(import_template())
    assert [c.value for c in sheet[2]][:4] == ["责任单位*", "问题描述*", "整改时限*", "问题来源*"]  # type: ignore[index]

    result = problems_import(
        actor=world.users["supervisor"],
        commission=world.orgs["dh_jiwei"],
        content=import_template(),
        today=TODAY,
    )

    assert [str(e) for e in result.errors] == ["没有可导入的数据行。"]


def test_import_page_shows_errors_and_imports_nothing(world: World) -> None:
    client = world.client_for("supervisor")
    content = _upload(["定海区教育局", "食堂采购未公开招标", "2024/13/45", "督导检查"])
    upload = io.BytesIO(content)
    upload.name = "问题.xlsx"

    response = client.post(
        reverse("ledgers:problems_import"),
        {"commission": world.orgs["dh_jiwei"].pk, "file": upload},
    )

    assert response.status_code == 400
    assert "第 3 行「整改时限」：日期格式不正确" in response.content.decode()
    assert Problem.objects.count() == 0
