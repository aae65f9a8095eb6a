"""Renderings read back: the Word file with python-docx, the PDF with pdftotext/pdffonts, the
web blocks and the correction diff."""

import io
import shutil
import subprocess
from pathlib import Path

from docx import Document
from docx.oxml.ns import qn

from kaimen.importer import docx_to_text, parse_announcement
from kaimen.publication.render import (
    announcement_blocks,
    announcement_docx,
    announcement_html,
    announcement_pdf,
    diff_hunks,
)

TEXT = (
    "定海区纪委监委公布2024年漠视侵害群众利益问题专项治理工作成果\n"
    "\n"
    "2024年，定海区纪委监委会同8家单位精选9个项目，在全区组织开展漠视侵害群众利益问题专项治理。\n"
    "全区各级纪检监察组织加强统筹协调，共组织督导检查646次，推动建立和完善制度7项。\n"
    "\n"
    "一\n"
    "治理项目：电信网络诈骗专项治理\n"
    "牵头单位：区公安分局\n"
    "治理成果：\n"
    "1.侦查打击更加有力。抓获涉诈犯罪嫌疑人136人，追赃974.6万元。\n"
    "2.预警反制更加有效。累计劝阻潜在被骗对象14014人。\n"
    "\n"
    "二\n"
    "治理项目：噪声污染专项治理\n"
    "牵头单位：市生态环境局定海分局、区住建局\n"
    "治理目标：噪声投诉件办结率100%。\n"
    "治理成果：\n"
    "1.强化统筹协调。接报信访投诉件6个，<全部>办结。\n"
)


def test_blocks_follow_the_lines_of_the_text() -> None:
    # when
    blocks = announcement_blocks(TEXT)
    # then
    assert [b.kind for b in blocks] == [
        "title",
        "paragraph",
        "paragraph",
        "numeral",
        "project",
        "field",
        "field",
        "item",
        "item",
        "numeral",
        "project",
        "field",
        "field",
        "field",
        "item",
    ]
    assert blocks[0].title_lines == [
        "定海区纪委监委公布2024年",
        "漠视侵害群众利益问题专项治理工作成果",
    ]
    item = blocks[7]
    assert (item.label, item.headline, item.text) == (
        "1.",
        "侦查打击更加有力。",
        "抓获涉诈犯罪嫌疑人136人，追赃974.6万元。",
    )
    assert [b.line for b in blocks[3:9]] == TEXT.split("\n\n")[2].split("\n")


def test_web_rendering_escapes_the_text() -> None:
    # when
    html = announcement_html(TEXT)
    # then
    assert "&lt;全部&gt;办结" in html
    assert "<全部>" not in html
    assert (
        '<h2 class="announcement-project"><span class="announcement-label">治理项目：</span>'
        in html
    )
    assert "<strong>1.侦查打击更加有力。</strong>抓获涉诈犯罪嫌疑人136人" in html


def test_word_file_reads_back_as_the_announcement() -> None:
    # when
    data = announcement_docx(TEXT, header="定海区纪委监委 · 第1版")
    # then: each line is a paragraph; the importer reads the same structure
    document = Document(io.BytesIO(data))
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == "定海区纪委监委公布2024年\n漠视侵害群众利益问题专项治理工作成果"
    assert texts[1:4] == [
        TEXT.split("\n")[2],
        TEXT.split("\n")[3],
        "一",
    ]
    parsed = parse_announcement(docx_to_text(data))
    assert (parsed.issuer, parsed.year, len(parsed.projects)) == ("定海区纪委监委", 2024, 2)
    assert parsed.projects[1].lead_units == ["市生态环境局定海分局", "区住建局"]
    assert [o.headline for o in parsed.projects[0].outcomes] == [
        "侦查打击更加有力",
        "预警反制更加有效",
    ]


def test_word_file_is_a4_with_official_fonts_indent_and_page_numbers() -> None:
    # when
    document = Document(io.BytesIO(announcement_docx(TEXT)))
    # then
    section = document.sections[0]
    sizes = [section.page_width, section.page_height, section.top_margin, section.left_margin]
    assert [round(size.cm, 2) for size in sizes if size is not None] == [21.0, 29.7, 2.54, 3.17]
    title, intro, numeral = document.paragraphs[0], document.paragraphs[1], document.paragraphs[3]

    def east_asia(paragraph: object) -> str:
        run = paragraph.runs[0]  # type: ignore[attr-defined]
        return str(run._element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia")))

    assert east_asia(title) == "方正小标宋简体"
    assert east_asia(numeral) == "黑体"
    assert east_asia(intro) == "仿宋_GB2312"
    assert title.alignment == 1  # centred
    assert intro.paragraph_format.first_line_indent is not None
    indent = intro._p.get_or_add_pPr().find(qn("w:ind"))
    assert indent.get(qn("w:firstLineChars")) == "200"
    footer_xml = section.footer.paragraphs[0]._p.xml
    assert "PAGE" in footer_xml
    assert 'w:fldCharType="begin"' in footer_xml
    fonts = document.part.rels
    font_table = next(r.target_part for r in fonts.values() if r.reltype.endswith("/fontTable"))
    assert '<w:altName w:val="仿宋"/>' in font_table.blob.decode()
    assert '<w:altName w:val="SimHei"/>' in font_table.blob.decode()


def _tool(name: str) -> str:
    path = shutil.which(name)
    assert path is not None, f"{name} missing: install poppler-utils (scripts/system-packages.sh)"
    return path


def test_pdf_reads_back_with_its_chinese_text_and_embedded_fonts(tmp_path: Path) -> None:
    # when
    data = announcement_pdf(TEXT, issuer="定海区纪委监委", header="定海区纪委监委 · 第1版")
    # then
    path = tmp_path / "announcement.pdf"
    path.write_bytes(data)
    text = subprocess.run(
        [_tool("pdftotext"), "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    squeezed = "".join(text.split())
    assert "定海区纪委监委公布2024年" in squeezed
    assert "漠视侵害群众利益问题专项治理工作成果" in squeezed
    assert "治理项目：电信网络诈骗专项治理" in squeezed
    assert "追赃974.6万元" in squeezed
    assert "—1—" in squeezed
    fonts = subprocess.run(
        [_tool("pdffonts"), str(path)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    assert fonts
    assert all(" yes " in line and "CJK" in line for line in fonts)


def test_diff_marks_the_changed_characters_of_a_changed_sentence() -> None:
    # given
    old = "共组织督导检查646次。推动建立和完善制度7项。为落实要求。"
    new = "共组织督导检查646次。推动建立和完善制度8项。为落实要求。"
    # when
    [hunk] = diff_hunks(old, new)
    # then
    assert hunk.before == "共组织督导检查646次。"
    assert str(hunk.change) == "推动建立和完善制度<del>7</del><ins>8</ins>项。"
    assert hunk.after == "为落实要求。"


def test_diff_escapes_and_shows_added_sentences() -> None:
    # when
    [hunk] = diff_hunks("第一句。", "第一句。<b>新增</b>一句。")
    # then
    assert str(hunk.change) == "<ins>&lt;b&gt;新增&lt;/b&gt;一句。</ins>"
    assert diff_hunks("同样。", "同样。") == []
