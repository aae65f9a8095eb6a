"""The commission's documents as Word files (python-docx), laid out like official 文书
(GB/T 9704 in spirit): A4, a red header with the issuing body and a red rule, the number (文号),
a 黑体 title, the body in 仿宋_GB2312 三号 with two-character indents, the issuer and the date
at the right. Chinese fonts are named through `w:eastAsia`, so Word picks them for Chinese text.

Documents: 整改通知书 (when a problem is notified), 挂牌督办单 (when listed), and the escalation
letters of the warning colours (提示函, 督办函, 约谈通知书).
"""

import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from cn2an import an2cn
from django.utils import translation
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from kaimen.supervision.models import Inspection, Letter, LetterKind, Notice, Problem

RED = RGBColor(0xC0, 0x00, 0x00)
BODY_FONT = ("仿宋_GB2312", "FangSong")  # (East Asian name, Latin fallback)
HEADING_FONT = ("黑体", "SimHei")
HEADER_FONT = ("方正小标宋简体", "SimSun")
BODY_SIZE = Pt(16)  # 三号
TITLE_SIZE = Pt(22)  # 二号
HEADER_SIZE = Pt(26)


def cn_date(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def _font(run: Run, font: tuple[str, str], size: Pt, *, bold: bool = False) -> None:
    east_asian, latin = font
    run.font.name = latin
    run.font.size = size
    run.font.bold = bold
    r_pr = run._element.get_or_add_rPr()
    fonts = r_pr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        r_pr.insert(0, fonts)
    fonts.set(qn("w:eastAsia"), east_asian)
    fonts.set(qn("w:ascii"), latin)
    fonts.set(qn("w:hAnsi"), latin)


def _red_rule(paragraph: Paragraph) -> None:
    p_pr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    bottom.set(qn("w:val"), "single")
    bottom.set(qn("w:sz"), "18")
    bottom.set(qn("w:space"), "6")
    bottom.set(qn("w:color"), "C00000")
    borders.append(bottom)
    p_pr.append(borders)


@dataclass(frozen=True)
class Paper:
    """One document: who issues it, its number, title, addressee, paragraphs, date."""

    issuer: str
    number: str
    title: str
    addressee: str
    paragraphs: list[str]
    dated: date
    header_word: str = ""  # "文件" for formal documents; empty for letters


def render(paper: Paper) -> bytes:
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
    section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)
    normal = document.styles["Normal"]
    normal.font.name = BODY_FONT[1]
    normal.font.size = BODY_SIZE
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), BODY_FONT[0])
    document.core_properties.title = paper.title
    document.core_properties.author = paper.issuer

    header = document.add_paragraph()
    header.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = header.add_run(paper.issuer + paper.header_word)
    _font(run, HEADER_FONT, HEADER_SIZE, bold=True)
    run.font.color.rgb = RED
    number = document.add_paragraph()
    number.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(number.add_run(paper.number), BODY_FONT, BODY_SIZE)
    _red_rule(number)

    document.add_paragraph()
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(title.add_run(paper.title), HEADING_FONT, TITLE_SIZE)
    document.add_paragraph()

    addressee = document.add_paragraph()
    _font(addressee.add_run(f"{paper.addressee}："), BODY_FONT, BODY_SIZE)
    for text in paper.paragraphs:
        paragraph = document.add_paragraph()
        paragraph.paragraph_format.first_line_indent = Pt(32)  # two characters
        paragraph.paragraph_format.line_spacing = Pt(28)
        _font(paragraph.add_run(text), BODY_FONT, BODY_SIZE)

    document.add_paragraph()
    for line in (paper.issuer, cn_date(paper.dated)):
        signature = document.add_paragraph()
        signature.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        signature.paragraph_format.right_indent = Pt(64)
        _font(signature.add_run(line), BODY_FONT, BODY_SIZE)

    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _issuer(problem: Problem) -> str:
    return problem.commission.name


def _problem_line(problem: Problem) -> str:
    project = f"（{problem.project.title}）" if problem.project_id and problem.project else ""
    return f"第{problem.number}号问题{project}：{problem.description}"


def _found(inspection: Inspection | None) -> str:
    if inspection is None:
        return "我委在监督工作中发现你单位存在以下问题："
    return (
        f"{cn_date(inspection.date)}，我委对你单位开展督导检查"
        f"（{inspection.get_kind_display()}），发现存在以下问题："
    )


