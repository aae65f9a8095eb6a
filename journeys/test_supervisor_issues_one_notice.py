"""Journey: the staff desk. dh-jiancha logs an unannounced inspection of 定海区教育局 with three
problems, finds them in the ledger by a keyword, selects the three and issues ONE 整改通知书
after previewing and editing its text; the Word file lists all three under one number. The
league table shows no "None" and its Excel export keeps the rates as numbers."""

import io
import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import docx
import pytest
from openpyxl import load_workbook
from playwright.sync_api import Page, expect

from journeys.conftest import ARTIFACTS, log_in

pytestmark = pytest.mark.browser

TODAY = datetime.now(ZoneInfo("Asia/Shanghai")).date()
KEYWORD = "合并通知旅程"
PROBLEMS = [
    f"城关小学食堂留样记录不全（{KEYWORD}）",
    f"海山中学食堂从业人员健康证过期（{KEYWORD}）",
    f"白泉学校食堂采购票据缺失（{KEYWORD}）",
]
EDITED = "请于收到本通知后五个工作日内报送整改方案。"


def _log_inspection(page: Page, server: str) -> None:
    page.goto(f"{server}/staff/supervision/inspections/new/")
    page.get_by_label("检查方式").select_option(label="四不两直")
    page.get_by_label("检查人员").fill("张伟、李娜")
    page.locator("#id_inspected_units").get_by_label("定海区教育局").check()
    page.get_by_role("button", name="再加一个问题").click()
    rows = page.locator("fieldset.problem-row")
    for index, description in enumerate(PROBLEMS):
        row = rows.nth(index)
        row.get_by_label("责任单位").select_option(label="定海区教育局")
        row.get_by_label("问题描述").fill(description)
        row.get_by_label("整改时限").fill((TODAY + timedelta(days=30)).isoformat())
    page.get_by_role("button", name="保存检查和问题").click()
    expect(page.get_by_text("已登记督导检查及发现的问题。")).to_be_visible()


def test_supervisor_searches_selects_and_issues_one_notice(page: Page, server: str) -> None:
    log_in(page, server, "dh-jiancha")
    _log_inspection(page, server)

    # The ledger finds the three by a keyword; the other problems stay out of the way.
    page.goto(f"{server}/staff/supervision/problems/")
    page.get_by_label("关键词").fill(KEYWORD)
    page.get_by_role("button", name="筛选").click()
    rows = page.locator("main table.problem-table tbody tr")
    expect(rows).to_have_count(3)
    for description in PROBLEMS:
        page.get_by_role("row").filter(has_text=description).get_by_role("checkbox").check()
    page.screenshot(path=str(ARTIFACTS / "desk-ledger-selected.png"), full_page=True)
    page.get_by_role("button", name="合并起草整改通知书").click()

    # The draft: one unit, three problems numbered once, 督导检查 in the text, editable.
    expect(page.get_by_role("heading", name="起草整改通知书")).to_be_visible()
    body = page.get_by_label("正文")
    draft = body.input_value()
    assert "我委对你单位开展督导检查（四不两直）" in draft
    for numeral, description in zip("一二三", PROBLEMS, strict=True):
        assert re.search(
            rf"^{numeral}、第\d{{4}}-\d{{4}}号问题：{re.escape(description)}", draft, re.M
        )
    body.fill(draft + "\n" + EDITED)
    expect(page.locator(".notice-preview")).to_contain_text(EDITED)  # the preview follows
    page.screenshot(path=str(ARTIFACTS / "desk-notice-draft.png"), full_page=True)
    page.get_by_role("button", name="确认下发").click()

    # Back on the inspection: one number for the three, the Word file lists them all.
    message = page.get_by_text(re.compile(r"已下发整改通知书 .*整改通知〔\d{4}〕\d+号（3 个问题）"))
    expect(message).to_be_visible()
    number = re.search(r"\S+整改通知〔\d{4}〕\d+号", message.inner_text())
    assert number
    notices = page.locator("#notices-heading").locator("xpath=ancestor::section")
    with page.expect_download() as download_info:
        notices.get_by_role("link", name="下载").first.click()
    document = docx.Document(io.BytesIO(download_info.value.path().read_bytes()))
    text = "\n".join(p.text for p in document.paragraphs)
    assert number.group(0) in text
    assert all(description in text for description in PROBLEMS)
    assert EDITED in text
    for description in PROBLEMS:
        expect(page.get_by_role("row").filter(has_text=description)).to_contain_text(
            "已下发整改通知"
        )
    page.screenshot(path=str(ARTIFACTS / "desk-notice-issued.png"), full_page=True)


def test_the_league_table_shows_no_none_and_exports_numbers(page: Page, server: str) -> None:
    log_in(page, server, "zs-jiwei")
    page.goto(f"{server}/staff/insights/league/")
    expect(page.get_by_role("heading", name="晾晒通报")).to_be_visible()
    # the city's commission and the running month are chosen
    commission = page.get_by_label("纪委监委", exact=True)
    assert commission.locator("option:checked").inner_text() == "舟山市纪委监委"
    assert page.get_by_label("月份").input_value() == TODAY.strftime("%Y-%m")
    table = page.locator("table.league-table")
    expect(table).to_be_visible()
    assert "None" not in table.inner_text()
    page.screenshot(path=str(ARTIFACTS / "desk-league.png"), full_page=True)
    with page.expect_download() as download_info:
        page.get_by_role("link", name="导出 Excel").click()
    sheet = load_workbook(io.BytesIO(download_info.value.path().read_bytes())).active
    assert sheet is not None
    header = [c.value for c in sheet[2]]
    rate = header.index("整改率") + 1
    values = [sheet.cell(row=r, column=rate) for r in range(3, sheet.max_row + 1)]
    numbers = [c for c in values if isinstance(c.value, int | float)]
    assert numbers, "the rates are numbers"
    assert all(c.number_format == "0.0%" for c in numbers)
    assert not any(isinstance(c.value, str) and c.value.endswith("%") for c in values)
