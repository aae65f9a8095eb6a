"""The 公文 kit: GB/T 9704 page, grid, fonts, signature and print block."""

import io
from datetime import date
from typing import Any

import docx
from docx.oxml.ns import qn

from kaimen.core.word import Paper, render_paper

PAPER = Paper(
    issuer="定海区纪委监委",
    number="定纪〔2024〕3号",
    title="关于开展专项治理的通知",
    addressee="定海区教育局",
    paragraphs=["第一段。"],
    dated=date(2024, 9, 26),
)


def _document(paper: Paper) -> Any:
    return docx.Document(io.BytesIO(render_paper(paper)))


def _paragraph(document: Any, text: str) -> Any:
    return next(p for p in document.paragraphs if p.text == text)


def _east_asian(paragraph: Any) -> str:
    return str(paragraph.runs[0]._element.rPr.rFonts.get(qn("w:eastAsia")))


def test_page_and_type_area_follow_gbt_9704() -> None:
    section = _document(PAPER).sections[0]

    margins = (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    assert [round(m.mm) for m in margins] == [37, 35, 28, 26]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    grid = section._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:type")) == "linesAndChars"
    # 22 lines in the 225 mm type area
    assert round(22 * int(grid.get(qn("w:linePitch"))) / 20 / 72 * 25.4) == 225
    # 28 characters of 16 pt across the 156 mm type area
    pitch = 16 + int(grid.get(qn("w:charSpace"))) / 4096
    assert round(28 * pitch / 72 * 25.4) == 156


def test_fonts_and_sizes_of_the_parts() -> None:
    document = _document(PAPER)

    mark = _paragraph(document, "定海区纪委监委")
    title = _paragraph(document, "关于开展专项治理的通知")
    body = _paragraph(document, "第一段。")
    assert str(mark.runs[0].font.color.rgb) == "C00000"
    assert _east_asian(title) == "方正小标宋简体"
    assert title.runs[0].font.size.pt == 22  # 二号
    assert _east_asian(body) == "仿宋_GB2312"
    assert body.runs[0].font.size.pt == 16  # 三号
    assert body._p.pPr.find(qn("w:ind")).get(qn("w:firstLineChars")) == "200"
    number = _paragraph(document, "定纪〔2024〕3号")
    assert number._p.pPr.find(qn("w:pBdr")).find(qn("w:bottom")).get(qn("w:color")) == "C00000"
    fonts = document.part.rels
    table = next(r.target_part for r in fonts.values() if r.reltype.endswith("/fontTable"))
    assert '<w:altName w:val="仿宋"/>' in table.blob.decode()


def test_date_of_writing_sits_two_characters_right_of_the_signature() -> None:
    document = _document(PAPER)

    issuer = [p for p in document.paragraphs if p.text == "定海区纪委监委"][-1]
    dated = _paragraph(document, "2024年9月26日")
    # the date (3 Chinese characters and 7 digits: 6.5 wide) ends two characters in; the
    # issuer (7 wide) starts two characters left of the date
    assert dated.paragraph_format.right_indent.pt == 2 * 16
    assert issuer.paragraph_format.right_indent.pt == (2 + 6.5 + 2 - 7) * 16


def test_print_block_only_when_the_paper_names_its_printer() -> None:
    plain = _document(PAPER)
    printed = _document(
        Paper(
            **{
                **PAPER.__dict__,
                "copied_to": "区委办公室",
                "printed_by": "定海区纪委监委办公室",
                "printed_on": date(2024, 9, 27),
            }
        )
    )

    assert not any("印发" in p.text for p in plain.paragraphs)
    copied = _paragraph(printed, "抄送：区委办公室。")
    line = _paragraph(printed, "定海区纪委监委办公室\t2024年9月27日印发")
    assert line.runs[0].font.size.pt == 14  # 四号
    assert copied._p.pPr.find(qn("w:pBdr")).find(qn("w:top")).get(qn("w:sz")) == "8"
    assert line._p.pPr.find(qn("w:pBdr")).find(qn("w:bottom")).get(qn("w:sz")) == "8"


def test_page_numbers_alternate_sides() -> None:
    document = _document(PAPER)

    section = document.sections[0]
    assert document.settings.odd_and_even_pages_header_footer
    assert section.footer.paragraphs[0].alignment == 2  # right
    assert section.even_page_footer.paragraphs[0].alignment == 0  # left
    assert "PAGE" in section.footer.paragraphs[0]._p.xml
