import io

import pytest
from openpyxl import load_workbook

from conftest import World
from kaimen.core.errors import ApplicationError
from kaimen.reports import workorders
from kaimen.reports.tests import factories


def test_template_has_the_headers_and_a_category_list(world: World) -> None:
    factories.category()

    book = load_workbook(io.BytesIO(workorders.template()))

    sheet = book.worksheets[0]
    headers = [cell.value for cell in sheet[2]]
    assert headers == [
        "工单编号*",
        "受理日期",
        "事项分类*",
        "诉求内容*",
        "涉及地区或单位",
        "具体地点",
        "治理项目",
        "来电人",
        "联系电话",
    ]
    assert book["事项分类"]["A1"].value == "001 村（社区）财务和集体“三资”"


def test_every_error_is_named_by_row_and_column(world: World) -> None:
    content = factories.workbook(
        [
            factories.workorder_row(world, "A1"),
            factories.workorder_row(world, "A1", category="不存在", received_on="五月"),
            factories.workorder_row(world, "", content="", organization="火星"),
            factories.workorder_row(world, "A4", project="没有的项目", phone="电话"),
        ]
    )

    orders, errors = workorders.read(
        actor=world.users["supervisor"],
        commission=world.orgs["dh_jiwei"],
        content=content,
        known_numbers=set(),
    )

    assert [str(error) for error in errors] == [
        "第 4 行「工单编号」：与第 3 行的工单编号重复。",
        "第 4 行「受理日期」：日期格式不正确（如2024年10月31日）。",
        "第 4 行「事项分类」：没有这个事项分类（填编码或名称，如“001”）。",
        "第 5 行「工单编号」：必填。",
        "第 5 行「诉求内容」：必填。",
        "第 5 行「涉及地区或单位」：本辖区没有这个地区或单位。",
        "第 6 行「治理项目」：本辖区没有这个治理项目（请填写项目全称）。",
        "第 6 行「联系电话」：联系电话格式不正确。",
    ]
    assert [order.number for order in orders] == ["A1"]


def test_a_file_that_is_not_a_workbook_is_refused_naming_the_file(world: World) -> None:
    with pytest.raises(ApplicationError) as error:
        workorders.read(
            actor=world.users["supervisor"],
            commission=world.orgs["dh_jiwei"],
            content=b"%PDF-1.4 not a workbook",
            known_numbers=set(),
        )

    assert error.value.field == "file"
