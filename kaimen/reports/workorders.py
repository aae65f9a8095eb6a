"""12345 work orders from Excel: the template to fill in, and reading and checking a filled one.

The hotline's system exports its work orders; staff paste them into the template and upload it.
Reading checks every row and names each error by row and column; `services.report_import_workorders`
then files all rows or none. The upload is checked as supervision's imports are
(`kaimen.core.excel.read_first_sheet`: size, and an .xlsx by content, not by name).
"""

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext as _
from openpyxl.worksheet.datavalidation import DataValidation

from kaimen.campaigns.models import Project
from kaimen.core.excel import (
    ImportColumn,
    RowError,
    cell_date,
    cell_text,
    header_positions,
    import_template,
    read_first_sheet,
    safe_cell,
    workbook_bytes,
)
from kaimen.orgs.models import Organization
from kaimen.reports.models import Category, ReportKind
from kaimen.reports.selectors import PLACE_KINDS, category_list, project_choices_for

MAX_ROWS = 2000
MAX_CONTENT = 5000
COLUMNS = (
    ImportColumn("工单编号", "number", True, 18),
    ImportColumn("受理日期", "received_on", False, 14),
    ImportColumn("事项分类", "category", True, 24),
    ImportColumn("诉求内容", "content", True, 60),
    ImportColumn("涉及地区或单位", "organization", False, 22),
    ImportColumn("具体地点", "address", False, 24),
    ImportColumn("治理项目", "project", False, 30),
    ImportColumn("来电人", "name", False, 10),
    ImportColumn("联系电话", "phone", False, 16),
)
HEADERS = {column.key: column.header for column in COLUMNS}
_PHONE = re.compile(r"^\+?[\d\- ]{5,20}$")


@dataclass(frozen=True)
class WorkOrder:
    row: int
    number: str
    received_on: date | None
    category: Category
    content: str
    organization: Organization | None
    address: str
    project: Project | None
    name: str
    phone: str


def template() -> bytes:
    """The workbook to fill in: a title row, the header row, a list of categories."""
    book, sheet = import_template(
        "12345工单",
        _(
            "12345 工单导入模板（自第3行起每行一个工单；标*的列必填；事项分类填编码或名称；"
            "填写治理项目名称的工单将关联到该项目；日期如2024年10月31日或2024-10-31）"
        ),
        COLUMNS,
    )
    lists = book.create_sheet("事项分类")
    categories = list(category_list(kind=ReportKind.SERVICE_REQUEST))
    for index, category in enumerate(categories, start=1):
        lists.cell(row=index, column=1, value=safe_cell(f"{category.code} {category.name}"))
    if categories:
        validation = DataValidation(
            type="list", formula1=f"'事项分类'!$A$1:$A${len(categories)}", allow_blank=False
        )
        validation.add(f"C3:C{MAX_ROWS + 2}")
        sheet.add_data_validation(validation)
    return workbook_bytes(book)


class _Lookup:
    """Names the sheet may use, resolved within the commission's jurisdiction."""

    def __init__(self, *, actor: Any, commission: Organization) -> None:
        self.categories: dict[str, Category] = {}
        for category in category_list():
            for name in (category.code, category.name, f"{category.code} {category.name}"):
                self.categories[name] = category
        self.places: dict[str, Organization] = {}
        for org in Organization.objects.filter(
            kind__in=PLACE_KINDS, path__startswith=commission.jurisdiction_path
        ).order_by("path"):
            self.places.setdefault(org.name, org)
            if org.short_name:
                self.places.setdefault(org.short_name, org)
        self.projects: dict[str, Project] = {}
        visible = project_choices_for(user=actor).filter(
            Q(campaign__issuer__path__startswith=commission.jurisdiction_path)
        )
        for project in visible.order_by("campaign__year", "position"):
            self.projects[project.title] = project  # the latest year's project of that title


def read(
    *, actor: Any, commission: Organization, content: bytes, known_numbers: set[str]
) -> tuple[list[WorkOrder], list[RowError]]:
    """Every row of the uploaded sheet checked; errors name the row and the column."""
    rows = list(read_first_sheet(content).iter_rows(values_only=True))
    header_row, positions = header_positions(rows, COLUMNS, marker="content")
    missing = [c.header for c in COLUMNS if c.required and c.key not in positions]
    if missing:
        return [], [RowError(0, "", _("表头缺少列：%s（请使用下载的模板）") % "、".join(missing))]
    data = [
        (number, {key: row[i] if i < len(row) else None for key, i in positions.items()})
        for number, row in enumerate(rows[header_row:], start=header_row + 1)
    ]
    data = [(n, values) for n, values in data if any(cell_text(v) for v in values.values())]
    if not data:
        return [], [RowError(0, "", _("没有可导入的数据行。"))]
    if len(data) > MAX_ROWS:
        return [], [RowError(0, "", _("一次最多导入 %d 行。") % MAX_ROWS)]
    lookup = _Lookup(actor=actor, commission=commission)
    orders: list[WorkOrder] = []
    errors: list[RowError] = []
    seen: dict[str, int] = {}
    for number, values in data:
        order, row_errors = _check(number, values, lookup, known_numbers, seen)
        errors.extend(row_errors)
        if order is not None:
            orders.append(order)
    return orders, errors


def _check(
    number: int,
    values: dict[str, Any],
    lookup: _Lookup,
    known_numbers: set[str],
    seen: dict[str, int],
) -> tuple[WorkOrder | None, list[RowError]]:
    errors: list[RowError] = []

    def error(key: str, message: str) -> None:
        errors.append(RowError(number, HEADERS[key], message))

    order_number = cell_text(values.get("number"))[:40]
    if not order_number:
        error("number", _("必填。"))
    elif order_number in known_numbers:
        error("number", _("该工单已导入过。"))
    elif order_number in seen:
        error("number", _("与第 %d 行的工单编号重复。") % seen[order_number])
    else:
        seen[order_number] = number
    received_on = cell_date(values.get("received_on"))
    if cell_text(values.get("received_on")) and received_on is None:
        error("received_on", _("日期格式不正确（如2024年10月31日）。"))
    category = lookup.categories.get(cell_text(values.get("category")))
    if not cell_text(values.get("category")):
        error("category", _("必填。"))
    elif category is None:
        error("category", _("没有这个事项分类（填编码或名称，如“001”）。"))
    content = cell_text(values.get("content"))
    if not content:
        error("content", _("必填。"))
    elif len(content) > MAX_CONTENT:
        error("content", _("不能超过 %d 字。") % MAX_CONTENT)
    organization = lookup.places.get(cell_text(values.get("organization")))
    if cell_text(values.get("organization")) and organization is None:
        error("organization", _("本辖区没有这个地区或单位。"))
    project = lookup.projects.get(cell_text(values.get("project")))
    if cell_text(values.get("project")) and project is None:
        error("project", _("本辖区没有这个治理项目（请填写项目全称）。"))
    phone = cell_text(values.get("phone"))
    if phone and not _PHONE.match(phone):
        error("phone", _("联系电话格式不正确。"))
    if errors or category is None:
        return None, errors
    order = WorkOrder(
        row=number,
        number=order_number,
        received_on=received_on,
        category=category,
        content=content,
        organization=organization,
        address=cell_text(values.get("address"))[:200],
        project=project,
        name=cell_text(values.get("name"))[:50],
        phone=phone,
    )
    return order, []
