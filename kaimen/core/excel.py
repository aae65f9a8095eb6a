"""Excel workbooks (openpyxl) as commissions circulate them, and reading the ones they fill in.

Writing: a title row merged across the columns, a styled header row frozen under it and repeated
on every printed page (print titles), set column widths, typed columns (dates are real date cells
shown as 2024年10月31日 so they still sort; amounts with their number format), and every text
cell passed through `safe_cell`, so no value a person typed runs as a formula. Every CSV writer
uses `safe_cell` too.

Reading: the upload's size and content are checked (an .xlsx is a zip with a workbook part,
whatever its name says), the header row is found by its labels among the first rows, and each
problem is reported by row and column (`RowError`).
"""

import io
import re
import zipfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from urllib.parse import quote

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from kaimen.core.errors import ApplicationError
from kaimen.core.format import cn_date
from kaimen.core.uploads import KINDS

XLSX_CONTENT_TYPE = KINDS["XLSX"][1]
CN_DATE_FORMAT = 'yyyy"年"m"月"d"日"'
AMOUNT_FORMAT = "0.00##"
FONT = "宋体"
HEADER_FILL = PatternFill("solid", fgColor="DDE4EE")
_THIN = Side(style="thin", color="999999")
BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_CENTRED = Alignment(horizontal="center", vertical="center")

# What spreadsheet programs read as the start of a formula (CSV/formula injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"^[+-]?\d+(\.\d+)?$")


def safe_cell(value: Any) -> Any:
    """A text that Excel, WPS or LibreOffice would run as a formula gets a leading apostrophe,
    so it shows as the text it is; numbers (also "-5" written as text) and other values pass."""
    formula = isinstance(value, str) and value.startswith(FORMULA_STARTS)
    return f"'{value}" if formula and not _PLAIN_NUMBER.match(value) else value


# ---------------------------------------------------------------- writing


@dataclass(frozen=True)
class Filled:
    """A cell shown as text on a coloured fill (warning colours)."""

    text: str
    rgb: str


@dataclass(frozen=True)
class Column:
    header: str
    width: float
    value: Callable[[Any], Any]
    kind: str = "text"  # text, date, number, amount, filled (a Filled or None), index (1, 2, …)


def title_row(sheet: Worksheet, title: str, columns: int, *, size: int, height: int) -> None:
    """Row 1: the title merged across the columns."""
    sheet.merge_cells(f"A1:{get_column_letter(columns)}1")
    sheet["A1"] = safe_cell(title)
    sheet["A1"].font = Font(name=FONT, size=size, bold=True)
    sheet.row_dimensions[1].height = height


def header_row(sheet: Worksheet, headers: Sequence[tuple[str, float]]) -> None:
    """Row 2: the column headers with their widths; rows 1–2 stay in view and print on every
    page."""
    for index, (header, width) in enumerate(headers, start=1):
        cell = sheet.cell(row=2, column=index, value=header)
        cell.font = Font(name=FONT, size=11, bold=True)
        cell.fill = HEADER_FILL
        cell.border = BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A3"
    sheet.print_title_rows = "1:2"


def xlsx_response(content: bytes, name: str) -> HttpResponse:
    """The workbook as a download named after its subject and today's date (问题整改台账（2024年
    10月31日）.xlsx)."""
    response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    filename = f"{name}（{cn_date(timezone.localdate(), localized=False)}）.xlsx"
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response


def workbook_bytes(book: Workbook) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def new_sheet(title: str) -> tuple[Workbook, Worksheet]:
    book = Workbook()
    sheet = book.active
    assert sheet is not None  # noqa: S101  (a new workbook always has one sheet)
    sheet.title = title[:31].replace("/", "-")
    return book, sheet


def _write_cell(cell: Any, column: Column, value: Any) -> None:
    if column.kind == "filled":
        cell.value = value.text if value else ""
        if value:
            cell.fill = PatternFill("solid", fgColor=value.rgb)
        cell.alignment = _CENTRED
        return
    if isinstance(value, datetime):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value
    cell.value = safe_cell(value)
    if column.kind == "date" and value:
        cell.number_format = CN_DATE_FORMAT
        cell.alignment = _CENTRED
    elif column.kind == "amount":
        cell.number_format = AMOUNT_FORMAT
    elif column.kind in ("number", "index"):
        cell.alignment = _CENTRED


