"""Files: open-data downloads (CSV, XLSX, JSON) and the league table in Excel and Word.

CSV is UTF-8 with a byte-order mark, so that Excel and WPS open the Chinese text without asking;
Word files set the East Asian font (`w:eastAsia`) so that WPS and Word show 仿宋/黑体 rather than
a Latin fallback.
"""

import csv
import io
import json
from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Length, Pt, Twips
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from kaimen.core.excel import safe_cell
from kaimen.core.word import FANGSONG, HEITI, add_run, document_bytes, new_document
from kaimen.insights.selectors.league import LeagueTable
from kaimen.insights.selectors.opendata import COLUMNS, DATASETS, Dataset, header
from kaimen.supervision.warnings import COLOUR_LABELS

# ---------------------------------------------------------------- open data


class _Echo:
    def write(self, value: str) -> str:
        return value


def dataset_csv(dataset: Dataset) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield "\ufeff" + writer.writerow([safe_cell(header(c)) for c in dataset.columns])
    for row in dataset.rows():
        yield writer.writerow([safe_cell(row.get(c, "")) for c in dataset.columns])


def dataset_json(dataset: Dataset) -> Iterator[str]:
    titles = [header(c) for c in dataset.columns]
    head = json.dumps(
        {"dataset": dataset.name, "columns": list(dataset.columns), "titles": titles},
        ensure_ascii=False,
    )
    yield head[:-1] + ', "rows": ['  # the object stays open for the rows
    for index, row in enumerate(dataset.rows()):
        yield ("," if index else "") + "\n" + json.dumps(row, ensure_ascii=False, default=str)
    yield "\n]}\n"


def dataset_xlsx(dataset: Dataset) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(dataset.name)
    sheet.append([safe_cell(header(c)) for c in dataset.columns])
    for row in dataset.rows():
        sheet.append([_cell(row.get(c, "")) for c in dataset.columns])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _cell(value: Any) -> Any:
    if isinstance(value, str) and value and value.lstrip("-").replace(".", "", 1).isdigit():
        return Decimal(value) if "." in value else int(value)
    return safe_cell(value)


def datapackage() -> dict[str, Any]:
    """The Frictionless Data Package describing every dataset's CSV: its fields with their
    Chinese names (the CSV headers), meanings, units and code lists."""
    resources = []
    for dataset in DATASETS.values():
        fields = []
        for name in dataset.columns:
            column = COLUMNS[name]
            field: dict[str, Any] = {
                "name": header(name),
                "title": str(column.title),
                "description": str(column.description),
                "type": column.type,
                "kaimen:key": name,  # the key in the JSON download
            }
            if column.unit:
                field["kaimen:unit"] = str(column.unit)
            codes = column.code_list()
            if codes:
                field["constraints"] = {"enum": list(codes)}
                field["kaimen:codes"] = codes
            fields.append(field)
        resources.append(
            {
                "name": dataset.name.replace("_", "-"),
                "title": str(dataset.title),
                "description": str(dataset.description),
                "path": f"{dataset.name}.csv",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8-sig",
                "schema": {"fields": fields},
            }
        )
    return {
        "name": "kaimen-open-data",
        "title": str(_("开门治理公开数据")),
        "licenses": [{"name": "CC-BY-4.0", "title": "Creative Commons Attribution 4.0"}],
        "resources": resources,
    }


# ---------------------------------------------------------------- league table


def league_header(table: LeagueTable) -> list[str]:
    header = [
        _("排名"),
        _("地区"),
        _("单位"),
        _("本月交办"),
        _("累计交办"),
        _("已销号"),
        _("按期销号"),
        _("整改率"),
        _("逾期未整改"),
        *[str(COLOUR_LABELS[c]) + _("预警") for c in table.colours],
    ]
    if table.has_reports:
        header += [_("到期举报"), _("按期答复"), _("按期答复率")]
    if table.has_satisfaction:
        header += [_("评价数"), _("满意率")]
    return header


def league_screen_header(table: LeagueTable) -> list[str]:
    """On screen the region column shows only when the table spans several regions (its unit
    names then drop the region's prefix): never "定海区 定海区教育局"."""
    header = league_header(table)
    return header if table.multi_region else [header[0], *header[2:]]


class Percent(Decimal):
    """A rate in per cent: Excel writes it as a number with a per-cent format, Word as "50.0%"."""


NOT_RANKED = "—"


def _percent(value: Decimal | None) -> Percent | None:
    return None if value is None else Percent(value)


def league_rows(table: LeagueTable) -> Iterable[list[Any]]:
    """Every row's cells as values: ints, `Percent`, `None` (no base to compute from) and
    NOT_RANKED for the rank of a unit listed apart. Each output formats them its own way."""
    for row in table.all_rows:
        line: list[Any] = [
            NOT_RANKED if row.rank is None else row.rank,
            row.region,
            row.unit,  # the full name: the file circulates on its own
            row.assigned_month,
            row.assigned_total,
            row.closed,
            row.closed_on_time,
            _percent(row.rectification_rate),
            row.overdue,
            *[row.colours.get(c, 0) for c in table.colours],
        ]
        if table.has_reports:
            line += [row.reports_due, row.reports_on_time, _percent(row.reports_on_time_rate)]
        if table.has_satisfaction:
            line += [row.satisfaction_n, _percent(row.satisfaction_rate)]
        yield line


