"""Journey 8: the commission brings its history: paste an old results announcement, check what the
parser found against the highlighted source, correct a misread figure, import, and find the
campaign with its projects on the portal."""

import re

import pytest
from playwright.sync_api import Page, expect

from journeys.conftest import ARTIFACTS, ROOT, log_in

pytestmark = pytest.mark.browser

SEEDS = ROOT.parent / "shared" / "seeds"
ELDERLY = "城镇居家养老服务保障专项治理"


def _announcement_2021() -> str:
    """Seed 001 (定海 2022, already in the demo), its year changed so that it is a new campaign."""
    seed = next(iter(sorted(SEEDS.glob("001_*.txt"))), None)
    if seed is None:
        pytest.fail(f"seed announcement 001 is missing from {SEEDS}")
    text = seed.read_text(encoding="utf-8")
    if "2022年" not in text:
        pytest.fail(f"{seed.name} no longer announces 2022")
    return text.replace("2022年", "2021年")


def test_commission_imports_an_old_announcement_with_a_corrected_figure(
    page: Page, server: str
) -> None:
    log_in(page, server, "dh-jiwei")
    page.get_by_role("link", name="导入历史公告").click()
    page.get_by_role("link", name="导入公告").click()
    expect(page.get_by_label("发布机关").locator("option:checked")).to_have_text("定海区纪委监委")
    page.get_by_label("或粘贴公告全文").fill(_announcement_2021())
    page.get_by_role("button", name="解析并核对").click()

    # What the parser found: the year, the thirteen projects with their lead units.
    expect(page.get_by_role("heading", name="核对解析结果")).to_be_visible()
    expect(page.get_by_text("定海区纪委监委 2021年：新建专项治理，13 个治理项目。")).to_be_visible()
    projects = page.get_by_role("heading", level=2).filter(has_text="专项")
    expect(page.get_by_role("link", name="更正", exact=True)).to_have_count(13)
    for title, unit in (
        ("新能源汽车充电难问题专项治理", "区发改局"),
        ("电信网络诈骗专项治理", "区公安分局"),
        (ELDERLY, "区民政局"),
    ):
        card = page.locator("div.card").filter(has=projects.filter(has_text=title))
        expect(card).to_contain_text(f"牵头单位：{unit}")

    # The figures, highlighted in the source text, each linked from its project.
    source = page.locator("div.card").filter(has=page.get_by_role("heading", name="公告原文"))
    for figure in ("129人", "820万元", "3.79万"):
        expect(source.locator("mark", has_text=figure).first).to_be_visible()
    fraud = page.locator("div.card").filter(has=projects.filter(has_text="电信网络诈骗专项治理"))
    chip = fraud.get_by_role("link", name="抓获犯罪嫌疑人 129人")
    expect(chip).to_be_visible()
    chip.click()
    expect(source.locator("mark", has_text="129人")).to_be_in_viewport()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "test_commission_imports_review.png"))

    # "3.79万老年人": the parser kept 万 without the 人; the admin corrects it.
    elderly = page.locator("div.card").filter(has=projects.filter(has_text=ELDERLY))
    expect(elderly.get_by_role("link", name=re.compile(r"3\.79万$"))).to_be_visible()
    elderly.get_by_role("link", name="更正", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(ELDERLY)
    expect(page.get_by_label("牵头单位")).to_have_value("区民政局")
    misread = page.get_by_role("row").filter(has_text="原文：覆盖城区3.79万老年人就餐配送餐需求")
    expect(misread.get_by_role("spinbutton")).to_have_value("3.79")
    misread.get_by_role("textbox").first.fill("覆盖城区老年人")
    misread.get_by_role("textbox").nth(1).fill("万人")
    page.get_by_role("button", name="保存更正").click()

    expect(page.get_by_text("已保存更正。")).to_be_visible()
    elderly = page.locator("div.card").filter(has=projects.filter(has_text=ELDERLY))
    expect(elderly.get_by_role("link", name="覆盖城区老年人 3.79万人")).to_be_visible()

    # Import; the campaign appears with its projects.
    page.get_by_role("button", name="确认导入").click()
    done = page.get_by_role("status").filter(has_text="导入完成。")
    expect(done).to_be_visible()
    done.get_by_role("link", name="查看导入的专项治理").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("漠视侵害群众利益问题专项治理")
    expect(page.get_by_text("定海区纪委监委 · 2021年").first).to_be_visible()
    listed = page.get_by_role("region", name="治理项目").get_by_role("listitem")
    expect(listed).to_have_count(13)
    expect(listed.filter(has_text=ELDERLY)).to_contain_text("定海区民政局")
    listed.get_by_role("link", name=re.compile(ELDERLY)).click()
    figures = page.get_by_role("region", name="数据一览")
    expect(figures).to_contain_text(re.compile(r"覆盖城区老年人\s*3\.79\s*万人"))

    # The year is on the home page now.
    page.goto(f"{server}/")
    expect(
        page.get_by_role("navigation", name="按年度筛选").get_by_role("link", name="2021年")
    ).to_be_visible()
