"""A league table a commission can publish: numbers or an explained "—" in every cell, ranks
only over enough problems, the user's own commission and the month chosen, numbers that stay
numbers in Excel, a Word table that fits its landscape page."""

import io
import re
from datetime import UTC, date, datetime

from django.utils import timezone
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.shared import Cm
from openpyxl import load_workbook

from conftest import World
from kaimen.insights.selectors.league import MIN_RANKED, league_table_for
from kaimen.insights.tests.factories import TODAY, problem_make, supervision_world
from kaimen.participation.models import Evaluation


def _rated_unit_without_problems(world: World) -> None:
    """普陀区民政局 leads a rated project; with no problem of its own in 定海 it still shows."""
    Evaluation.objects.create(
        project=world.projects["other_published"],
        citizen=world.users["citizen"],
        rating="satisfied",
    )
    Evaluation.objects.update(created_at=datetime(2024, 6, 1, tzinfo=UTC))


def test_a_unit_known_only_from_ratings_has_zeros_not_none(world: World) -> None:
    _rated_unit_without_problems(world)
    table = league_table_for(
        user=world.users["city_admin"],
        commission_pk=world.orgs["zs_jiwei"].pk,
        month=date(2024, 6, 1),
        today=TODAY,
    )
    (row,) = table.all_rows
    assert (row.unit, row.assigned_total, row.reports_due, row.reports_on_time) == (
        "普陀区民政局", 0, 0, 0,
    )  # fmt: skip
    assert row.rectification_rate is None  # no base: "—", explained by the note
    page = world.client_for("city_admin").get(
        f"/staff/insights/league/?commission={world.orgs['zs_jiwei'].pk}&month=2024-06"
    )
    body = page.content.decode()
    assert "None" not in body
    assert "“—”表示没有可计算的基数" in body


def test_a_unit_with_too_few_problems_is_listed_apart_below_the_ranking(world: World) -> None:
    supervision_world(world)
    dh, jiaoyu = world.orgs["dh_jiwei"], world.orgs["dh_gongan"]
    # 公安分局: 3 problems + 5 more, 1 closed; 教育局 keeps 3. 普陀 is another commission.
    for day in range(3, 8):
        problem_make(dh, jiaoyu, assigned=date(2024, 6, day), deadline=date(2024, 7, 30))
    tiny = world.orgs["pt_minzheng"]
    problem_make(
        world.orgs["pt_jiwei"],
        tiny,
        assigned=date(2024, 6, 3),
        deadline=date(2024, 6, 30),
        state="closed",
        closed=date(2024, 6, 4),
    )
    table = league_table_for(
        user=world.users["city_admin"],
        commission_pk=world.orgs["zs_jiwei"].pk,
        month=date(2024, 6, 1),
        today=TODAY,
    )
    assert [(r.rank, r.unit) for r in table.rows] == [
        (1, "定海区教育局"),  # 1 of 3 closed
        (2, "定海区公安分局"),  # 1 of 8
    ]
    # 普陀区民政局: 1 of 2 closed (50%) would have ranked first; it is listed apart instead
    assert [(r.rank, r.unit, r.assigned_total) for r in table.apart] == [(None, "普陀区民政局", 2)]
    assert table.min_ranked == MIN_RANKED == 3
    body = (
        world.client_for("city_admin")
        .get(f"/staff/insights/league/?commission={world.orgs['zs_jiwei'].pk}&month=2024-06")
        .content.decode()
    )
    assert "累计交办不足3个问题的单位（不参与排名）" in body
    # the city's table has a region column, so the unit names drop the region's prefix
    assert re.search(r"<td[^>]*>定海区</td>\s*<th scope=\"row\"[^>]*>教育局</th>", body)


def test_the_page_opens_on_the_users_own_commission_and_the_running_month(
    world: World,
) -> None:
    supervision_world(world)
    body = world.client_for("city_admin").get("/staff/insights/league/").content.decode()
    month = timezone.localdate().strftime("%Y-%m")
    assert re.search(rf'<option value="{world.orgs["zs_jiwei"].pk}" selected>舟山市纪委监委', body)
    assert f'value="{month}"' in body
    # the district's own staff open on their district
    body = world.client_for("supervisor").get("/staff/insights/league/").content.decode()
    assert re.search(rf'<option value="{world.orgs["dh_jiwei"].pk}" selected>定海区纪委监委', body)


def test_rates_are_numbers_with_a_percent_format_in_excel(world: World) -> None:
    supervision_world(world)
    query = f"?commission={world.orgs['dh_jiwei'].pk}&month=2024-06"
    xlsx = world.client_for("viewer").get(f"/staff/insights/league/export.xlsx{query}")
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet is not None
    header = [c.value for c in sheet[2]]
    rate = header.index("整改率") + 1
    reports = header.index("到期举报") + 1
    cell = sheet.cell(row=3, column=rate)
    assert isinstance(cell.value, float)
    assert round(cell.value, 3) == 0.333
    assert cell.number_format == "0.0%"
    assert sheet.cell(row=3, column=reports).value == 0
    for row in sheet.iter_rows(min_row=3, max_row=4, values_only=True):
        assert None not in row
        assert not any(isinstance(v, str) and v.endswith("%") for v in row)


def test_the_word_table_is_landscape_a4_and_fits_between_the_margins(world: World) -> None:
    supervision_world(world)
    query = f"?commission={world.orgs['zs_jiwei'].pk}&month=2024-06"
    docx = world.client_for("city_admin").get(f"/staff/insights/league/export.docx{query}")
    document = Document(io.BytesIO(docx.content))
    section = document.sections[0]
    page_width, page_height = section.page_width or 0, section.page_height or 0
    assert section.orientation == WD_ORIENT.LANDSCAPE
    assert (round(page_width / Cm(1), 1), round(page_height / Cm(1), 1)) == (29.7, 21.0)
    line = page_width - (section.left_margin or 0) - (section.right_margin or 0)
    widths = [cell.width or 0 for cell in document.tables[0].rows[0].cells]
    assert all(widths)
    assert sum(widths) <= line
    assert sum(widths) > line - Cm(0.5)
    texts = [c.text for r in document.tables[0].rows for c in r.cells]
    assert "None" not in texts
