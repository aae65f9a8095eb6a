"""Journey 8, when the parser is unsure: a commission pastes a report whose projects the parser
does not see, marks the project titles by hand, moves a misplaced figure, imports, and finds the
projects on the portal."""

import pytest
from playwright.sync_api import Page, expect

from journeys.conftest import ARTIFACTS, log_in

pytestmark = pytest.mark.browser

REPORT = (
    "区纪委监委通报专项治理进展\n"
    "2019年以来，区纪委监委聚焦群众急难愁盼，共督导检查120次，推动整改问题45个。\n"
    "老旧小区加装电梯：\n"
    "排查小区36个，新装电梯18部，惠及居民520户。\n"
    "背街小巷环境整治：\n"
    "整治背街小巷42条，清理乱堆放问题310处。\n"
)


def _structure(page: Page, button: str) -> None:
    page.locator("details#structure summary").click()
    page.get_by_role("button", name=button, exact=True).click()
    expect(page.get_by_text("已调整结构。")).to_be_visible()


def test_commission_marks_project_titles_by_hand_and_imports(page: Page, server: str) -> None:
    log_in(page, server, "dh-jiwei")
    page.get_by_role("link", name="导入历史公告").click()
    page.get_by_role("link", name="导入公告").click()
    page.get_by_label("或粘贴公告全文").fill(REPORT)
    page.get_by_role("button", name="解析并核对").click()
    expect(page.get_by_text("没有识别出任何治理项目。")).to_be_visible()

    # Two lines of the source become project titles; the figures under them follow.
    for line in ("3. 老旧小区加装电梯：", "5. 背街小巷环境整治："):
        page.locator("details#structure summary").click()
        page.get_by_label("把原文中的这一行设为项目标题").select_option(label=line)
        page.get_by_role("button", name="设为项目标题").click()
        expect(page.get_by_text("已调整结构。")).to_be_visible()
    projects = page.get_by_role("heading", level=2)
    expect(projects.filter(has_text="老旧小区加装电梯")).to_be_visible()
    expect(projects.filter(has_text="背街小巷环境整治")).to_be_visible()

    # "推动整改问题45个" belongs to the second project, not to the totals.
    page.locator("details#structure summary").click()
    page.get_by_label("把数据").select_option(label="总体数据：推动整改问题 45个")
    page.get_by_label("移到").select_option(label="2. 背街小巷环境整治")
    page.get_by_role("button", name="移动", exact=True).click()
    expect(page.get_by_text("已调整结构。")).to_be_visible()
    alley = page.locator("div.card").filter(has=projects.filter(has_text="背街小巷环境整治"))
    expect(alley).to_contain_text("推动整改问题")
    ARTIFACTS.mkdir(exist_ok=True)
    page.locator("details#structure summary").click()
    page.screenshot(path=str(ARTIFACTS / "test_commission_fixes_structure_review.png"))

    page.get_by_role("button", name="确认导入").click()
    done = page.get_by_role("status").filter(has_text="导入完成。")
    expect(done).to_be_visible()
    done.get_by_role("link", name="查看导入的专项治理").click()
    listed = page.get_by_role("region", name="治理项目").get_by_role("listitem")
    expect(listed).to_have_count(2)
    expect(listed.filter(has_text="老旧小区加装电梯")).to_be_visible()


def test_the_structure_card_fits_a_phone(phone: Page, server: str) -> None:
    log_in(phone, server, "dh-jiwei")
    phone.goto(f"{server}/staff/imports/new/")
    phone.get_by_label("或粘贴公告全文").fill(REPORT)
    phone.get_by_role("button", name="解析并核对").click()
    phone.locator("details#structure summary").click()
    expect(phone.get_by_role("button", name="设为项目标题")).to_be_visible()
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390 + 1
