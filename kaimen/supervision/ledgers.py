"""Excel ledgers (台账) of supervision, in the layout commissions use, and the problem import.

Every workbook has one sheet: a title row ("定海区漠视侵害群众利益问题整改台账（截至2026年11月22日）")
merged across the columns, a header row (序号, 问题来源, 责任单位, 问题描述, 整改时限, 整改状态,
预警颜色, …) frozen under it, set column widths, dates shown as Chinese dates (real date cells
formatted 2024年10月31日, so they still sort), amounts in 万元, and warning colours as cell fills.
The rows are the same scoped, filtered querysets the lists show.

`problems_import` reads problems from a workbook (the template from `import_template`): every
row is checked first and every error reported by row and column ("第 5 行「整改时限」：日期格式
不正确"); then each row is filed through `problem_create` inside one transaction, so the import
is all or nothing.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from kaimen.campaigns.models import Project
from kaimen.core import excel
from kaimen.core.errors import ApplicationError
from kaimen.core.excel import (
    Column,
    Filled,
    ImportColumn,
    RowError,
    cell_date,
    header_positions,
    ledger_workbook,
    read_first_sheet,
)
from kaimen.core.format import cn_date
from kaimen.core.search import search_q
from kaimen.orgs.models import Organization, OrganizationKind
from kaimen.orgs.selectors import scope_for
from kaimen.supervision.models import (
    AccountabilityRecord,
    Problem,
    ProblemSource,
    Severity,
)
from kaimen.supervision.selectors import (
    PROBLEM_SEARCH_FIELDS,
    Colouring,
    accountability_list_for,
    inspection_list_for,
    problem_list_for,
)
from kaimen.supervision.services.filing import problem_create
from kaimen.supervision.warnings import COLOUR_LABELS

WAN = Decimal(10000)
# Warning colours as cell fills (the ledgers' shades of the colours on the pages).
FILLS = {
    "green": "A9D08E",
    "blue": "9BC2E6",
    "yellow": "FFE699",
    "orange": "F4B084",
    "red": "FF7C80",
}


def colour_cell(colour: str | None) -> Filled | None:
    return Filled(str(COLOUR_LABELS[colour]), FILLS[colour]) if colour else None


def _wan(amount: Decimal | None) -> Decimal | None:
    if not amount:
        return None
    return (amount / WAN).quantize(Decimal("0.0001"))


# ---------------------------------------------------------------- writing


def ledger_region(user: Any) -> str:
    """The place a ledger is titled after: the region of the user's first commission (定海区),
    or the user's unit; nothing for a superuser."""
    scope = scope_for(user)
    ids = sorted(scope.commission_ids) or sorted(scope.unit_ids)
    org = Organization.objects.filter(pk__in=ids[:1]).select_related("parent").first()
    if org is None:
        return ""
    if org.kind == OrganizationKind.COMMISSION and org.parent is not None:
        return org.parent.name
    return org.name


def ledger_title(user: Any, subject: str, today: date) -> str:
    return f"{ledger_region(user)}{subject}（截至{cn_date(today)}）"


# ---------------------------------------------------------------- problems


@dataclass(frozen=True)
class LedgerFilters:
    """What the lists filter by: unit, project, state, colour, source, listed, a date range."""

    unit: int | None = None
    project: int | None = None
    state: str | None = None
    colour: str | None = None
    source: str | None = None
    listed: bool | None = None
    kind: str | None = None
    measure: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    q: str | None = None  # keywords, as the problem ledger's search box
    ids: tuple[int, ...] = ()  # the rows selected on the page, when some were


def _dates(qs: QuerySet[Any], field_name: str, filters: LedgerFilters) -> QuerySet[Any]:
    if filters.date_from:
        qs = qs.filter(**{f"{field_name}__gte": filters.date_from})
    if filters.date_to:
        qs = qs.filter(**{f"{field_name}__lte": filters.date_to})
    return qs


def problem_ledger_rows(*, user: Any, filters: LedgerFilters, today: date) -> list[Problem]:
    qs = problem_list_for(
        user=user,
        state=filters.state,
        colour=filters.colour,
        unit=filters.unit,
        project=filters.project,
        listed=filters.listed,
        source=filters.source,
        today=today,
    )
    if filters.q:
        qs = qs.filter(search_q(filters.q, PROBLEM_SEARCH_FIELDS))
    if filters.ids:
        qs = qs.filter(pk__in=filters.ids)
    return list(_dates(qs, "assigned_on", filters).order_by("assigned_on", "number"))


