"""Word files (python-docx) in the forms Chinese official documents take.

`official_document` lays out a 公文 by GB/T 9704-2012 《党政机关公文格式》: A4 paper, the type
area 156 mm × 225 mm placed by margins of 37 mm (top), 35 mm (bottom), 28 mm (left) and
26 mm (right), a grid of 22 lines of 28 characters, body in 仿宋_GB2312 三号 (16 pt), title in
方正小标宋简体 二号 (22 pt), page numbers in 四号 as “— 1 —” (odd pages right, even pages
left, one character in). `render_paper` fills it in the order of the standard: the issuing
body's red mark, two lines, the document number (发文字号), the red rule, two lines, the title,
one line, the addressee (主送机关), the body with two-character indents, one line, the issuer's
signature and the date of writing (成文日期, in Arabic numerals as §7.3.5.1 asks), and, when
the paper names one, the print block (版记: 抄送, 印发机关 and 印发日期 between rules).

Chinese fonts are named through `w:eastAsia` (`set_east_asian_font`, the one place that does
it), so Word and WPS pick them for Chinese text, and each is registered in the font table with
the name to fall back to where it is not installed (仿宋_GB2312 → 仿宋).
"""

import io
import unicodedata
from dataclasses import dataclass
from datetime import date
from typing import Any

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.opc.oxml import serialize_part_xml
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.parser import parse_xml
from docx.shared import Length, Mm, Pt, RGBColor
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from kaimen.core.format import cn_date
from kaimen.core.uploads import KINDS

DOCX_CONTENT_TYPE = KINDS["DOCX"][1]

# (East Asian font, the name Word and WPS fall back to: w:altName in the font table)
XIAOBIAOSONG = ("方正小标宋简体", "宋体")
HEITI = ("黑体", "SimHei")
KAITI = ("楷体_GB2312", "楷体")
FANGSONG = ("仿宋_GB2312", "仿宋")
LATIN_FONT = "Times New Roman"
SIZE_2 = Pt(22)  # 二号
SIZE_3 = Pt(16)  # 三号
SIZE_4 = Pt(14)  # 四号
RED = RGBColor(0xC0, 0x00, 0x00)

# GB/T 9704-2012 §5.2: the type area and its place on A4 (§5.2.1) and its grid (§5.2.2).
PAGE_WIDTH, PAGE_HEIGHT = Mm(210), Mm(297)
TOP, BOTTOM, LEFT, RIGHT = Mm(37), Mm(35), Mm(28), Mm(26)
LINES_PER_PAGE, CHARS_PER_LINE = 22, 28
_TYPE_WIDTH_PT = (210 - 28 - 26) / 25.4 * 72  # 156 mm
_TYPE_HEIGHT_PT = (297 - 37 - 35) / 25.4 * 72  # 225 mm
LINE_PITCH_TWIPS = int(_TYPE_HEIGHT_PT / LINES_PER_PAGE * 20)  # 579
# Word's character grid: the pitch's difference from the body size, in 1/4096 pt.
CHAR_SPACE = round((_TYPE_WIDTH_PT / CHARS_PER_LINE - SIZE_3.pt) * 4096)


