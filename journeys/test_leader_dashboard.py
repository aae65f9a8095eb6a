"""Journey 5: a leader looks at the whole city. `zs-jiwei` opens the dashboard, sees the red and
orange problems by unit across 定海 and 普陀, clicks a number to the list behind it, downloads
the month's league table (晾晒) as Excel, and compares anti-fraud figures across 2022–2024."""

import io

import pytest
from openpyxl import load_workbook
from playwright.sync_api import Page, expect

from journeys.conftest import ARTIFACTS, log_in

pytestmark = pytest.mark.browser


def test_leader_reads_the_city_and_compares_years(page: Page, server: str) -> None:
    log_in(page, server, "zs-jiwei")
    page.get_by_role("link", name="数据看板").first.click()
    expect(page.get_by_role("heading", name="数据看板", exact=True)).to_be_visible()
    # The chart is drawn (a canvas inside its box) and the numbers sit beside it in a table.
    expect(page.locator('[data-chart="units"] canvas')).to_have_count(1)
    table = page.locator("#units-heading").locator("xpath=ancestor::section").locator("table")
    expect(table.get_by_text("定海区", exact=True).first).to_be_visible()
    page.screenshot(path=str(ARTIFACTS / "journey5-dashboard.png"), full_page=True)

    # A red number of a unit leads to the problems behind it, all red.
    red = table.locator("a.warn-text-red").first
    count = int(red.inner_text())
    red.click()
    expect(page.get_by_role("heading", name="问题").first).to_be_visible()
    assert "colour=red" in page.url
    rows = page.locator("main table tbody tr")
    expect(rows).to_have_count(min(count, 50))

    # The league table of the month, downloaded as Excel.
    page.goto(f"{server}/staff/insights/league/")
    expect(page.get_by_role("heading", name="晾晒通报")).to_be_visible()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="导出 Excel").click()
    path = download_info.value.path()
    sheet = load_workbook(io.BytesIO(path.read_bytes())).active
    assert sheet is not None
    assert "晾晒通报" in str(sheet["A1"].value)
    assert sheet["C2"].value == "单位"
    page.screenshot(path=str(ARTIFACTS / "journey5-league.png"), full_page=True)

    # The roll-up of the city: 定海 and 普陀 side by side.
    page.goto(f"{server}/staff/insights/rollup/")
    expect(page.get_by_role("heading", name="分地区情况")).to_be_visible()
    expect(page.locator('[data-chart="children"] canvas')).to_have_count(1)
    page.screenshot(path=str(ARTIFACTS / "journey5-rollup.png"), full_page=True)

    # Anti-fraud across the years, from a project's theme badge.
    page.goto(f"{server}/themes/anti_fraud/")
    expect(page.get_by_role("heading", name="反诈类治理项目历年成果")).to_be_visible()
    money = page.locator("#series-funds_recovered").locator("xpath=ancestor::section")
    expect(money.locator("canvas")).to_have_count(1)
    for year, amount in (("2022年", "820万元"), ("2023年", "1132.4万元"), ("2024年", "974.6万元")):
        expect(money.get_by_role("row", name=f"{year} {amount}")).to_be_visible()
