"""Journey 9: the rectification office enters a tour's feedback items in their categories, breaks
them into measures with units, leaders and deadlines, the unit reports progress, the office closes
by 对账销号, and generates the progress announcement in seed 004's form."""

import pytest
from playwright.sync_api import Page, expect

from journeys.conftest import ARTIFACTS, log_in

pytestmark = pytest.mark.browser

TOUR = "十一届区委第三轮巡察"
ITEMS = (
    ("落实整改主体责任", "落实整改主体责任不够到位"),
    ("群众身边腐败和作风问题", "群众身边腐败和作风问题整治不够有力"),
)
MEASURE = "压实校园食堂监管责任。"


def test_office_enters_tracks_closes_and_announces(page: Page, server: str) -> None:
    log_in(page, server, "dh-jiwei")
    page.get_by_role("link", name="巡视整改").first.click()
    page.get_by_role("link", name="登记巡视反馈").click()
    page.get_by_label("巡视（巡察）名称").fill(TOUR)
    page.get_by_label("被巡视党组织").fill("中共舟山市定海区教育局委员会")
    page.get_by_label("反馈日期").fill("2025-03-10")
    page.get_by_role("button", name="保存").click()

    # Feedback items, two rows of the formset at once.
    for index, (category, title) in enumerate(ITEMS):
        page.locator(f"#id_items-{index}-category").fill(category)
        page.locator(f"#id_items-{index}-title").fill(title)
    page.get_by_role("button", name="保存反馈问题").click()
    expect(page.get_by_role("heading", name="落实整改主体责任", exact=True)).to_be_visible()

    # Break the first item into a measure with a unit, a leader and a deadline.
    page.get_by_role("link", name="分解整改措施").first.click()
    page.locator("#id_measures-0-text").fill(MEASURE)
    page.locator("#id_measures-0-units").select_option(label="定海区教育局")
    page.locator("#id_measures-0-leader").fill("区委常委、副区长")
    page.locator("#id_measures-0-deadline").fill("2025-06-30")
    page.get_by_role("button", name="保存整改措施").click()
    expect(page.get_by_role("link", name=f"（一）{MEASURE}")).to_be_visible()
    page.screenshot(path=str(ARTIFACTS / "journey9-ledger.png"), full_page=True)

    # The four lists show the same measure.
    for tab in ("问题清单", "任务清单", "责任清单", "时限清单"):
        page.get_by_role("link", name=tab).click()
        expect(page.get_by_role("heading", level=1)).to_contain_text(tab)
    expect(page.get_by_text(MEASURE)).to_be_visible()

    # Report progress, then close by 对账销号 (refused until the ledger is checked).
    page.get_by_role("link", name="整改台账").click()
    page.get_by_role("link", name=f"（一）{MEASURE}").click()
    page.get_by_label("整改进展").fill("全区食堂实行大宗食材公开招标。")
    page.get_by_role("button", name="提交进展").click()
    page.get_by_label("销号依据").fill(
        "全区42所学校食堂全部实行大宗食材公开招标，出台管理办法1项。"
    )
    page.get_by_role("button", name="销号").click()
    expect(page.get_by_text("请先逐项对账，确认整改到位后再销号。")).to_be_visible()
    page.get_by_label("已逐项对账，确认整改到位").check()
    page.get_by_role("button", name="销号").click()
    expect(page.get_by_text("已对账销号").first).to_be_visible()

    # The progress announcement in seed 004's form.
    page.get_by_role("link", name="返回台账").click()
    page.get_by_role("link", name="生成整改进展通报").click()
    expect(page.get_by_role("heading", name=f"关于{TOUR}整改进展情况的通报")).to_be_visible()
    expect(
        page.get_by_role("heading", name="一、关于“落实整改主体责任不够到位”问题的整改情况")
    ).to_be_visible()
    expect(page.get_by_text(f"（一）{MEASURE}全区42所学校食堂")).to_be_visible()
    page.screenshot(path=str(ARTIFACTS / "journey9-announcement.png"), full_page=True)
    with page.expect_download() as download:
        page.get_by_role("link", name="下载Word").click()
    assert download.value.suggested_filename.endswith("整改进展情况的通报.docx")
