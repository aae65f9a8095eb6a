"""Journey 4b: a look-back reopens a closed problem (反弹回潮). dh-jiancha opens 回头看到期, finds
the demo's problem closed 95 days ago, records a look-back that found the problem back, with a
reason and a new deadline; the problem is back in 整改中 with the reason on its timeline."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import Page, expect

from journeys.conftest import ARTIFACTS, log_in

pytestmark = pytest.mark.browser

TODAY = datetime.now(ZoneInfo("Asia/Shanghai")).date()
PROBLEM = "校园周边流动摊贩食品安全监管缺位。"
REASON = "回头看发现校门口流动摊贩又有聚集，问题反弹回潮（旅程）。"


def test_a_lookback_reopens_a_closed_problem(page: Page, server: str) -> None:
    log_in(page, server, "dh-jiancha")
    page.get_by_role("link", name="纪委监督").click()
    page.get_by_role("link", name="回头看到期").click()
    row = page.get_by_role("row").filter(has_text=PROBLEM)
    expect(row).to_contain_text("已到期")
    row.get_by_role("link", name="登记回头看").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("登记回头看")
    page.get_by_label("反弹回潮，重新整改").check()
    page.get_by_label("检查人员").fill("张伟、李娜")
    page.get_by_label("说明").fill(REASON)
    deadline = TODAY + timedelta(days=30)
    page.get_by_label("新的整改时限").fill(deadline.isoformat())
    page.get_by_role("button", name="保存回头看结论").click()

    expect(page.get_by_text("回头看已登记：问题已重新交办整改。")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_contain_text("整改中")
    expect(page.locator("#timeline")).to_contain_text(REASON)
    expect(page.locator(".deadline-line")).to_contain_text(
        f"整改时限：{deadline.year}年{deadline.month}月{deadline.day}日"
    )
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "journey4-lookback-reopened.png"), full_page=True)

    # It has left the look-backs due and is back in the ledger's work.
    page.get_by_role("link", name="回头看到期").click()
    expect(page.get_by_role("row").filter(has_text=PROBLEM)).to_have_count(0)
