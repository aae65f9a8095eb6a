"""Reading an inspection tour's rectification progress report (巡视/巡察整改进展情况的通报).

The genre's layout, whatever the numbering:

    中共舟山市定海区委                                  <- the inspected party (issuer)
    关于十四届省委第十四轮巡视整改进展情况的通报          <- title
    <how the rectification was organised; the sanctions sentence 给予党纪处分8人（…）…>
    一、关于“落实整改主体责任不够到位”问题的整改情况      <- a fed-back problem
    （一）区委全面落实巡视整改主体责任。…                <- its measures, one numbered paragraph each
    …
    下一步，…                                           <- what comes next: not a measure

A fed-back problem's heading quotes the problem (``关于“…”问题的整改情况``, ``在“…”方面``) or
labels it (``反馈问题：…``). When several numbering levels carry such headings, the level
whose headings name a problem (问题) is the one of the feedback items. The measures of an item
are the paragraphs numbered at the first other level met inside it, in sequence.

Every figure before the first item (the sanctions and results, with their bracketed
breakdowns) is an overall figure of the report.
"""

from __future__ import annotations

import re

from kaimen.importer.figures import extract_figures
from kaimen.importer.genre import YEAR_RE
from kaimen.importer.model import FeedbackItem, Figure
from kaimen.importer.paragraphs import CN_NUMERALS, Para, cn_value

_NUM = (
    rf"(?P<num>[{CN_NUMERALS}]{{1,3}}[、．]|[（(][{CN_NUMERALS}]{{1,3}}[）)]"
    r"|\d{1,2}[.、．](?!\d)|[（(]\d{1,2}[）)])"
)
_ITEM = re.compile(
    rf"^{_NUM}\s*(?:关于|在)?\s*(?:反馈(?:的)?问题\s*[：:]\s*(?P<labelled>.+?)"
    r"|“(?P<quoted>[^“”]+)”(?P<tail>问题|方面)?(?:的)?(?:整改(?:进展|落实)?情况|整改|方面|问题)?)"
    r"\s*[。：:]?$"
)
_NUMBERED = re.compile(rf"^{_NUM}\s*(?P<text>.+)$")
_CLOSING = re.compile(r"^(?:下一步|今后|下阶段|接下来)")
# the inspected party that publishes the report: 中共舟山市定海区委, …局党组
_PARTY = re.compile(
    r"^(?:中共|中国共产党)?[^，。：:（）()]{2,30}?(?:委员会|党委|党组|党工委|工委|委)"
)


def _style(token: str) -> str:
    if token.startswith(("（", "(")):
        return "paren_digit" if token[1].isdigit() else "paren_cn"
    return "digit" if token[0].isdigit() else "cn"


def feedback_items(paras: list[Para], body_from: int) -> list[FeedbackItem]:
    """The fed-back problems of a report, each with its measures."""
    headings: dict[str, list[tuple[int, str, bool]]] = {}
    for index in range(body_from, len(paras)):
        match = _ITEM.match(paras[index].text)
        if match:
            title = (match.group("labelled") or match.group("quoted") or "").strip("。 ")
            names_problem = "问题" in paras[index].text
            headings.setdefault(_style(match.group("num")), []).append(
                (index, title, names_problem)
            )
    if not headings:
        return []
    style = max(
        headings,
        key=lambda name: (
            sum(problem for _, _, problem in headings[name]),
            -headings[name][0][0],
        ),
    )
    chosen = headings[style]
    items: list[FeedbackItem] = []
    for position, (index, title, _) in enumerate(chosen, start=1):
        stop = chosen[position][0] if position < len(chosen) else len(paras)
        measures, end_index = _measures(paras, index + 1, stop, style)
        start, end = paras[index].start, paras[end_index - 1].end
        items.append(
            FeedbackItem(position=position, title=title, measures=measures, start=start, end=end)
        )
    return items


def _measures(paras: list[Para], first: int, stop: int, item_style: str) -> tuple[list[str], int]:
    """Measures between ``first`` and ``stop`` and the index where the item ends."""
    measures: list[str] = []
    level = ""
    expected = 1
    end = first
    for index in range(first, stop):
        text = paras[index].text
        if _CLOSING.match(text):
            return measures, max(end, first)
        match = _NUMBERED.match(text)
        if match and _style(match.group("num")) != item_style:
            style = _style(match.group("num"))
            level = level or style
            if style == level and cn_value(match.group("num").rstrip("、．.")) == expected:
                measures.append(match.group("text").strip())
                expected += 1
                end = index + 1
                continue
        if measures:
            # a paragraph the layout broke off a measure, or the measure's further progress
            measures[-1] += text
        end = index + 1
    return measures, max(end, first)


def intro_figures(
    norm: str, paras: list[Para], body_from: int, first_item: int | None
) -> list[Figure]:
    """Every figure before the first fed-back problem: the report's overall figures."""
    if body_from >= len(paras):
        return []
    start = paras[body_from].start
    end = first_item if first_item is not None else len(norm)
    return extract_figures(norm[start:end], offset=start)


def tour_issuer(paras: list[Para], title_index: int | None, title: str) -> str:
    """The inspected party: the line above the title, or the title's own opening."""
    if title_index:
        match = _PARTY.match(paras[title_index - 1].text)
        if match and match.end() == len(paras[title_index - 1].text):
            return match.group(0)
    head = title.split("关于", 1)[0] if "关于" in title else ""
    match = _PARTY.match(head)
    return match.group(0) if match else ""


def tour_year(intro: str, norm: str) -> int | None:
    """The year the tour took place: the first year the report states."""
    for source in (intro, norm):
        match = YEAR_RE.search(source)
        if match:
            return int(match.group(1))
    return None