def _text(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, Percent):
        return f"{value}%"
    return str(value)


def league_title(table: LeagueTable) -> str:
    return _("%(commission)s %(month)s 专项治理问题整改晾晒通报") % {
        "commission": table.commission.name,
        "month": table.month_label,
    }


def league_note(table: LeagueTable) -> str:
    return _(
        "统计截至%(year)d年%(month)d月%(day)d日。整改率 = 已销号 ÷ 累计交办；"
        "按期销号指在整改时限内销号；预警颜色按各纪委监委的预警规则计算。"
        "“—”表示没有可计算的基数（如没有交办问题、到期举报或评价）。"
        "累计交办不足%(min)d个问题的单位不参与排名，列于表末。"
    ) % {
        "year": table.as_of.year,
        "month": table.as_of.month,
        "day": table.as_of.day,
        "min": table.min_ranked,
    }


FILLS = {
    "red": "F8D7DA",
    "orange": "FFE5D0",
    "yellow": "FFF3CD",
    "blue": "CFE2FF",
    "green": "D1E7DD",
}


# The circulated Excel and Word are Chinese documents, whatever the page's language.
@translation.override("zh-hans")
def league_xlsx(table: LeagueTable) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None  # noqa: S101  (a new workbook has one sheet)
    sheet.title = table.month.strftime("%Y-%m")
    header = league_header(table)
    thin = Side(style="thin", color="999999")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    sheet.append([safe_cell(league_title(table))])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(header))
    title = sheet.cell(row=1, column=1)
    title.font = Font(name="黑体", size=14, bold=True)
    title.alignment = Alignment(horizontal="center")
    sheet.append(header)
    for cell in sheet[2]:
        cell.font = Font(name="宋体", bold=True)
        cell.fill = PatternFill("solid", fgColor="E9ECEF")
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = border
    first_colour = 10
    for line in league_rows(table):
        sheet.append([safe_cell(_xlsx_value(v)) for v in line])
        for cell, value in zip(sheet[sheet.max_row], line, strict=True):
            cell.border = border
            cell.font = Font(name="宋体")
            if isinstance(value, Percent):
                cell.number_format = "0.0%"
            if not isinstance(value, str):
                cell.alignment = Alignment(horizontal="center")
        for offset, colour in enumerate(table.colours):
            cell = sheet.cell(row=sheet.max_row, column=first_colour + offset)
            if cell.value:
                cell.fill = PatternFill("solid", fgColor=FILLS[colour])
    sheet.append([])
    sheet.append([safe_cell(league_note(table))])
    widths = [6, 10, 28] + [10] * (len(header) - 3)
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "D3"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _xlsx_value(value: Any) -> Any:
    """Numbers stay numbers (a rate as a fraction under a per-cent format); no value is "—"."""
    if value is None:
        return "—"
    if isinstance(value, Percent):
        return float(value) / 100
    return value


LANDSCAPE_A4 = (Cm(29.7), Cm(21))
LEAGUE_MARGIN = Cm(2)


def _league_widths(columns: int) -> list[Length]:
    """Rank, region and unit get what they need; the figures share the rest of the line, so
    the table never runs past the landscape page's margins."""
    line = Length(LANDSCAPE_A4[0] - 2 * LEAGUE_MARGIN).twips  # Word keeps whole twips
    fixed = [Cm(1.1).twips, Cm(1.6).twips, Cm(3.8).twips]
    rest = (line - sum(fixed)) // (columns - len(fixed))
    return [Twips(w) for w in (*fixed, *[rest] * (columns - len(fixed)))]


@translation.override("zh-hans")
def league_docx(table: LeagueTable) -> bytes:
    document = new_document(body_size=Pt(9))
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = LANDSCAPE_A4
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, LEAGUE_MARGIN)

    heading = document.add_paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    add_run(heading, league_title(table), HEITI, size=Pt(16), bold=True)

    header = league_header(table)
    grid = document.add_table(rows=1, cols=len(header))
    grid.style = "Table Grid"
    grid.autofit = False
    for cell, text in zip(grid.rows[0].cells, header, strict=True):
        cell.text = ""
        add_run(cell.paragraphs[0], text, HEITI, bold=True)
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    for line in league_rows(table):
        cells = grid.add_row().cells
        for index, (cell, value) in enumerate(zip(cells, line, strict=True)):
            cell.text = ""
            add_run(cell.paragraphs[0], _text(value), FANGSONG)
            if index not in (1, 2):
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    for column, width in zip(grid.columns, _league_widths(len(header)), strict=True):
        for cell in column.cells:
            cell.width = width
    note = document.add_paragraph()
    add_run(note, league_note(table), FANGSONG, size=Pt(9))
    return document_bytes(document)