# The workbooks are the commissions' Chinese ledgers, whatever the page's language.
@translation.override("zh-hans")
def problems_workbook(*, user: Any, filters: LedgerFilters, today: date | None = None) -> bytes:
    today = today or timezone.localdate()
    colouring = Colouring(today)
    columns = [
        Column(_("序号"), 6, lambda p: None, "index"),
        Column(_("编号"), 11, lambda p: p.number),
        Column(_("问题来源"), 11, lambda p: p.get_source_display()),
        Column(_("责任单位"), 18, lambda p: p.responsible_unit.name),
        Column(_("治理项目"), 24, lambda p: p.project.title if p.project else ""),
        Column(_("问题描述"), 40, lambda p: p.description),
        Column(_("严重程度"), 8, lambda p: p.get_severity_display()),
        Column(_("交办日期"), 15, lambda p: p.assigned_on, "date"),
        Column(_("整改时限"), 15, lambda p: p.deadline, "date"),
        Column(_("整改状态"), 14, lambda p: p.get_state_display()),
        Column(
            _("整改进度"), 14, lambda p: p.get_progress_display() if p.progress != "none" else ""
        ),
        Column(_("预警颜色"), 9, lambda p: colour_cell(colouring.colour(p)), "filled"),
        Column(_("挂牌督办"), 9, lambda p: p.listed_number or (_("是") if p.listed else "")),
        Column(_("清退金额（万元）"), 11, lambda p: _wan(p.amount_refunded), "amount"),
        Column(_("追回金额（万元）"), 11, lambda p: _wan(p.amount_recovered), "amount"),
        Column(_("销号日期"), 15, lambda p: p.closed_at, "date"),
    ]
    rows = problem_ledger_rows(user=user, filters=filters, today=today)
    title = ledger_title(user, _("漠视侵害群众利益问题整改台账"), today)
    return ledger_workbook(title, columns, rows)


# ---------------------------------------------------------------- inspections


@translation.override("zh-hans")
def inspections_workbook(*, user: Any, filters: LedgerFilters, today: date | None = None) -> bytes:
    today = today or timezone.localdate()
    qs = inspection_list_for(user=user, kind=filters.kind, project=filters.project)
    if filters.unit is not None:
        qs = qs.filter(inspected_units__pk=filters.unit)
    qs = _dates(qs, "date", filters).distinct().order_by("date", "pk")
    rows = list(qs.prefetch_related("problems"))
    columns = [
        Column(_("序号"), 6, lambda i: None, "index"),
        Column(_("检查日期"), 15, lambda i: i.date, "date"),
        Column(_("检查方式"), 11, lambda i: i.get_kind_display()),
        Column(_("检查机关"), 16, lambda i: i.commission.name),
        Column(_("被检查单位"), 24, lambda i: "、".join(u.name for u in i.inspected_units.all())),
        Column(_("治理项目"), 28, lambda i: "、".join(p.title for p in i.projects.all())),
        Column(_("检查人员"), 16, lambda i: i.members),
        Column(_("发现问题（个）"), 10, lambda i: len(i.problems.all()), "number"),
        Column(_("检查情况"), 40, lambda i: i.notes),
    ]
    return ledger_workbook(ledger_title(user, _("督导检查台账"), today), columns, rows)


# ---------------------------------------------------------------- accountability


@translation.override("zh-hans")
def accountability_workbook(
    *, user: Any, filters: LedgerFilters, today: date | None = None
) -> bytes:
    today = today or timezone.localdate()
    qs = accountability_list_for(user=user, project=filters.project, measure=filters.measure)
    if filters.unit is not None:
        qs = qs.filter(problem__responsible_unit_id=filters.unit)
    rows: list[AccountabilityRecord] = list(
        _dates(qs, "decided_on", filters).order_by("decided_on", "pk")
    )
    columns = [
        Column(_("序号"), 6, lambda r: None, "index"),
        Column(_("处理日期"), 15, lambda r: r.decided_on, "date"),
        Column(_("处理机关"), 16, lambda r: r.commission.name),
        Column(_("治理项目"), 26, lambda r: r.project.title if r.project else ""),
        Column(_("关联问题"), 30, lambda r: str(r.problem) if r.problem else ""),
        Column(_("处理方式"), 12, lambda r: r.get_measure_display()),
        Column(_("问题（件）"), 9, lambda r: r.cases, "number"),
        Column(_("人数"), 7, lambda r: r.persons, "number"),
        Column(_("追回金额（万元）"), 11, lambda r: _wan(r.amount_recovered), "amount"),
        Column(_("清退金额（万元）"), 11, lambda r: _wan(r.amount_refunded), "amount"),
        Column(_("备注"), 30, lambda r: r.notes),
    ]
    return ledger_workbook(ledger_title(user, _("问责情况台账"), today), columns, rows)


