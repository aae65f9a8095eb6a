import csv
import io
import json
from datetime import date
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from docx import Document
from openpyxl import load_workbook

from conftest import World
from kaimen.insights.tests.factories import problem_make, supervision_world


def test_the_dashboard_links_each_number_to_its_list(world: World) -> None:
    supervision_world(world)
    response = world.client_for("city_admin").get("/staff/insights/")
    assert response.status_code == 200
    body = response.content.decode()
    unit = world.orgs["pt_minzheng"].pk
    assert f"?unit={unit}&amp;colour=red" in body
    assert 'data-chart="units"' in body
    assert 'id="dashboard-chart"' in body


def test_the_drill_down_list_shows_the_problems_behind_a_number(world: World) -> None:
    problems = supervision_world(world)
    unit = world.orgs["dh_jiaoyu"].pk
    response = world.client_for("supervisor").get(
        f"/staff/insights/problems/?unit={unit}&status=behind"
    )
    assert [p.pk for p in response.context["page"]] == [problems["red"].pk, problems["yellow"].pk]


def test_the_league_table_exports_to_excel_and_word(world: World) -> None:
    supervision_world(world)
    client = world.client_for("viewer")
    query = f"?commission={world.orgs['dh_jiwei'].pk}&month=2024-06"
    xlsx = client.get(f"/staff/insights/league/export.xlsx{query}")
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet is not None
    assert sheet["A1"].value == "定海区纪委监委 2024年6月 专项治理问题整改晾晒通报"
    assert [c.value for c in sheet[2]][:9] == [
        "排名", "地区", "单位", "本月交办", "累计交办", "已销号", "按期销号", "整改率", "逾期未整改",
    ]  # fmt: skip
    units = sorted(sheet.cell(row=r, column=3).value for r in (3, 4))
    assert units == ["定海区公安分局", "定海区教育局"]
    docx = client.get(f"/staff/insights/league/export.docx{query}")
    document = Document(io.BytesIO(docx.content))
    assert document.paragraphs[0].text == "定海区纪委监委 2024年6月 专项治理问题整改晾晒通报"
    title_fonts: Any = document.paragraphs[0].runs[0]._element.rPr.rFonts  # type: ignore[union-attr]
    assert (
        title_fonts.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia")
        == "黑体"
    )
    assert document.tables[0].rows[0].cells[2].text == "单位"
    assert len(document.tables[0].rows) == 3


def test_a_commission_admin_publishes_the_league_table(world: World) -> None:
    supervision_world(world)
    commission = world.orgs["dh_jiwei"].pk
    anonymous = world.client_for("anonymous")
    assert anonymous.get(f"/open-data/league/{commission}/2024-06/").status_code == 404
    response = world.client_for("commission_admin").post(
        "/staff/insights/league/policy/",
        {"commission": commission, "visibility": "public", "month": "2024-06"},
    )
    assert response.status_code == 302
    public = anonymous.get(f"/open-data/league/{commission}/2024-06/")
    assert public.status_code == 200
    assert "定海区教育局" in public.content.decode()


def _streamed(response: Any) -> bytes:
    return b"".join(response.streaming_content)


def test_open_data_downloads_only_published_records(world: World) -> None:
    client = world.client_for("anonymous")
    rows = list(
        csv.reader(
            io.StringIO(_streamed(client.get("/open-data/projects.csv")).decode("utf-8-sig"))
        )
    )
    assert rows[0][:6] == ["编号", "专项治理编号", "年度", "发布机关", "序号", "标题"]
    assert sorted(r[5] for r in rows[1:]) == sorted(
        [world.projects["published"].title, world.projects["other_published"].title]
    )
    data = json.loads(_streamed(client.get("/open-data/projects.json")))
    assert data["dataset"] == "projects"
    assert len(data["rows"]) == 2
    sheet = load_workbook(io.BytesIO(client.get("/open-data/projects.xlsx").content)).active
    assert sheet is not None
    assert sheet.max_row == 3
    assert client.get("/open-data/projects.pdf").status_code == 404
    assert client.get("/open-data/secrets.csv").status_code == 404


def test_the_theme_page_is_linked_from_the_project_page(world: World) -> None:
    response = world.client_for("anonymous").get(f"/projects/{world.projects['published'].pk}/")
    assert f'href="/themes/{world.projects["published"].theme}/"' in response.content.decode()


def _queries(client: object, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)  # type: ignore[attr-defined]
    assert response.status_code == 200
    return len(captured.captured_queries)


def _more_problems(world: World, n: int) -> None:
    for i in range(n):
        unit = world.orgs["dh_jiaoyu" if i % 2 else "pt_minzheng"]
        commission = world.orgs["dh_jiwei" if i % 2 else "pt_jiwei"]
        problem_make(
            commission, unit, assigned=date(2024, 4, 1), deadline=date(2024, 4, 2 + i % 20)
        )


@pytest.mark.parametrize(
    "url",
    ["/staff/insights/", "/staff/insights/league/?month=2024-06", "/staff/insights/rollup/"],
)
def test_pages_keep_a_constant_number_of_queries(world: World, url: str) -> None:
    supervision_world(world)
    client = world.client_for("city_admin")
    client.get(url)
    small = _queries(client, url)
    _more_problems(world, 40)
    assert _queries(client, url) == small