def notice_draft(problems: Sequence[Problem], deadline: date) -> str:
    """The 整改通知书's text before it is edited: how the problems were found, each problem
    numbered once (一、二、…), what to do by when. One paragraph per line."""
    inspection = problems[0].inspection if problems else None
    several_deadlines = len({p.deadline for p in problems}) > 1
    lines = [_found(inspection)]
    lines += [
        f"{an2cn(index)}、{_problem_line(problem)}"
        + (f"（整改时限：{cn_date(problem.deadline)}）" if several_deadlines else "")
        for index, problem in enumerate(problems, start=1)
    ]
    lines += [
        (
            f"请你单位高度重视，认真对照问题查找原因，制定整改措施，明确责任人和时限，"
            f"于{cn_date(deadline)}前完成整改，并将整改情况书面报送我委。整改材料应做到"
            "见人、见事、见单位、见处理结果、见责任追究、见建章立制。"
        ),
        (
            "确因客观原因不能按期完成的，应在整改时限届满前提出延期申请，说明理由。"
            "逾期未完成整改的，我委将按规定予以预警督办；情节严重的，依规依纪依法追究相关人员责任。"
        ),
    ]
    return "\n".join(lines)


def notice_paper(notice: Notice) -> Paper:
    problem = notice.problem
    body = notice.body or notice_draft([problem], notice.deadline)
    return Paper(
        issuer=_issuer(problem),
        number=notice.number,
        title="整改通知书",
        addressee=problem.responsible_unit.name,
        paragraphs=[line.strip() for line in body.splitlines() if line.strip()],
        dated=notice.issued_at.date(),
    )


def listing_paper(problem: Problem, dated: date) -> Paper:
    leader = ""
    if problem.listed_by is not None:
        leader = problem.listed_by.display_name or problem.listed_by.get_username()
    deadline = problem.listed_deadline or problem.deadline
    return Paper(
        issuer=_issuer(problem),
        number=problem.listed_number,
        title="挂牌督办单",
        addressee=problem.responsible_unit.name,
        paragraphs=[
            f"经研究，决定对以下问题实行挂牌督办：{_problem_line(problem)}",
            (
                f"请你单位主要负责同志亲自研究部署，于{cn_date(deadline)}前整改到位，"
                "并将整改结果书面报送我委。督办期间，我委将跟踪督查，整改到位并经验收后予以销号；"
                "逾期未完成的，将予以通报并约谈你单位主要负责人。"
            ),
            f"挂牌督办人：{leader}" if leader else "",
        ],
        dated=dated,
    )


LETTER_TITLES = {
    LetterKind.PROMPT: "预警提示函",
    LetterKind.URGE: "预警督办函",
    LetterKind.INTERVIEW: "约谈通知书",
}
COLOUR_WORDS = {"green": "绿色", "blue": "蓝色", "yellow": "黄色", "orange": "橙色", "red": "红色"}


def letter_paper(letter: Letter, overdue_text: str) -> Paper:
    problem = letter.problem
    colour = COLOUR_WORDS.get(letter.colour, "")
    unit = problem.responsible_unit.name
    if letter.kind == LetterKind.PROMPT:
        ask = "请你单位分管负责同志督促落实，于收到本函后5个工作日内将整改进展及下步措施书面报送我委。"
    elif letter.kind == LetterKind.URGE:
        ask = (
            "请你单位主要负责同志亲自督办，于收到本函后5个工作日内完成整改并书面报送我委；"
            "仍未完成的，我委将约谈你单位主要负责人。"
        )
    else:
        ask = "请你单位主要负责人于收到本通知后3个工作日内到我委接受约谈，并书面说明未按期整改的原因。"
    return Paper(
        issuer=_issuer(problem),
        number=letter.number,
        title=LETTER_TITLES.get(LetterKind(letter.kind), "督办函"),
        addressee=unit,
        paragraphs=[
            (
                f"你单位承办的{_problem_line(problem)}整改时限为{cn_date(letter.deadline)}，"
                f"截至{cn_date(letter.sent_on)}{overdue_text}，现予{colour}预警。"
            ),
            ask,
        ],
        dated=letter.sent_on,
    )


# Official documents stay Chinese whatever language the page is read in (labels of choices).
@translation.override("zh-hans")
def notice_document(notice: Notice) -> bytes:
    return render(notice_paper(notice))


@translation.override("zh-hans")
def listing_document(problem: Problem, dated: date) -> bytes:
    paper = listing_paper(problem, dated)
    return render(Paper(**{**paper.__dict__, "paragraphs": [p for p in paper.paragraphs if p]}))


@translation.override("zh-hans")
def letter_document(letter: Letter, overdue_text: str) -> bytes:
    return render(letter_paper(letter, overdue_text))
