"""Journey 6: someone reports anonymously on a phone, with a photo; reads what stays hidden; gets
a receipt; the commission accepts and assigns; the unit replies; with the receipt the reporter
reads the reply and rates it 不满意, and the report goes back for review (复核中).

The demo has no login for a community or street office, so the report is assigned to
定海区教育局, whose demo login (dh-jiaoyu) replies.
"""

import io
import re
from pathlib import Path

import pytest
from PIL import Image
from playwright.sync_api import Browser, Page, expect

from journeys.conftest import ARTIFACTS, log_in

pytestmark = pytest.mark.browser

CATEGORY = "村（社区）财务和集体“三资”"
PLACE = "檀枫社区"
CONTENT = (
    "檀枫社区的停车场和广告位出租收入，今年一直没有在居务公开栏公示，"
    "居民多次询问，社区只说“年底再说”。希望查一查这笔公共收益去了哪里。"
)
UNIT = "定海区教育局"
REPLY = (
    "经核查，檀枫社区已于本周将上半年公共收益收支明细在居务公开栏和微信群公示，并承诺按季度公开。"
)


def _photo(directory: Path) -> Path:
    """A small JPEG, as a phone camera would send (a photo of the empty notice board)."""
    image = Image.new("RGB", (64, 48), (200, 190, 170))
    for x in range(8, 56):
        for y in range(8, 40):
            image.putpixel((x, y), (245, 245, 240))
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=80)
    path = directory / "公开栏.jpg"
    path.write_bytes(out.getvalue())
    return path


def _menu(phone: Page, name: str) -> None:
    """Open the collapsed phone menu and follow one of its links."""
    phone.get_by_role("button", name="菜单").click()
    phone.get_by_role("navigation", name="主导航").get_by_role("link", name=name).click()


def _file_report(phone: Page, server: str, tmp_path: Path) -> tuple[str, str]:
    """On a phone, without an account; returns the receipt's digits and the reference number."""
    phone.goto(f"{server}/")
    _menu(phone, "我要举报")
    expect(phone.get_by_role("heading", level=1)).to_contain_text("投诉举报")

    # What stays hidden, and what does not, said plainly before anything is typed.
    privacy = phone.get_by_role("region", name="匿名反映：哪些会隐藏，哪些不会")
    expect(privacy).to_contain_text("会隐藏的")
    expect(privacy).to_contain_text("无需注册或登录。不填姓名和电话即为匿名。")
    expect(privacy).to_contain_text("不会隐藏的")
    expect(privacy).to_contain_text("别人可能据此猜出是谁反映的")

    phone.get_by_label("民生诉求").check()
    phone.get_by_label("事项分类").select_option(label=f"001 {CATEGORY}")
    phone.get_by_label("涉及地区或单位").select_option(label=PLACE)
    phone.get_by_label("具体地点").fill("檀枫社区居务公开栏")
    phone.get_by_label("反映内容").fill(CONTENT)
    phone.get_by_label("照片或文件").set_input_files(_photo(tmp_path))
    phone.screenshot(path=str(ARTIFACTS / "journey6-form.png"), full_page=True)
    phone.get_by_role("button", name="提交").click()

    # The receipt, once: at least 16 digits, and the public reference number.
    expect(phone.get_by_role("heading", level=1)).to_contain_text("已收到您的反映")
    receipt = re.sub(r"\D", "", phone.locator("[data-receipt]").inner_text())
    assert len(receipt) >= 16
    reference = re.search(r"编号：(\S+)", phone.locator("main").inner_text())
    assert reference is not None
    expect(phone.get_by_text("只显示这一次")).to_be_visible()
    phone.screenshot(path=str(ARTIFACTS / "journey6-receipt.png"), full_page=True)
    return receipt, reference.group(1)


def _open_in_inbox(browser: Browser, server: str, username: str, tab: str, ref: str) -> Page:
    page = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900}).new_page()
    log_in(page, server, username)
    page.get_by_role("button", name="群众工作").click()
    page.get_by_role("link", name="投诉举报").click()
    page.get_by_role("link", name=tab).click()
    page.get_by_role("link", name=ref).click()
    expect(page.get_by_role("main")).to_contain_text(CONTENT)
    return page


def test_anonymous_report_with_photo_reply_and_dissatisfied_rating(
    phone: Page, browser: Browser, server: str, tmp_path: Path
) -> None:
    receipt, reference = _file_report(phone, server, tmp_path)

    # The commission's supervisor accepts it and assigns it to the unit.
    staff = _open_in_inbox(browser, server, "dh-jiancha", "待受理", reference)
    expect(staff.get_by_role("main")).to_contain_text("附件1（JPEG")
    staff.get_by_role("button", name="受理", exact=True).click()
    expect(staff.get_by_text("已完成。")).to_be_visible()
    staff.get_by_label(re.compile("^承办单位")).select_option(label=UNIT)
    staff.get_by_role("button", name="交办", exact=True).click()
    expect(staff.get_by_text("已完成。")).to_be_visible()
    expect(staff.get_by_role("main")).to_contain_text("已交办")
    staff.context.close()

    # The unit finds it in its inbox and replies; it never sees who reported.
    unit = _open_in_inbox(browser, server, "dh-jiaoyu", "办理中", reference)
    expect(unit.get_by_role("main")).not_to_contain_text("查看反映人身份")
    unit.get_by_label("答复内容").fill(REPLY)
    unit.get_by_role("button", name="提交答复").click()
    expect(unit.get_by_text("已完成。")).to_be_visible()
    expect(unit.get_by_role("main")).to_contain_text("已答复")
    unit.context.close()

    # Back on the phone, a week later: the receipt opens the reply, rated 不满意.
    phone.goto(f"{server}/")
    _menu(phone, "查询进度")
    phone.get_by_label("查询码").fill(" ".join(receipt[i : i + 4] for i in range(0, 16, 4)))
    phone.get_by_role("button", name="查询", exact=True).click()
    expect(phone.get_by_role("main")).to_contain_text(REPLY)
    expect(phone.get_by_role("main")).to_contain_text(UNIT)
    phone.get_by_label("不满意", exact=True).check()
    phone.get_by_label("意见（可不填）").fill("公示的只有上半年，停车费收入没有列明细。")
    phone.get_by_role("button", name="提交评价").click()

    # The report goes back for review.
    expect(phone.locator("[data-report-state]")).to_have_text("复核中")
    expect(phone.get_by_text("您对答复不满意，已退回重新办理。")).to_be_visible()
