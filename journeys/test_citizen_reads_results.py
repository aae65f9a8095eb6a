"""Journey 1: a citizen reads last year's results, on a phone, without an account."""

import re

import pytest
from playwright.sync_api import Page, expect

from journeys.conftest import ARTIFACTS

pytestmark = pytest.mark.browser


def _snapshot(page: Page, step: str) -> None:
    """A full-page screenshot of an intermediate step, to look at as the citizen would."""
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"test_citizen_reads_{step}.png"), full_page=True)


def test_citizen_reads_2024_anti_fraud_results_on_a_phone(phone: Page, server: str) -> None:
    page = phone

    # The home page lists the campaigns by year.
    page.goto(f"{server}/")
    years = page.get_by_role("navigation", name="按年度筛选")
    for year in ("2024年", "2023年", "2022年"):
        expect(years.get_by_role("link", name=year)).to_be_visible()

    # 2024: the 定海 campaign with its headline figures.
    years.get_by_role("link", name="2024年").click()
    expect(page.get_by_role("heading", name="2024年", exact=True)).to_be_visible()
    expect(page.get_by_role("heading", name="2023年", exact=True)).to_have_count(0)
    _snapshot(page, "home_2024")
    page.get_by_role(
        "link", name="定海区纪委监委公布2024年漠视侵害群众利益问题专项治理工作成果"
    ).click()

    # The campaign: the nine projects, each with its lead unit.
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "定海区纪委监委公布2024年漠视侵害群众利益问题专项治理工作成果"
    )
    projects = page.get_by_role("region", name="治理项目").get_by_role("listitem")
    expect(projects).to_have_count(9)
    for position in range(9):
        expect(projects.nth(position)).to_contain_text("牵头单位：")
    _snapshot(page, "campaign_2024")
    fraud = projects.filter(has_text="电信网络诈骗专项治理")
    expect(fraud).to_contain_text("定海区公安分局")
    expect(projects.filter(has_text="中小学非教育教学事务进校园问题专项治理")).to_contain_text(
        "定海区教育局"
    )

    # The anti-fraud project: numbered outcomes with the figures marked in the text.
    fraud.get_by_role("link", name=re.compile("电信网络诈骗专项治理")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("电信网络诈骗专项治理")
    expect(page.get_by_text("牵头单位：定海区公安分局")).to_be_visible()
    outcomes = page.get_by_role("region", name="治理成果")
    expect(outcomes.get_by_role("heading", level=3)).to_have_count(4)
    strike = outcomes.get_by_role("article").filter(has_text="侦查打击更加有力")
    expect(strike.get_by_role("heading")).to_have_text("2.侦查打击更加有力")
    for figure in ("136人", "974.6万元"):
        mark = strike.locator("mark", has_text=figure)
        expect(mark).to_have_count(1)
        expect(mark).to_be_visible()
    expect(strike).to_contain_text("抓获涉诈犯罪嫌疑人136人，追赃974.6万元")

    # The figures at a glance, with the amount also in 元.
    figures = page.get_by_role("region", name="数据一览")
    expect(figures).to_contain_text("抓获涉诈犯罪嫌疑人")
    expect(figures).to_contain_text("974.6")
    expect(figures).to_contain_text("合 9,746,000 元")

    # The timeline of what happened when.
    timeline = page.get_by_role("region", name="治理进程")
    expect(timeline.get_by_role("listitem").first).to_contain_text("根据已公布的成果公告录入")
    expect(timeline.locator("time").first).to_have_text(re.compile(r"^\d{4}年\d{1,2}月\d{1,2}日$"))


def test_citizen_reads_targets_with_achievement_on_a_phone(phone: Page, server: str) -> None:
    """The 2024 定海 announcement gives no targets; 普陀's published project has one."""
    page = phone
    page.goto(f"{server}/?year=2024")
    page.get_by_role("link", name="普陀区纪委监委2024年漠视侵害群众利益问题专项治理").click()
    projects = page.get_by_role("region", name="治理项目").get_by_role("listitem")
    projects.get_by_role("link", name=re.compile("困难群众救助补助资金发放问题专项治理")).click()

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "困难群众救助补助资金发放问题专项治理"
    )
    targets = page.get_by_role("region", name="量化指标完成情况")
    target = targets.get_by_role("listitem").filter(has_text="核查救助对象")
    expect(target).to_contain_text("已完成")
    expect(target).to_contain_text("≥ 3000户")
    expect(target).to_contain_text("3216户")
    expect(target.get_by_role("progressbar")).to_be_visible()
    outcomes = page.get_by_role("region", name="治理成果")
    expect(outcomes.locator("mark", has_text="18.6万元")).to_be_visible()