def set_east_asian_font(rpr: Any, east_asian: str) -> None:
    """Name `east_asian` for Chinese text and Times New Roman for Latin text and digits on a
    run's or a style's properties (w:rPr)."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attribute in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(attribute), LATIN_FONT)
    fonts.set(qn("w:eastAsia"), east_asian)
    fonts.set(qn("w:hint"), "eastAsia")


def add_run(
    paragraph: Paragraph,
    text: str,
    font: tuple[str, str],
    *,
    size: Length | None = None,
    bold: bool = False,
) -> Run:
    run = paragraph.add_run(text)
    run.font.name = LATIN_FONT
    run.font.bold = bold
    if size is not None:
        run.font.size = size
    set_east_asian_font(run._element.get_or_add_rPr(), font[0])
    return run


def indent_two_chars(paragraph: Paragraph, size: Length = SIZE_3) -> None:
    """A first-line indent of two characters (in points, and in characters for WPS)."""
    paragraph.paragraph_format.first_line_indent = Pt(size.pt * 2)
    ind = paragraph._p.get_or_add_pPr().find(qn("w:ind"))
    if ind is not None:
        ind.set(qn("w:firstLineChars"), "200")


def register_fonts(document: Any) -> None:
    """Name each East Asian font in the font table with its fallback (w:altName)."""
    part = document.part
    font_part = next(
        (rel.target_part for rel in part.rels.values() if rel.reltype.endswith("/fontTable")),
        None,
    )
    if font_part is None:
        return
    root = parse_xml(font_part.blob)
    for name, alternative in (XIAOBIAOSONG, HEITI, KAITI, FANGSONG):
        font = OxmlElement("w:font")
        font.set(qn("w:name"), name)
        alt = OxmlElement("w:altName")
        alt.set(qn("w:val"), alternative)
        charset = OxmlElement("w:charset")
        charset.set(qn("w:val"), "86")  # GB2312
        family = OxmlElement("w:family")
        family.set(qn("w:val"), "modern" if name == HEITI[0] else "roman")
        pitch = OxmlElement("w:pitch")
        pitch.set(qn("w:val"), "variable")
        for child in (alt, charset, family, pitch):
            font.append(child)
        root.append(font)
    font_part._blob = serialize_part_xml(root)


def _page_number(paragraph: Paragraph) -> None:
    """“— 1 —”: a PAGE field Word and WPS both update, in 四号."""
    add_run(paragraph, "— ", FANGSONG)
    run = paragraph.add_run()
    for kind, instruction in (("begin", None), (None, " PAGE "), ("separate", None)):
        if instruction:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = instruction
        else:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind or "")
        run._r.append(element)
    paragraph.add_run("1")
    end = paragraph.add_run()
    field_end = OxmlElement("w:fldChar")
    field_end.set(qn("w:fldCharType"), "end")
    end._r.append(field_end)
    add_run(paragraph, " —", FANGSONG)
    for r in paragraph.runs:
        r.font.size = SIZE_4


def page_number_footer(document: Any, *, alternate: bool = False) -> None:
    """Page numbers at the foot of every page: centred, or (`alternate`, as GB/T 9704 §7.5
    asks) right on odd pages and left on even pages, one character in."""
    section = document.sections[0]
    if not alternate:
        paragraph = section.footer.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _page_number(paragraph)
        return
    document.settings.odd_and_even_pages_header_footer = True
    odd = section.footer.paragraphs[0]
    odd.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    odd.paragraph_format.right_indent = SIZE_4
    _page_number(odd)
    even = section.even_page_footer.paragraphs[0]
    even.alignment = WD_ALIGN_PARAGRAPH.LEFT
    even.paragraph_format.left_indent = SIZE_4
    _page_number(even)


def new_document(body_size: Length = SIZE_3) -> Any:
    """An empty document with the fonts registered and the Normal style in 仿宋 (Chinese text)
    and Times New Roman (Latin), with no space after paragraphs."""
    document = Document()
    register_fonts(document)
    normal = document.styles["Normal"]
    normal.font.name = LATIN_FONT
    normal.font.size = body_size
    rpr = normal.element.get_or_add_rPr()
    set_east_asian_font(rpr, FANGSONG[0])
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "zh-CN")
    rpr.append(lang)
    normal.paragraph_format.space_after = Pt(0)
    return document


def official_document() -> Any:
    """An empty 公文: GB/T 9704 page, type area, 22 × 28 grid, 三号 仿宋 body, page numbers."""
    document = new_document()
    document.styles["Normal"].paragraph_format.line_spacing = Pt(LINE_PITCH_TWIPS / 20)
    section = document.sections[0]
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    section.top_margin, section.bottom_margin = TOP, BOTTOM
    section.left_margin, section.right_margin = LEFT, RIGHT
    sect_pr = section._sectPr
    grid = sect_pr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        sect_pr.append(grid)
    grid.set(qn("w:type"), "linesAndChars")
    grid.set(qn("w:linePitch"), str(LINE_PITCH_TWIPS))
    grid.set(qn("w:charSpace"), str(CHAR_SPACE))
    page_number_footer(document, alternate=True)
    return document


def document_bytes(document: Any) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


# ---------------------------------------------------------------- one 公文


@dataclass(frozen=True)
class Paper:
    """One document: who issues it, its number, title, addressee, paragraphs, date; and, for
    the print block, who it is copied to and who prints it (none: no print block)."""

    issuer: str
    number: str
    title: str
    addressee: str
    paragraphs: list[str]
    dated: date
    header_word: str = ""  # "文件" for formal documents; empty for letters
    copied_to: str = ""  # 抄送
    printed_by: str = ""  # 印发机关
    printed_on: date | None = None  # 印发日期 (the date of writing when not given)


def _width(text: str) -> float:
    """Width in characters of 三号: Chinese characters take one, digits and Latin half."""
    return sum(1 if unicodedata.east_asian_width(ch) in "WF" else 0.5 for ch in text)


def _rule(
    paragraph: Paragraph, edge: str, *, size: int, color: str = "000000", space: int = 1
) -> None:
    """A rule along the paragraph's `edge` (top, bottom): `size` in eighths of a point, `space`
    (its distance from the text) in points."""
    p_pr = paragraph._p.get_or_add_pPr()
    borders = p_pr.find(qn("w:pBdr"))
    if borders is None:
        borders = OxmlElement("w:pBdr")
        p_pr.append(borders)
    line = OxmlElement(f"w:{edge}")
    line.set(qn("w:val"), "single")
    line.set(qn("w:sz"), str(size))
    line.set(qn("w:space"), str(space))
    line.set(qn("w:color"), color)
    borders.append(line)


def _blank(document: Any, lines: int) -> None:
    for _ in range(lines):
        document.add_paragraph()


def _signature(document: Any, issuer: str, dated: str) -> None:
    """§7.3.5.3: the issuer two characters in from the right; the date on the next line, its
    first character two to the right of the issuer's (or the date two in, the issuer moved)."""
    date_indent = max(2.0, _width(issuer) - _width(dated))
    issuer_indent = date_indent + _width(dated) + 2 - _width(issuer)
    for text, indent in ((issuer, issuer_indent), (dated, date_indent)):
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        paragraph.paragraph_format.right_indent = Pt(SIZE_3.pt * indent)
        add_run(paragraph, text, FANGSONG, size=SIZE_3)


