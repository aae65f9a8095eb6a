"""The commission's documents as Word files, laid out as 公文 by the kit in kaimen.core.word
(GB/T 9704): 整改通知书 (when problems are notified), 挂牌督办单 (when listed), and the
escalation letters of the warning colours (提示函, 督办函, 约谈通知书). They are written in
Chinese whatever the page's language.
"""

from collections.abc import Sequence
from datetime import date

from cn2an import an2cn
from django.utils import translation

from kaimen.core.format import cn_date
from kaimen.core.word import Paper, render_paper
from kaimen.supervision.models import Inspection, Letter, LetterKind, Notice, Problem


def _issuer(problem: Problem) -> str:
    return problem.commission.name


def _problem_line(problem: Problem) -> str:
    project = f"（{problem.project.title}）" if problem.project_id and problem.project else ""
    return f"第{problem.number}号问题{project}：{problem.description}"


def _found(inspection: Inspection | None) -> str:
    if inspection is None:
        return "我委在监督工作中发现你单位存在以下问题："
    return (
        f"{cn_date(inspection.date, localized=False)}，我委对你单位开展督导检查"
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
        + (
            f"（整改时限：{cn_date(problem.deadline, localized=False)}）"
            if several_deadlines
            else ""
        )
        for index, problem in enumerate(problems, start=1)
    ]
    lines += [
        (
            f"请你单位高度重视，认真对照问题查找原因，制定整改措施，明确责任人和时限，"
            f"于{cn_date(deadline, localized=False)}前完成整改，并将整改情况书面报送我委。整改材料应做到"
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
                f"请你单位主要负责同志亲自研究部署，于{cn_date(deadline, localized=False)}前整改到位，"
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
                f"你单位承办的{_problem_line(problem)}整改时限为{cn_date(letter.deadline, localized=False)}，"
                f"截至{cn_date(letter.sent_on, localized=False)}{overdue_text}，现予{colour}预警。"
            ),
            ask,
        ],
        dated=letter.sent_on,
    )


# Official documents stay Chinese whatever language the page is read in (labels of choices).
@translation.override("zh-hans")
def notice_document(notice: Notice) -> bytes:
    return render_paper(notice_paper(notice))


@translation.override("zh-hans")
def listing_document(problem: Problem, dated: date) -> bytes:
    paper = listing_paper(problem, dated)
    return render_paper(
        Paper(**{**paper.__dict__, "paragraphs": [p for p in paper.paragraphs if p]})
    )


@translation.override("zh-hans")
def letter_document(letter: Letter, overdue_text: str) -> bytes:
    return render_paper(letter_paper(letter, overdue_text))