def ledger_workbook(title: str, columns: Sequence[Column], rows: Iterable[Any]) -> bytes:
    """One landscape sheet: title row, header row, the rows with a filter; the .xlsx bytes."""
    book, sheet = new_sheet(title)
    title_row(sheet, title, len(columns), size=16, height=36)
    sheet["A1"].alignment = _CENTRED
    header_row(sheet, [(column.header, column.width) for column in columns])
    sheet.row_dimensions[2].height = 30
    body_font = Font(name=FONT, size=10)
    for row_number, obj in enumerate(rows, start=3):
        for index, column in enumerate(columns, start=1):
            value = row_number - 2 if column.kind == "index" else column.value(obj)
            cell = sheet.cell(row=row_number, column=index)
            cell.font = body_font
            cell.border = BORDER
            cell.alignment = Alignment(vertical="center", wrap_text=True)
            _write_cell(cell, column, value)
    last = get_column_letter(len(columns))
    sheet.auto_filter.ref = f"A2:{last}{max(sheet.max_row, 2)}"
    sheet.page_setup.orientation = "landscape"
    return workbook_bytes(book)


@dataclass(frozen=True)
class ImportColumn:
    header: str
    key: str
    required: bool
    width: float


def import_template(
    sheet_title: str, note: str, columns: Sequence[ImportColumn]
) -> tuple[Workbook, Worksheet]:
    """A workbook to fill in: the note as its title row, the headers (required ones marked *)
    in row 2, rows from 3 on. The caller adds its lists and saves it (`workbook_bytes`)."""
    book, sheet = new_sheet(sheet_title)
    title_row(sheet, note, len(columns), size=12, height=30)
    header_row(sheet, [(f"{c.header}{'*' if c.required else ''}", c.width) for c in columns])
    return book, sheet


# ---------------------------------------------------------------- reading


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        if not self.row:  # the file as a whole
            return self.message
        if self.column:
            return _("第 %(row)d 行「%(column)s」：%(message)s") % {
                "row": self.row,
                "column": self.column,
                "message": self.message,
            }
        return _("第 %(row)d 行：%(message)s") % {"row": self.row, "message": self.message}


MAX_SHEET_BYTES = 2 * 1024 * 1024


def read_first_sheet(content: bytes) -> Any:
    """The workbook's first sheet, after checking size (2 MB) and content."""
    if len(content) > MAX_SHEET_BYTES:
        raise ApplicationError(_("文件过大（不超过 2 MB）。"), code="too_large", field="file")
    if not content.startswith(b"PK\x03\x04"):
        raise ApplicationError(
            _("文件不是 Excel（.xlsx）格式，请使用下载的模板。"), code="invalid", field="file"
        )
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            if "xl/workbook.xml" not in archive.namelist():
                raise zipfile.BadZipFile
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise ApplicationError(
            _("文件不是有效的 Excel（.xlsx）文件。"), code="invalid", field="file"
        ) from None
    return book.worksheets[0]


def cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # a number typed into a text column (工单编号)
    return str(value).strip()


_DATE_TEXT = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")


def cell_date(value: Any) -> date | None:
    """A date cell, or a date written as text (2024年10月31日, 2024-10-31, 2024/10/31)."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    match = _DATE_TEXT.match(cell_text(value))
    if match is None:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def header_positions(
    rows: Sequence[Sequence[Any]], columns: Sequence[ImportColumn], *, marker: str
) -> tuple[int, dict[str, int]]:
    """The header row among the first five (the one naming the `marker` column's header; a
    trailing * is ignored) and the position of each column found in it; (0, {}) if none."""
    labels: Mapping[str, str] = {column.header: column.key for column in columns}
    for number, row in enumerate(rows[:5], start=1):
        found = {}
        for index, cell in enumerate(row):
            text = cell_text(cell).rstrip("*").strip()
            if text in labels:
                found[labels[text]] = index
        if marker in found:
            return number, found
    return 0, {}
