"""Journey 3: a lead unit answers: goal and targets, monthly reports, outcomes; and two colleagues
editing the same answer get a clear conflict, not a silent overwrite."""

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from journeys.conftest import ARTIFACTS, log_in
from kaimen.demo.world import running_year

pytestmark = pytest.mark.browser

# Approved in the demo's 定海 campaign of the running year, led by 定海区教育局 (with 定海区公安分局), no answer yet.
PROJECT = "中小学校园周边交通安全问题专项治理"
GOAL = "聚焦中小学校园周边上下学高峰交通拥堵、违停和安全隐患问题，实现校园周边交通秩序明显好转。"
TARGETS = (
    ("整治校园周边交通安全隐患点", "≥", "40", "处"),
    ("增设护学岗", "≥", "25", "个"),
    ("学生上下学交通事故", "≤", "0", "起"),
)
# In progress in the demo's 定海 campaign of the running year, led by 定海区教育局, already answered.
EDITED = "校外培训机构预收费监管问题专项治理"
# Two months of the running year (the demo's running year is the current one).
_YEAR, _MONTH = running_year(), max(timezone.localdate().month - 1, 2)
REPORTS = (
    (
        f"{_YEAR}-{_MONTH - 1:02d}",
        f"{_YEAR}年{_MONTH - 1}月",
        "排查全区中小学校园周边交通安全隐患点46处，建立问题清单。",
    ),
    (f"{_YEAR}-{_MONTH:02d}", f"{_YEAR}年{_MONTH}月", "完成隐患点整治21处，新增护学岗12个。"),
)
OUTCOMES = (
    ("隐患整治全面完成", "全年整治校园周边交通安全隐患点46处，施划上下学临时停车位320个。"),
    ("护学力量明显加强", "增设护学岗28个，组织志愿者1200余人次参与护学。"),
    ("交通秩序持续向好", "校园周边交通违法行为同比下降35.2%，未发生学生上下学交通事故。"),
)


def _open_project(page: Page, title: str) -> None:
    """From anywhere in the back office, through the staff home."""
    page.get_by_role("navigation", name="位置").get_by_role("link", name="工作台").click()
    page.get_by_role("row").filter(has_text=title).get_by_role("link", name=title).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(title)


def test_lead_unit_answers_reports_and_publishes_outcomes(page: Page, server: str) -> None:
    log_in(page, server, "dh-jiaoyu")
    row = page.get_by_role("row").filter(has_text=PROJECT)
    expect(row).to_contain_text("待填写治理目标")
    row.get_by_role("link", name=PROJECT).click()

    # The goal and three quantified targets.
    page.get_by_role("link", name="填写目标与指标").click()
    page.get_by_label("治理目标").fill(GOAL)
    rows = page.locator("#targets-rows").get_by_role("row")
    expect(rows).to_have_count(3)
    for index, (label, comparator, value, unit) in enumerate(TARGETS):
        cells = rows.nth(index)
        cells.get_by_label("指标").fill(label)
        cells.get_by_label("比较").select_option(label=comparator)
        cells.get_by_label("目标值").fill(value)
        cells.get_by_label("单位").fill(unit)
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_text("治理目标和量化指标已保存。")).to_be_visible()
    goal = page.locator("#goal")
    expect(goal).to_contain_text(GOAL)
    for label, comparator, value, unit in TARGETS:
        target = goal.get_by_role("row").filter(has_text=label)
        expect(target).to_contain_text(comparator)
        expect(target).to_contain_text(f"{value}")
        expect(target).to_contain_text(unit)

    # Start the work, then the monthly report for two months.
    page.get_by_role("button", name="启动治理").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("治理中")
    for month, month_text, body in REPORTS:
        page.get_by_role("link", name="报送月报").click()
        page.get_by_label("月份").fill(month)
        page.get_by_label("本月进展").fill(body)
        page.get_by_label("下步计划").fill("继续推进隐患点整治。")
        page.get_by_role("button", name="报送").click()
        expect(page.get_by_text(f"{month_text}月报已报送。")).to_be_visible()
    reports = page.locator("#reports")
    expect(reports.get_by_role("heading").first).to_contain_text("（2）")
    for _month, month_text, body in REPORTS:
        expect(reports).to_contain_text(month_text)
        expect(reports).to_contain_text(body)

    # At year end, the numbered outcomes with their figures.
    page.get_by_role("link", name="填写治理成果").click()
    for index, (headline, body) in enumerate(OUTCOMES):
        expect(page.get_by_text(f"第 {index + 1} 项")).to_be_visible()
        page.locator(f"#id_outcomes-{index}-headline").fill(headline)
        page.locator(f"#id_outcomes-{index}-body").fill(body)
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_text("治理成果已保存。")).to_be_visible()
    items = page.locator("#outcomes").get_by_role("article")
    expect(items).to_have_count(len(OUTCOMES))
    for position, (headline, body) in enumerate(OUTCOMES, start=1):
        item = items.nth(position - 1)
        expect(item.get_by_role("heading")).to_have_text(f"{position}. {headline}")
        expect(item).to_contain_text(body)
    expect(items.nth(0)).to_contain_text("整治校园周边交通安全隐患点 46处")
    expect(items.nth(0)).to_contain_text("施划上下学临时停车位 320个")
    expect(items.nth(1)).to_contain_text("增设护学岗 28个")
    expect(items.nth(2)).to_contain_text("35.2%")


def test_two_colleagues_editing_the_same_answer_get_a_conflict(
    page: Page, browser: Browser, server: str
) -> None:
    colleague_context = browser.new_context(
        locale="zh-CN", timezone_id="Asia/Shanghai", viewport={"width": 1280, "height": 900}
    )
    colleague = colleague_context.new_page()
    try:
        # Both open the same edit form.
        for person in (page, colleague):
            log_in(person, server, "dh-jiaoyu")
            person.get_by_role("row").filter(has_text=EDITED).get_by_role(
                "link", name=EDITED
            ).click()
            person.get_by_role("link", name="填写目标与指标").click()
            expect(person.get_by_role("heading", name="治理目标与量化指标")).to_be_visible()

        # The first saves.
        page.get_by_label("治理目标").fill("第一位同事保存的治理目标。")
        page.get_by_role("button", name="保存").click()
        expect(page.get_by_text("治理目标和量化指标已保存。")).to_be_visible()

        # The second, still on the old form, types and saves: a conflict, their text kept.
        typed = "第二位同事刚刚输入、尚未保存的治理目标。"
        colleague.get_by_label("治理目标").fill(typed)
        colleague.get_by_role("button", name="保存").click()
        alert = colleague.get_by_role("alert")
        expect(alert).to_contain_text("保存冲突：在您编辑期间，他人已修改此内容。")
        expect(alert).to_contain_text("您填写的内容仍保留在下方表单中，没有丢失。")
        expect(colleague.get_by_label("治理目标")).to_have_value(typed)
        expect(colleague.get_by_text("第一位同事保存的治理目标。")).to_be_visible()
        ARTIFACTS.mkdir(exist_ok=True)
        colleague.screenshot(
            path=str(ARTIFACTS / "test_two_colleagues_editing_the_same_answer_colleague.png"),
            full_page=True,
        )

        # Nothing was silently overwritten: the project shows the first colleague's goal.
        _open_project(page, EDITED)
        expect(page.locator("#goal")).to_contain_text("第一位同事保存的治理目标。")
        expect(page.locator("#goal")).not_to_contain_text(typed)
    finally:
        colleague_context.close()