def _print_block(document: Any, paper: Paper) -> None:
    """§7.4: 抄送 and 印发 in 四号 仿宋, one character in, between a thick rule above and below
    (0.35 mm) and a thin one (0.25 mm) between them; the date of printing ends “印发”."""
    _blank(document, 1)
    thick, thin = 8, 6  # eighths of a point: 1 pt ≈ 0.35 mm, 0.75 pt ≈ 0.25 mm
    if paper.copied_to:
        copied = document.add_paragraph()
        copied.paragraph_format.left_indent = SIZE_4
        copied.paragraph_format.right_indent = SIZE_4
        add_run(copied, f"抄送：{paper.copied_to}。", FANGSONG, size=SIZE_4)
        _rule(copied, "top", size=thick)
        _rule(copied, "bottom", size=thin)
    printed = document.add_paragraph()
    printed.paragraph_format.left_indent = SIZE_4
    printed.paragraph_format.right_indent = SIZE_4
    printed.paragraph_format.tab_stops.add_tab_stop(
        Pt(_TYPE_WIDTH_PT - 2 * SIZE_4.pt), WD_TAB_ALIGNMENT.RIGHT
    )
    printed_on = cn_date(paper.printed_on or paper.dated, localized=False)
    add_run(printed, f"{paper.printed_by}\t{printed_on}印发", FANGSONG, size=SIZE_4)
    if not paper.copied_to:
        _rule(printed, "top", size=thick)
    _rule(printed, "bottom", size=thick)


def render_paper(paper: Paper) -> bytes:
    document = official_document()
    document.core_properties.title = paper.title
    document.core_properties.author = paper.issuer

    mark = document.add_paragraph()
    mark.alignment = WD_ALIGN_PARAGRAPH.CENTER
    add_run(mark, paper.issuer + paper.header_word, XIAOBIAOSONG, size=Pt(26)).font.color.rgb = RED
    _blank(document, 2)
    number = document.add_paragraph()
    number.alignment = WD_ALIGN_PARAGRAPH.CENTER
    add_run(number, paper.number, FANGSONG, size=SIZE_3)
    _rule(number, "bottom", size=18, color="C00000", space=11)  # red, 4 mm below the number

    _blank(document, 2)
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    add_run(title, paper.title, XIAOBIAOSONG, size=SIZE_2)
    _blank(document, 1)

    addressee = document.add_paragraph()
    add_run(addressee, f"{paper.addressee}：", FANGSONG, size=SIZE_3)
    for text in paper.paragraphs:
        paragraph = document.add_paragraph()
        indent_two_chars(paragraph)
        add_run(paragraph, text, FANGSONG, size=SIZE_3)

    _blank(document, 1)
    _signature(document, paper.issuer, cn_date(paper.dated, localized=False))
    if paper.printed_by:
        _print_block(document, paper)
    return document_bytes(document)
