"""Journey 7: the commission publishes. dh-jiwei writes the 2024 announcement from the records,
edits a sentence, previews, publishes; downloads Word and PDF; a citizen comments; a later
correction shows as a new version with the change visible.

(The demo already publishes the announcement the 2024 seed printed, as 定海 did; what this
journey publishes comes after it.)"""

import io

import pytest
from docx import Document
from playwright.sync_api import Page, expect

from journeys.conftest import log_in

pytestmark = pytest.mark.browser

SENTENCE = "各牵头部门主动作为"
EDITED = "各牵头部门主动担当作为"
SECOND = "推动建立和完善制度7项"
CORRECTED = "推动建立和完善制度8项"
COMMENT = "公告写得实在，希望明年继续公开整改清单。"


def _open_editor(page: Page, server: str) -> None:
    page.goto(f"{server}/staff/campaigns/")
    page.get_by_role("row").filter(has_text="2024").filter(has_text="定海区纪委监委").get_by_role(
        "link"
    ).first.click()
    page.get_by_role("link", name="成果公告").click()
    expect(page.get_by_role("heading", name="成果公告（开门治理）")).to_be_visible()


def _edit(page: Page, old: str, new: str) -> None:
    editor = page.get_by_label("公告正文")
    text = editor.input_value()
    assert old in text
    editor.fill(text.replace(old, new, 1))


def _generate_edit_preview_publish(page: Page, server: str) -> None:
    # The commission admin opens the 2024 campaign's announcement and writes a draft from the
    # records: it reads like seed 000.
    log_in(page, server, "dh-jiwei")
    _open_editor(page, server)
    page.get_by_role("button", name="根据记录生成草稿").click()
    expect(page.get_by_text("已根据记录生成第2版草稿。")).to_be_visible()
    text = page.get_by_label("公告正文").input_value()
    assert text.startswith("定海区纪委监委公布2024年漠视侵害群众利益问题专项治理工作成果")
    assert "共组织督导检查646次" in text
    assert "一\n治理项目：中小学非教育教学事务进校园问题专项治理\n牵头单位：区教育局" in text

    # She edits a sentence, saves, and previews it as the public will see it.
    _edit(page, SENTENCE, EDITED)
    page.get_by_role("button", name="保存草稿").click()
    expect(page.get_by_text("草稿已保存。")).to_be_visible()
    page.get_by_role("tab", name="预览").click()
    preview = page.locator("#preview")
    expect(preview).to_contain_text("按公告格式可识别 9 个治理项目")
    expect(preview).to_contain_text(EDITED)
    expect(preview.get_by_role("heading", level=1)).to_contain_text("专项治理工作成果")

    # Publishing after the printed version is a correction: it needs a note for the public.
    page.get_by_label("更正说明").fill("调整导语表述")
    page.get_by_label("我已核对公告全文").check()
    page.get_by_role("button", name="公布第2版").click()
    expect(page.get_by_text("第2版已公布。")).to_be_visible()


def _downloads(page: Page) -> None:
    # The public page shows the new text and what changed; Word and PDF download.
    page.get_by_role("link", name="查看公开页面").click()
    expect(page.get_by_text("第2版对第1版的更正")).to_be_visible()
    expect(page.locator("ins").first).to_have_text("担当")
    with page.expect_download() as word:
        page.get_by_role("link", name="Word 文档").click()
    assert word.value.suggested_filename.endswith("（第2版）.docx")
    document = Document(io.BytesIO(word.value.path().read_bytes()))
    assert any(EDITED in paragraph.text for paragraph in document.paragraphs)
    with page.expect_download() as pdf:
        page.get_by_role("link", name="PDF 文件").click()
    assert pdf.value.path().read_bytes().startswith(b"%PDF-")
    page.get_by_role("button", name="退出").click()


def _citizen_comments(page: Page, server: str) -> str:
    # A citizen finds the announcement from the campaign page and comments.
    log_in(page, server, "citizen1")
    page.goto(f"{server}/")
    page.get_by_role("navigation", name="按年度筛选").get_by_role("link", name="2024年").click()
    page.get_by_role(
        "link", name="定海区纪委监委公布2024年漠视侵害群众利益问题专项治理工作成果"
    ).click()
    page.get_by_role("link", name="成果公告全文").click()
    page.get_by_label("评议意见").fill(COMMENT)
    page.get_by_role("button", name="发表评议").click()
    expect(page.get_by_text("感谢您的评议，已公开展示。")).to_be_visible()
    expect(page.get_by_text(COMMENT)).to_be_visible()
    url = page.url.split("#")[0]
    page.get_by_role("button", name="退出").click()
    return url


def _correct_a_figure(page: Page, server: str) -> None:
    log_in(page, server, "dh-jiwei")
    _open_editor(page, server)
    page.get_by_role("button", name="更正已公布的公告").click()
    expect(page.get_by_text("已以已公布文本为底稿建立第3版更正稿。")).to_be_visible()
    _edit(page, SECOND, CORRECTED)
    page.get_by_role("button", name="保存草稿").click()
    expect(page.locator(".diff-hunk").first).to_contain_text(CORRECTED[-2:])
    page.get_by_label("更正说明").fill("更正建立和完善制度数")
    page.get_by_label("我已核对公告全文").check()
    page.get_by_role("button", name="公布第3版").click()
    expect(page.get_by_text("第3版已公布。")).to_be_visible()
    page.get_by_role("button", name="退出").click()


def test_commission_publishes_and_corrects_the_2024_announcement(page: Page, server: str) -> None:
    _generate_edit_preview_publish(page, server)
    _downloads(page)
    public_url = _citizen_comments(page, server)

    # Later the commission corrects a figure: a new version, the change visible to everyone.
    _correct_a_figure(page, server)
    page.goto(public_url)
    expect(page.get_by_text("第3版对第2版的更正")).to_be_visible()
    expect(page.get_by_text("更正建立和完善制度数").first).to_be_visible()
    expect(page.locator(".diff-hunk del").first).to_have_text("7")
    expect(page.locator(".diff-hunk ins").first).to_have_text("8")
    history = page.locator(".version-history li")
    expect(history).to_have_count(3)
    expect(history.first).to_contain_text("现行")
    expect(page.get_by_text(COMMENT)).to_be_visible()
