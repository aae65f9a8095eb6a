"""The rectification progress report (巡视整改进展情况的通报) in the form of seed 004:

    中共舟山市定海区委
    关于十四届省委第十四轮巡视整改进展情况的通报

    <总体情况 paragraphs>
    在巡视整改工作中，给予党纪处分8人，政务处分3人；组织处理1人；诫勉7人，教育提醒31人，建立完善制度17项，清退款项4.49万元。

    一、关于“落实整改主体责任不够到位”问题的整改情况

    （一）区委全面落实巡视整改主体责任。<进展>
    …
    <下一步工作>

As text (one paragraph a line, blank lines between) and as Word (python-docx, 仿宋/黑体/楷体 by
their East Asian font names). `parse_progress_report` reads the same structure back from a
published report (the demo and the tests use it on seed 004).
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

import cn2an
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from kaimen.core.format import cn_numeral
from kaimen.core.word import (
    FANGSONG,
    HEITI,
    KAITI,
    SIZE_2,
    SIZE_3,
    XIAOBIAOSONG,
    add_run,
    document_bytes,
    indent_two_chars,
    new_document,
)
from kaimen.tours.models import FeedbackItem, Measure, MeasureState, Tour

SECTION = re.compile(
    r"^(?P<numeral>[一二三四五六七八九十]{1,3})、关于“(?P<title>.+?)”问题的整改情况$"
)
MEASURE = re.compile(r"^（(?P<numeral>[一二三四五六七八九十]{1,3})）(?P<text>.*)$")
_HEADLINE_END = re.compile(r"[。；！？]")


def section_heading(position: int, title: str) -> str:
    return f"{cn_numeral(position)}、关于“{title}”问题的整改情况"


def measure_paragraph(position: int, measure: Measure) -> str:
    """（一）<measure headline><progress or evidence>: what was done so far."""
    text = measure.text.strip()
    if not _HEADLINE_END.search(text[-1:]):
        text += "。"
    body = measure.evidence if measure.state == MeasureState.DONE else measure.progress
    return f"（{cn_numeral(position)}）{text}{body.strip()}"


def _amount(value: Decimal) -> str:
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def figures_sentence(tour: Tour) -> str:
    """在巡视整改工作中，给予党纪处分8人，政务处分3人；组织处理1人；… (only figures > 0)."""
    sanctions = [
        f"{label}{value}人"
        for label, value in (
            ("给予党纪处分", tour.party_discipline),
            ("政务处分", tour.government_sanction),
        )
        if value
    ]
    handling = [f"组织处理{tour.organizational}人"] if tour.organizational else []
    others = [
        text
        for text, value in (
            (f"诫勉{tour.admonition}人", tour.admonition),
            (f"教育提醒{tour.reminder}人", tour.reminder),
            (f"建立完善制度{tour.institutions}项", tour.institutions),
            (f"清退款项{_amount(tour.refunded_wan)}万元", tour.refunded_wan),
        )
        if value
    ]
    groups = ["，".join(g) for g in (sanctions, handling, others) if g]
    if not groups:
        return ""
    return "在巡视整改工作中，" + "；".join(groups) + "。"


@dataclass(frozen=True)
class Section:
    heading: str
    paragraphs: list[str]


@dataclass(frozen=True)
class Report:
    issuer: str
    title: str
    intro: list[str]
    sections: list[Section]
    closing: list[str]

    @property
    def text(self) -> str:
        blocks = [f"{self.issuer}\n{self.title}", *self.intro]
        for section in self.sections:
            blocks.append(section.heading)
            blocks.extend(section.paragraphs)
        blocks.extend(self.closing)
        return "\n\n".join(blocks) + "\n"


def _paragraphs(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def tour_report(tour: Tour, items: Iterable[FeedbackItem], measures: Iterable[Measure]) -> Report:
    """The report from the records: items with at least one measure, measures renumbered
    (一)(二)… within their item, sections renumbered 一、二、… in order."""
    by_item: dict[int, list[Measure]] = {}
    for measure in measures:
        by_item.setdefault(measure.item_id, []).append(measure)
    sections: list[Section] = []
    for item in items:
        item_measures = sorted(by_item.get(item.pk, []), key=lambda m: m.position)
        if not item_measures:
            continue
        sections.append(
            Section(
                section_heading(len(sections) + 1, item.title),
                [measure_paragraph(i, m) for i, m in enumerate(item_measures, start=1)],
            )
        )
    intro = _paragraphs(tour.intro)
    figures = figures_sentence(tour)
    if figures:
        intro.append(figures)
    return Report(
        issuer=tour.inspected_party,
        title=tour.title,
        intro=intro,
        sections=sections,
        closing=_paragraphs(tour.closing),
    )


# ---------------------------------------------------------------- Word


def report_docx(report: Report) -> bytes:
    """公文 layout: 小标宋 title, 黑体 section headings, 楷体 measure numbers, 仿宋 body, 三号."""
    document = new_document()
    for line in (report.issuer, report.title):
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        add_run(paragraph, line, XIAOBIAOSONG, size=SIZE_2)

    def body(text: str, *, lead: str = "", lead_font: tuple[str, str] = KAITI) -> None:
        paragraph = document.add_paragraph()
        indent_two_chars(paragraph)
        paragraph.paragraph_format.line_spacing = Pt(28)
        if lead:
            add_run(paragraph, lead, lead_font, size=SIZE_3)
        add_run(paragraph, text, FANGSONG, size=SIZE_3)

    for text in report.intro:
        body(text)
    for section in report.sections:
        paragraph = document.add_paragraph()
        indent_two_chars(paragraph)
        add_run(paragraph, section.heading, HEITI, size=SIZE_3)
        for text in section.paragraphs:
            match = MEASURE.match(text)
            if match is None:
                body(text)
                continue
            rest = match["text"]
            end = _HEADLINE_END.search(rest)
            headline = rest[: end.end()] if end else rest
            lead = f"（{match['numeral']}）{headline}"
            body(rest[len(headline) :], lead=lead)
    for text in report.closing:
        body(text)
    return document_bytes(document)


# ---------------------------------------------------------------- reading a published report


@dataclass
class ParsedSection:
    position: int
    title: str
    measures: list[str] = field(default_factory=list)


@dataclass
class ParsedReport:
    issuer: str
    title: str
    intro: list[str]
    sections: list[ParsedSection]


def parse_progress_report(text: str) -> ParsedReport:
    """The sections (一、关于“…”问题的整改情况) and their measures (（一）…) of a report.

    A paragraph the newspaper broke across a page ("逐步制\\n\\n定剩余…") is joined back onto
    the measure it belongs to; paragraphs after the last measure of the last section that do not
    start with a numeral (下一步…) end the sections.
    """
    lines = [line.strip() for line in text.replace("\r\n", "\n").splitlines()]
    lines = [line for line in lines if line and not line.startswith("◀")]
    issuer = lines[0] if lines else ""
    title = lines[1] if len(lines) > 1 else ""
    intro: list[str] = []
    sections: list[ParsedSection] = []
    closed = False
    for line in lines[2:]:
        section = SECTION.match(line)
        measure = MEASURE.match(line)
        if section:
            sections.append(ParsedSection(int(cn2an.cn2an(section["numeral"])), section["title"]))
        elif measure and sections:
            sections[-1].measures.append(line)
        elif not sections:
            intro.append(line)
        elif line.startswith("下一步"):
            closed = True
        elif not closed and sections[-1].measures:
            sections[-1].measures[-1] += line
    return ParsedReport(issuer=issuer, title=title, intro=intro, sections=sections)


FIGURE_PATTERNS = {
    "party_discipline": re.compile(r"党纪处分(\d+)人"),
    "government_sanction": re.compile(r"政务处分(\d+)人"),
    "organizational": re.compile(r"组织处理(\d+)人"),
    "admonition": re.compile(r"诫勉(\d+)人"),
    "reminder": re.compile(r"教育提醒(\d+)人"),
    "institutions": re.compile(r"建立完善制度(\d+)项"),
    "refunded_wan": re.compile(r"清退款项(\d+(?:\.\d+)?)万元"),
}


def parse_figures(text: str) -> dict[str, int | Decimal]:
    """The report's figures (党纪处分8人 … 清退款项4.49万元) as the Tour fields name them."""
    found: dict[str, int | Decimal] = {}
    for name, pattern in FIGURE_PATTERNS.items():
        match = pattern.search(text)
        if match:
            found[name] = Decimal(match[1]) if name == "refunded_wan" else int(match[1])
    return found
