"""What kind of text of the genre this is, which year it speaks of, and which figures only
declare the campaign's scope. Each rule names the pattern of the genre it reads.
"""

from __future__ import annotations

import re

from kaimen.importer.model import Figure

RESULTS = "results"
NEWS = "news"
TOUR_PROGRESS = "tour_progress"
OTHER = "other"

# 巡视/巡察整改进展情况的通报: the title, or the sentence that publishes the report
_TOUR_TITLE = re.compile(r"(?:巡视|巡察)(?:反馈意见)?整改(?:进展|落实)?情况")
_TOUR_PUBLISH = re.compile(
    r"现将(?:巡视|巡察)?整改(?:进展|落实)?情况(?:予以公布|予以公开|公布如下|向社会公开|通报如下)"
    r"|(?:巡视|巡察)组向.{0,30}?反馈了?(?:巡视|巡察)意见"
)
# a results announcement names itself (成果公布, 工作成果, 成绩单, 完成情况)
_RESULTS_TITLE = re.compile(r"成果|成效|成绩单|完成情况|治理情况|整治情况")
# a news report: dateline (…日讯 / …电 / …消息), reporter, byline or the words of reported speech
_NEWS_CUE = re.compile(
    r"^[^。，]{0,20}?(?:\d{1,2}月\d{1,2}日)?(?:讯|电)[（(/／]|本报讯|央视网消息|新华社|记者|通讯员"
    r"|据报道|据.{0,12}?(?:网站|报)(?:报道|消息)|^(?:近年来|今年以来|今年)[，,]"
    r"|(?:^|[。”！])(?:近日|日前)[，,]"
    r"|[（(][^（）()]{2,12}[）)]$",
    re.MULTILINE,
)
# a speech or a work summary: neither an announcement nor a report of it
_OTHER_CUE = re.compile(r"工作总结|讲话|汇报|对策|思考|工作要点|工作方案|实施方案")
_SPEECH = re.compile(r"^[^\n]*\n?同志们|.{0,400}?(?:汇报如下|报告如下|总结如下)", re.S)


# a page that names a newspaper or broadcaster as its source (来源：湖南日报) reports news
_NEWS_SOURCE = re.compile(
    r"来源\s*[：:]\s*[^\s，。]{0,12}?(?:日报|晚报|报社|时报|新闻|电视台|新华社)"
)


def document_kind(title: str, norm: str, *, projects: int, raw: str = "") -> str:
    """``tour_progress``, ``results``, ``news`` or ``other`` by the strongest cue.

    ``raw`` is the text before normalisation: its page chrome (来源：…日报) is a cue too.
    """
    head = norm[:600]
    if _TOUR_TITLE.search(title) or _TOUR_PUBLISH.search(head):
        return TOUR_PROGRESS
    if _OTHER_CUE.search(title) or _SPEECH.match(norm):
        return OTHER
    if projects or _RESULTS_TITLE.search(title):
        return RESULTS
    if _NEWS_CUE.search(norm) or _NEWS_SOURCE.search(raw):
        return NEWS
    return OTHER


# ------------------------------------------------------------------------------------ year

YEAR_RE = re.compile(r"((?:19|20)\d{2})\s*年")
# the year a text speaks of, said outright: 截至2024年…, 2024年以来, 2024年度, 2024年专项治理…
_STRONG_YEAR = re.compile(
    r"(?:截至|截止|到)((?:19|20)\d{2})年"
    r"|((?:19|20)\d{2})年(?:以来|度|全年|专项治理|专项整治|集中整治|[，,]|1[至到—-]\d{1,2}月)"
)
# a publication date: "发布日期：2020-01-07", a date stamp line, or the signature's date
_PUBLISHED = re.compile(
    r"(?:发布日期|发布时间|日期|更新时间|成文日期)\s*[：:]?\s*((?:19|20)\d{2})[-/.年](\d{1,2})"
    r"|^\s*((?:19|20)\d{2})-(\d{1,2})-\d{1,2}",
    re.MULTILINE,
)
_EARLY_MONTHS = 3  # a results page published in January–March covers the year before


def stated_year(title: str, intro: str, norm: str) -> int | None:
    """The year the text says it is about, or None."""
    for source in (title, intro, norm[:2000]):
        strong = _STRONG_YEAR.search(source)
        if strong:
            return int(strong.group(1) or strong.group(2))
        match = YEAR_RE.search(source)
        if match:
            return int(match.group(1))
    return None


def publication_year(raw: str) -> int | None:
    """The year covered by a text that states no year, from its publication date."""
    match = _PUBLISHED.search(raw)
    if not match:
        return None
    year = int(match.group(1) or match.group(3))
    month = int(match.group(2) or match.group(4))
    return year - 1 if month <= _EARLY_MONTHS else year


# ---------------------------------------------------------------------- scope declarations

# "会同8家单位", "精选9个项目", "推进10个整治项目", "12个重点领域、64项整治任务": how the
# campaign was set up, not what it achieved
_SCOPE_VERB = re.compile(
    r"^(?:会同|联合|精选|确定|选取|选定|筛选出|梳理出|明确|聚焦|围绕|推进|部署|实施|开展|涉及)"
)
_SCOPE_NOUN = re.compile(
    r"(?:整治|治理|专项|重点|民生实事)?(?:单位|部门|领域|项目|任务)|(?:整治|治理)(?:项目|任务)"
)
_SCOPE_UNITS = frozenset({"个", "项", "家"})
_SCOPE_LOOKAHEAD = 12


def is_scope_declaration(figure: Figure, norm: str) -> bool:
    """A figure that declares the campaign's scope (``会同8家单位``), not a result."""
    after = norm[figure.end : figure.end + _SCOPE_LOOKAHEAD]
    if figure.normalized_unit not in _SCOPE_UNITS:
        return False
    if _SCOPE_VERB.match(figure.label):
        return bool(_SCOPE_NOUN.search(figure.label + after.split("，")[0]))
    # "推进10个整治项目": the counted thing is the campaign's own projects, tasks or partners
    return bool(_SCOPE_NOUN.fullmatch(figure.label)) and after.startswith(figure.label)