# ---------------------------------------------------------------- importing problems

MAX_IMPORT_ROWS = 2000

IMPORT_COLUMNS = (
    ImportColumn("责任单位", "unit", True, 20),
    ImportColumn("问题描述", "description", True, 48),
    ImportColumn("整改时限", "deadline", True, 16),
    ImportColumn("问题来源", "source", True, 12),
    ImportColumn("严重程度", "severity", False, 10),
    ImportColumn("治理项目", "project", False, 30),
    ImportColumn("清退金额（元）", "amount_refunded", False, 14),
    ImportColumn("追回金额（元）", "amount_recovered", False, 14),
)


@dataclass
class ImportResult:
    created: list[Problem] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


@translation.override("zh-hans")
def import_template() -> bytes:
    """The workbook to fill in: title row, header row, lists for 问题来源 and 严重程度."""
    book, sheet = excel.import_template(
        "问题导入",
        "问题导入模板（自第3行起每行一个问题；标*的列必填；日期如2024年10月31日或2024-10-31）",
        IMPORT_COLUMNS,
    )
    sources = ",".join(_chinese_labels(ProblemSource))
    severities = ",".join(_chinese_labels(Severity))
    for key, options in (("source", sources), ("severity", severities)):
        col = get_column_letter([c.key for c in IMPORT_COLUMNS].index(key) + 1)
        validation = DataValidation(type="list", formula1=f'"{options}"', allow_blank=True)
        validation.add(f"{col}3:{col}{MAX_IMPORT_ROWS + 2}")
        sheet.add_data_validation(validation)
    for col in ("C",):
        for row in range(3, 203):
            sheet[f"{col}{row}"].number_format = excel.CN_DATE_FORMAT
    return excel.workbook_bytes(book)


def _parse_amount(value: Any) -> Decimal | None:
    if value in (None, ""):
        return Decimal(0)
    try:
        amount = Decimal(str(value).replace(",", "").strip())
    except InvalidOperation:
        return None
    return amount if amount >= 0 and amount.is_finite() else None


def _chinese_labels(choices: Any) -> list[str]:
    """The labels the Chinese template offers and the import reads, whatever the page's language."""
    with translation.override("zh-hans"):
        return [str(label) for label in choices.labels]


def _choice(value: str, choices: Any) -> str | None:
    text = value.strip()
    for code, label in zip(choices.values, _chinese_labels(choices), strict=True):
        if text in (code, label):
            return str(code)
    return None


@dataclass
class _Row:
    number: int
    values: dict[str, Any]


def _rows(sheet: Any) -> tuple[dict[str, int], list[_Row]]:
    """Find the header row (the one naming 问题描述) among the first five; the rows below it."""
    all_rows = list(sheet.iter_rows(values_only=True))
    header_row, positions = header_positions(all_rows, IMPORT_COLUMNS, marker="description")
    rows = []
    for number, row in enumerate(all_rows[header_row:], start=header_row + 1):
        values = {key: row[i] if i < len(row) else None for key, i in positions.items()}
        if any(v not in (None, "") and str(v).strip() for v in values.values()):
            rows.append(_Row(number, values))
    return positions, rows


@dataclass(frozen=True)
class _Checked:
    number: int
    unit: Organization
    description: str
    deadline: date
    source: str
    severity: str
    project: Project | None
    amount_refunded: Decimal
    amount_recovered: Decimal


