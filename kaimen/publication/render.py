"""Renderings of an announcement's text: the web page, a Word file and a PDF.

All three read the same blocks (`announcement_blocks`): the text is what the commission
edited, line by line — title lines up to the first blank line, then intro paragraphs, section
numerals (一, 二 …), labelled fields (治理项目：… 牵头单位：…) and numbered outcome items. Each
line of the text stays one paragraph in every rendering, so a Word file read back as text is the
announcement again.
"""

import difflib
import logging
import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from docx.enum.section import WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt, RGBColor
from docx.text.paragraph import Paragraph

from kaimen.core.format import cn_date
from kaimen.core.word import (
    FANGSONG,
    HEITI,
    KAITI,
    SIZE_2,
    XIAOBIAOSONG,
    add_run,
    document_bytes,
    indent_two_chars,
    new_document,
    page_number_footer,
)

BlockKind = Literal["title", "paragraph", "numeral", "project", "field", "item"]

_NUMERAL = re.compile(r"^[一二三四五六七八九十百]{1,4}$")
_PROJECT = re.compile(r"^(?P<label>治理项目)\s*[：:]\s*(?P<text>.*)$")
_FIELD = re.compile(
    r"^(?P<label>牵头单位|牵头部门|责任单位|治理目标|治理成果)\s*[：:]\s*(?P<text>.*)$"
)
_ITEM = re.compile(r"^(?P<label>\d{1,2}\s*[.、．])\s*(?P<text>.*)$")
_HEADLINE_END = re.compile(r"[。！？]")
_TITLE_BREAK = re.compile(r"^(?P<head>.+?公布(?:\d{4}年)?)\s*(?P<rest>.*)$")


@dataclass(frozen=True)
class Block:
    """One paragraph of the announcement. `label` is its bold lead (治理项目：, 1.), `headline`
    an item's first sentence, `text` the rest."""

    kind: BlockKind
    text: str
    label: str = ""
    headline: str = ""

    @property
    def line(self) -> str:
        return f"{self.label}{self.headline}{self.text}"

    @property
    def title_lines(self) -> list[str]:
        """A title set in two lines as the newspapers do: 定海区纪委监委公布2024年 /
        漠视侵害群众利益问题专项治理工作成果."""
        match = _TITLE_BREAK.match(self.text)
        if match is None or not match["rest"]:
            return [self.text]
        return [match["head"], match["rest"]]


