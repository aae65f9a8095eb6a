"""Journey 2 (the campaign part): the commission starts next year's campaign, assigns lead units,
and the units find their new projects. The topic call comes with a later issue."""

import pytest
from playwright.sync_api import Page, expect

from journeys.conftest import log_in
from kaimen.demo.world import running_year

pytestmark = pytest.mark.browser

# The demo runs the current year in Kaimen; the commission starts the one after it.
YEAR = str(running_year() + 1)
PROJECTS = (
    ("中小学生课后服务收费不规范问题专项治理", "教育", "定海区教育局"),
    ("养老机构消防安全隐患问题专项治理", "养老", "定海区民政局"),
)


def test_commission_starts_next_years_campaign_and_units_see_their_projects(
    page: Page, server: str
) -> None:
    # The commission admin creates next year's campaign from the staff home.
    log_in(page, server, "dh-jiwei")
    page.get_by_role("link", name="新建年度专项治理").click()
    expect(page.get_by_role("heading", name="新建年度专项治理")).to_be_visible()
    expect(page.get_by_label("发布机关").locator("option:checked")).to_have_text("定海区纪委监委")
    page.get_by_label("年度").fill(YEAR)
    expect(page.get_by_label("标题")).to_have_value("漠视侵害群众利益问题专项治理")
    page.get_by_label("导语").fill(
        f"{YEAR}年，定海区纪委区监委聚焦群众“急难愁盼”，会同相关单位精选项目开展专项治理。"
    )
    page.get_by_role("button", name="创建").click()

    expect(page.get_by_text("已创建专项治理，请添加治理项目。")).to_be_visible()
    expect(page.get_by_text(f"定海区纪委监委 · {YEAR}年度")).to_be_visible()

    # Two projects, each with its lead unit, the second right after the first.
    page.get_by_role("link", name="添加治理项目").click()
    for index, (title, theme, unit) in enumerate(PROJECTS):
        page.get_by_label("治理项目").fill(title)
        page.get_by_label("主题").select_option(label=theme)
        page.get_by_role("checkbox", name=unit, exact=True).check()
        last = index == len(PROJECTS) - 1
        page.get_by_role(
            "button", name="添加" if last else "添加并继续添加下一个", exact=True
        ).click()
        if not last:
            expect(page.get_by_label("治理项目")).to_have_value("")
    expect(page.get_by_text("已添加治理项目。")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_contain_text(PROJECTS[-1][0])

    # Back on the campaign, both projects wait to be approved.
    page.get_by_role("navigation", name="位置").get_by_role("link", name=f"{YEAR}年").click()
    projects = page.get_by_role("table").get_by_role("row")
    expect(projects).to_have_count(1 + len(PROJECTS))  # the header row and one per project
    for title, theme, unit in PROJECTS:
        row = projects.filter(has_text=title)
        expect(row).to_contain_text(unit)
        expect(row).to_contain_text(theme)
        expect(row).to_contain_text("草拟")
        expect(row).to_contain_text("待确定项目")

    # Approve each project, then start the campaign.
    for title, _theme, unit in PROJECTS:
        projects.filter(has_text=title).get_by_role("link", name=title).click()
        expect(page.get_by_role("heading", level=1)).to_contain_text(title)
        expect(page.get_by_text(f"牵头单位：{unit}", exact=True).first).to_be_visible()
        page.get_by_role("button", name="确定项目").click()
        expect(page.get_by_role("heading", level=1)).to_contain_text("已确定")
        page.get_by_role("navigation", name="位置").get_by_role("link", name=f"{YEAR}年").click()
    for title, _theme, _unit in PROJECTS:
        expect(projects.filter(has_text=title)).to_contain_text("已确定")
    page.get_by_role("button", name="启动专项治理").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("治理中")

    # The education bureau logs in and finds its new project waiting for its goal.
    page.get_by_role("button", name="退出").click()
    log_in(page, server, "dh-jiaoyu")
    expect(page.get_by_role("heading", name="您好，定海区教育局")).to_be_visible()
    mine = page.get_by_role("row")
    new_project = mine.filter(has_text=PROJECTS[0][0])
    expect(new_project).to_contain_text(f"{YEAR}年 · 定海区纪委监委")
    expect(new_project).to_contain_text("已确定")
    expect(new_project).to_contain_text("待填写治理目标")
    expect(mine.filter(has_text=PROJECTS[1][0])).to_have_count(0)