def _check_row(
    row: _Row,
    units: dict[str, Organization],
    projects: dict[str, Project],
    errors: list[RowError],
) -> _Checked | None:
    headers = {c.key: c.header for c in IMPORT_COLUMNS}
    found: list[RowError] = []

    def error(key: str, message: str) -> None:
        found.append(RowError(row.number, headers[key], message))

    def text(key: str) -> str:
        value = row.values.get(key)
        return "" if value is None else str(value).strip()

    unit = units.get(text("unit"))
    if not text("unit"):
        error("unit", _("必填"))
    elif unit is None:
        error("unit", _("找不到单位“%s”（须为辖区内单位的全称或简称）") % text("unit"))
    description = text("description")
    if not description:
        error("description", _("必填"))
    deadline = None
    if not text("deadline"):
        error("deadline", _("必填"))
    else:
        deadline = cell_date(row.values.get("deadline"))
        if deadline is None:
            error("deadline", _("日期格式不正确"))
    source = _choice(text("source"), ProblemSource) if text("source") else None
    if not text("source"):
        error("source", _("必填"))
    elif source is None:
        error("source", _("应为：%s") % "、".join(_chinese_labels(ProblemSource)))
    severity = _choice(text("severity"), Severity) if text("severity") else Severity.GENERAL
    if severity is None:
        error("severity", _("应为：%s") % "、".join(_chinese_labels(Severity)))
    project = None
    if text("project"):
        project = projects.get(text("project"))
        if project is None:
            error("project", _("找不到治理项目“%s”") % text("project"))
    amounts = {}
    for key in ("amount_refunded", "amount_recovered"):
        amounts[key] = _parse_amount(row.values.get(key))
        if amounts[key] is None:
            error(key, _("应为不小于0的数字"))
    errors.extend(found)
    if found:
        return None
    if unit is None or deadline is None or source is None:  # checked above
        return None
    return _Checked(
        row.number,
        unit,
        description,
        deadline,
        source,
        str(severity),
        project,
        amounts["amount_refunded"] or Decimal(0),
        amounts["amount_recovered"] or Decimal(0),
    )


class _AbortImportError(Exception):
    """Roll the whole import back."""


FIELD_COLUMNS = {
    "responsible_unit": "责任单位",
    "description": "问题描述",
    "deadline": "整改时限",
    "source": "问题来源",
    "severity": "严重程度",
    "project": "治理项目",
    "amount_refunded": "清退金额（元）",
    "amount_recovered": "追回金额（元）",
}


def problems_import(
    *, actor: Any, commission: Organization, content: bytes, today: date | None = None
) -> ImportResult:
    """Import problems from an uploaded workbook, all or nothing."""
    sheet = read_first_sheet(content)
    positions, rows = _rows(sheet)
    result = ImportResult()
    required = [c.key for c in IMPORT_COLUMNS if c.required]
    missing = [c.header for c in IMPORT_COLUMNS if c.required and c.key not in positions]
    if missing or not set(required) <= set(positions):
        result.errors.append(
            RowError(0, "", _("表头缺少列：%s（请使用下载的模板）") % "、".join(missing))
        )
        return result
    if not rows:
        result.errors.append(RowError(0, "", _("没有可导入的数据行。")))
        return result
    if len(rows) > MAX_IMPORT_ROWS:
        result.errors.append(RowError(0, "", _("一次最多导入 %d 行。") % MAX_IMPORT_ROWS))
        return result
    scope_units = Organization.objects.filter(
        path__startswith=commission.jurisdiction_path
    ).exclude(kind=OrganizationKind.REGION)
    units: dict[str, Organization] = {}
    for org in scope_units:
        units.setdefault(org.name, org)
        if org.short_name:
            units.setdefault(org.short_name, org)
    projects = {
        p.title: p
        for p in Project.objects.filter(
            Q(campaign__issuer__path__startswith=commission.jurisdiction_path)
        ).order_by("campaign__year")
    }
    checked = [c for c in (_check_row(r, units, projects, result.errors) for r in rows) if c]
    if result.errors:
        return result
    try:
        with transaction.atomic():
            for row in checked:
                try:
                    with transaction.atomic():
                        result.created.append(
                            problem_create(
                                actor=actor,
                                commission=commission,
                                responsible_unit=row.unit,
                                description=row.description,
                                deadline=row.deadline,
                                source=row.source,
                                severity=row.severity,
                                project=row.project,
                                amount_refunded=row.amount_refunded,
                                amount_recovered=row.amount_recovered,
                                today=today,
                            )
                        )
                except ApplicationError as exc:
                    column = FIELD_COLUMNS.get(exc.field or "", "")
                    result.errors.append(RowError(row.number, column, exc.message))
            if result.errors:
                raise _AbortImportError
    except _AbortImportError:
        result.created = []
    return result
