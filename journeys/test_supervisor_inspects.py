"""Journey 4: a supervisor inspects. dh-jiancha logs an unannounced inspection (四不两直) of
定海区教育局 with two problems, issues the rectification notice (a Word document with its number),
sees the warning colours; a commission leader lists one (挂牌督办); dh-jiaoyu submits evidence,
dh-jiancha returns it as insufficient, dh-jiaoyu resubmits, dh-jiancha closes the problem and sees
the look-back scheduled."""

import io
import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import docx
import pytest
from playwright.sync_api import Browser, Page, expect

from journeys.conftest import ARTIFACTS, log_in

pytestmark = pytest.mark.browser

TODAY = datetime.now(ZoneInfo("Asia/Shanghai")).date()
FIRST = "校外培训机构预收费资金未纳入监管账户（旅程）"
SECOND = "学校食堂进货台账未按要求公示（旅程）"


def _as(browser: Browser, server: str, username: str) -> Page:
    context = browser.new_context(locale="zh-CN", timezone_id="Asia/Shanghai")
    page = context.new_page()
    page.set_default_timeout(15_000)
    log_in(page, server, username)
    return page


def _open_problem(page: Page, server: str, description: str) -> None:
    page.goto(f"{server}/staff/supervision/problems/")
    page.get_by_role("link", name=description).click()
    expect(page.get_by_text(description).first).to_be_visible()


def _shot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"journey4-{name}.png"), full_page=True)


def _log_inspection(page: Page, server: str) -> None:
    """dh-jiancha logs the inspection and its two problems in one form."""
    log_in(page, server, "dh-jiancha")
    page.get_by_role("link", name="纪委监督").click()
    page.get_by_role("link", name="登记督导检查").first.click()
    page.get_by_label("检查方式").select_option(label="四不两直")
    page.get_by_label("检查人员").fill("张伟、李娜")
    page.locator("#id_inspected_units").get_by_label("定海区教育局").check()
    rows = page.locator("fieldset.problem-row")
    for index, (description, deadline) in enumerate(
        ((FIRST, TODAY + timedelta(days=1)), (SECOND, TODAY - timedelta(days=1)))
    ):
        row = rows.nth(index)
        row.get_by_label("责任单位").select_option(label="定海区教育局")
        row.get_by_label("问题描述").fill(description)
        row.get_by_label("整改时限").fill(deadline.isoformat())
    page.get_by_role("button", name="保存检查和问题").click()
    expect(page.get_by_text("已登记督导检查及发现的问题。")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_contain_text("四不两直")
    _shot(page, "inspection")


def _issue_notices(page: Page, server: str) -> None:
    """The notice, with its number, as a Word document; then the colours."""
    for description in (FIRST, SECOND):
        _open_problem(page, server, description)
        page.get_by_role("button", name="下发整改通知书").click()
        expect(page.get_by_text("已办理：下发整改通知书。")).to_be_visible()
    documents = page.locator("#documents")
    number = documents.get_by_text(re.compile(r"整改通知〔\d{4}〕\d+号")).inner_text()
    with page.expect_download() as download_info:
        documents.get_by_role("link", name="下载").first.click()
    path = download_info.value.path()
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(path.read_bytes())).paragraphs)
    assert number in text
    assert "整改通知书" in text
    assert SECOND in text

    # The colours: blue before the deadline, yellow once past it.
    page.goto(f"{server}/staff/supervision/problems/")
    expect(page.get_by_role("row").filter(has_text=FIRST)).to_contain_text("蓝色")
    expect(page.get_by_role("row").filter(has_text=SECOND)).to_contain_text("黄色")
    expect(page.get_by_role("row").filter(has_text=SECOND)).to_contain_text(
        re.compile("已逾期|已过整改时限")
    )
    _shot(page, "ledger")


def _leader_lists(browser: Browser, server: str) -> None:
    """A commission leader lists the overdue one (挂牌督办)."""
    leader = _as(browser, server, "dh-jiwei")
    _open_problem(leader, server, SECOND)
    leader.get_by_role("button", name="挂牌督办…").click()
    leader.get_by_label("督办时限").fill((TODAY + timedelta(days=10)).isoformat())
    leader.get_by_label("挂牌理由").fill("逾期未整改，群众反映强烈")
    leader.get_by_role("button", name="确认挂牌督办").click()
    expect(leader.get_by_text("已办理：挂牌督办。")).to_be_visible()
    expect(leader.locator("#documents")).to_contain_text("挂牌督办单")
    leader.goto(f"{server}/staff/supervision/problems/?tab=listed")
    expect(leader.get_by_role("row").filter(has_text=SECOND)).to_contain_text("橙色")
    leader.context.close()


def _submit(unit: Page, text: str, checks: tuple[str, ...]) -> None:
    unit.get_by_role("link", name="提交整改材料").first.click()
    unit.get_by_label("整改情况").fill(text)
    for check in checks:
        unit.get_by_label(check).check()
    unit.get_by_role("button", name="提交审核").click()
    expect(unit.get_by_text("整改材料已提交，等待纪委监委审核。")).to_be_visible()


def test_supervisor_inspects_and_closes_by_evidence(
    page: Page, browser: Browser, server: str
) -> None:
    _log_inspection(page, server)
    _issue_notices(page, server)
    _leader_lists(browser, server)

    # dh-jiaoyu signs for the notice and submits evidence.
    unit = _as(browser, server, "dh-jiaoyu")
    unit.get_by_role("link", name="纪委监督").click()
    expect(unit.get_by_role("heading", level=1)).to_have_text("待整改问题")
    unit.get_by_role("link", name=FIRST).click()
    unit.get_by_role("button", name="签收，开始整改").click()
    _submit(unit, "已将预收费资金纳入监管账户。", ("见人",))

    # dh-jiancha returns it as insufficient.
    _open_problem(page, server, FIRST)
    page.get_by_role("button", name="退回补充…").click()
    page.get_by_label("退回理由").fill("缺少监管账户开户证明和处理结果，请补充。")
    page.get_by_role("button", name="确认退回补充").click()
    expect(page.get_by_text("已办理：退回补充。")).to_be_visible()

    # dh-jiaoyu sees why and resubmits.
    _open_problem(unit, server, FIRST)
    expect(
        unit.get_by_role("alert").filter(has_text="缺少监管账户开户证明和处理结果")
    ).to_be_visible()
    _submit(unit, "补充监管账户开户证明，对3家机构责令整改。", ("见人", "见事", "见处理结果"))
    unit.context.close()

    # dh-jiancha closes it and sees the look-back scheduled.
    _open_problem(page, server, FIRST)
    expect(page.locator("#evidence")).to_contain_text("第 2 次提交")
    page.get_by_role("button", name="验收销号…").click()
    page.get_by_label("验收意见").fill("材料齐全，同意销号。")
    page.get_by_role("button", name="确认验收销号").click()
    expect(page.get_by_text("已办理：验收销号。")).to_be_visible()
    expect(page.get_by_text(re.compile(r"已销号，回头看安排在 \d{4}年\d+月\d+日"))).to_be_visible()
    _shot(page, "closed")