def announcement_blocks(text: str) -> list[Block]:
    lines = [line.strip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    while lines and not lines[0]:
        lines.pop(0)
    blocks: list[Block] = []
    in_title = True
    for line in lines:
        if not line:
            in_title = in_title and not blocks
            continue
        if in_title:
            blocks.append(Block("title", line))
            continue
        blocks.append(_block(line))
    return blocks


def _block(line: str) -> Block:
    if _NUMERAL.match(line):
        return Block("numeral", line)
    if match := _PROJECT.match(line):
        return Block("project", match["text"], label=f"{match['label']}：")
    if match := _FIELD.match(line):
        return Block("field", match["text"], label=f"{match['label']}：")
    if match := _ITEM.match(line):
        body = match["text"]
        end = _HEADLINE_END.search(body)
        headline, rest = (body[: end.end()], body[end.end() :]) if end else (body, "")
        return Block("item", rest, label=match["label"], headline=headline)
    return Block("paragraph", line)


def title_of(text: str) -> str:
    return "".join(b.text for b in announcement_blocks(text) if b.kind == "title")


# ---------------------------------------------------------------- web


def announcement_html(text: str) -> SafeString:
    """The announcement as HTML for the portal and the staff preview (every piece escaped)."""
    return mark_safe(  # noqa: S308 - the template escapes every value
        render_to_string(
            "publication/_announcement_body.html", {"blocks": announcement_blocks(text)}
        )
    )


_SENTENCE = re.compile(r"[^。！？；\n]*(?:[。！？；]|\n|$)")


def _sentences(text: str) -> list[str]:
    return [s for s in _SENTENCE.findall(text) if s]


def _chars_diff(old: str, new: str) -> str:
    parts: list[str] = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            parts.append(escape(new[b1:b2]))
            continue
        if a2 > a1:
            parts.append(f"<del>{escape(old[a1:a2])}</del>")
        if b2 > b1:
            parts.append(f"<ins>{escape(new[b1:b2])}</ins>")
    return "".join(parts)


@dataclass(frozen=True)
class DiffHunk:
    """One changed passage: the sentence before it, the change marked up, the sentence after."""

    before: str
    change: SafeString
    after: str


def diff_hunks(old: str, new: str) -> list[DiffHunk]:
    """What changed from `old` to `new`, sentence by sentence; inside a changed sentence the
    characters that changed are marked with <del>/<ins>."""
    a, b = _sentences(old), _sentences(new)
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    hunks: list[DiffHunk] = []
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            continue
        change = _chars_diff("".join(a[a1:a2]), "".join(b[b1:b2]))
        before = b[b1 - 1].strip() if b1 > 0 else ""
        after = b[b2].strip() if b2 < len(b) else ""
        hunks.append(DiffHunk(before, mark_safe(change.replace("\n", "<br>")), after))  # noqa: S308
    return hunks


# ---------------------------------------------------------------- Word


def _document(header: str) -> Any:
    """An empty A4 document with the fonts, margins, header and page numbers set."""
    document = new_document()
    document.styles["Normal"].paragraph_format.line_spacing = Pt(28)  # 公文: 28-point lines
    section = document.sections[0]
    section.start_type = WD_SECTION.NEW_PAGE
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin = section.bottom_margin = Cm(2.54)
    section.left_margin = section.right_margin = Cm(3.17)
    if header:
        head = section.header.paragraphs[0]
        head.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        add_run(head, header, FANGSONG)
        for run in head.runs:
            run.font.size = Pt(10.5)
            run.font.color.rgb = RGBColor(0x66, 0x66, 0x66)
    page_number_footer(document)
    return document


def _add_block(paragraph: Paragraph, block: Block, *, last_title: bool) -> None:
    fmt = paragraph.paragraph_format
    if block.kind == "title":
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        fmt.line_spacing = Pt(36)
        fmt.space_after = Pt(18) if last_title else Pt(0)
        for number, line in enumerate(block.title_lines):
            if number:
                paragraph.runs[-1].add_break()
            add_run(paragraph, line, XIAOBIAOSONG)
            paragraph.runs[-1].font.size = SIZE_2
    elif block.kind == "numeral":
        fmt.space_before = Pt(12)
        fmt.keep_with_next = True
        add_run(paragraph, block.text, HEITI)
    elif block.kind == "project":
        fmt.keep_with_next = True
        add_run(paragraph, block.label, HEITI)
        add_run(paragraph, block.text, HEITI)
    elif block.kind == "field":
        add_run(paragraph, block.label, KAITI, bold=True)
        add_run(paragraph, block.text, FANGSONG)
        fmt.keep_with_next = not block.text
    elif block.kind == "item":
        indent_two_chars(paragraph)
        add_run(paragraph, block.label + block.headline, FANGSONG, bold=True)
        add_run(paragraph, block.text, FANGSONG)
    else:
        indent_two_chars(paragraph)
        add_run(paragraph, block.text, FANGSONG)


def announcement_docx(text: str, *, header: str = "") -> bytes:
    """A Word file: A4, 2.54/3.17 cm margins, 方正小标宋 title, 黑体 headings, 仿宋 body with a
    two-character first-line indent, page numbers in the footer. Each line of the text is one
    paragraph (the title's two lines are one paragraph with a line break)."""
    document = _document(header)
    blocks = announcement_blocks(text)
    for index, block in enumerate(blocks):
        following = blocks[index + 1].kind if index + 1 < len(blocks) else ""
        _add_block(document.add_paragraph(), block, last_title=following != "title")
    properties = document.core_properties
    properties.title = title_of(text)[:250]
    properties.language = "zh-CN"
    properties.author = "Kaimen 开门"
    return document_bytes(document)


# ---------------------------------------------------------------- PDF


@translation.override("zh-hans")  # the published format is Chinese, whatever the page's language
def announcement_pdf(
    text: str, *, issuer: str = "", published_at: datetime | None = None, header: str = ""
) -> bytes:
    """A PDF (WeasyPrint) with the Noto CJK fonts embedded: the newspaper page of the seeds —
    title block, intro, numbered sections."""
    # WeasyPrint takes a second to import and logs every layout step: load it when needed.
    from weasyprint import HTML  # noqa: PLC0415

    logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)
    html = render_to_string(
        "publication/announcement_print.html",
        {
            "blocks": announcement_blocks(text),
            "title": title_of(text),
            "issuer": issuer,
            "date": cn_date(published_at) if published_at else "",
            "header": header,
        },
    )
    pdf: bytes = HTML(string=html).write_pdf()
    return pdf
