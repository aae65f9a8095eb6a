"""Structure parsing of a results announcement (漠视侵害群众利益问题专项治理工作成果).

Layouts understood:

* labelled fields — ``治理项目：…`` / ``牵头单位：…`` (or 牵头部门/责任单位) / ``治理目标：…`` /
  ``治理成果：…``, sections numbered ``一``, ``1``, ``（一）`` or not numbered at all;
* headings without a 治理项目 label — ``一、电信网络诈骗专项治理（牵头单位：区公安分局）``,
  ``1.X专项治理(区公安分局牵头)``, the lead unit fused in front (``区公安分局：X专项治理``) or a
  heading followed by a ``牵头单位：`` line.

Outcome items are split on ``1.`` / ``1、`` / ``（一）`` / ``(1)`` / ``一是…二是…`` / ``①``; the
scheme whose first item comes first wins, so ``一是…`` nested inside ``2.`` stays in the body.
A headline is the item's first sentence without its final ``。`` (or its first clause when that
sentence is very long); the body is the rest.

:func:`parse_announcement` never raises on a ``str``: whatever cannot be read is reported in
``warnings``.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from kaimen.importer.figures import extract_figures
from kaimen.importer.genre import (
    NEWS,
    OTHER,
    RESULTS,
    TOUR_PROGRESS,
    document_kind,
    is_scope_declaration,
    publication_year,
    stated_year,
)
from kaimen.importer.model import Figure, OutcomeItem, ParsedAnnouncement, ParsedProject
from kaimen.importer.paragraphs import Para, cn_value, paragraphs
from kaimen.importer.targets import find_targets
from kaimen.importer.text import CJK_RE, normalize_text
from kaimen.importer.tour import feedback_items, intro_figures, tour_issuer, tour_year

_CN = "一二三四五六七八九十"

# --------------------------------------------------------------------------- labels

_TITLE_LABELS = "治理项目|项目名称|整治项目|专项治理项目|点题整治项目|治理内容"
_UNIT_LABELS = "牵头单位|牵头部门|牵头责任单位|责任单位|主责单位|牵头科室"
_HELPER_LABELS = "配合单位|协办单位|配合部门|参与单位"
_GOAL_LABELS = "治理目标|工作目标|目标任务|整治目标"
_OUTCOME_LABELS = "治理成果|治理成效|工作成效|工作成果|主要成效|取得成效|整治成效|整治成果|主要成果"
_FIELD_RE = re.compile(
    rf"(?P<name>{_TITLE_LABELS}|{_UNIT_LABELS}|{_HELPER_LABELS}|{_GOAL_LABELS}|{_OUTCOME_LABELS})"
    r"\s*[：:]"
)
_TITLE_LABEL_RE = re.compile(rf"(?:{_TITLE_LABELS})\s*[：:]")
_SECTION_NUMBER = re.compile(
    rf"(?:[{_CN}]{{1,3}}|\d{{1,2}}|[（(][{_CN}\d]{{1,3}}[）)]|第[{_CN}\d]{{1,3}}[项个])[、.．]?\s*$"
)
_BARE_SECTION = re.compile(rf"^(?:[{_CN}]{{1,3}}|\d{{1,2}}|[（(][{_CN}]{{1,3}}[）)])$")

_UNIT_END = (
    r"(?:局|委|办|院|部|中心|公司|政府|街道|镇|乡|所|队|站|会|室|组|处|科|馆|团|署|厅|社|行|办公室"
    r"|领导小组|指挥部|分局|集团)"
)
_UNIT_TAIL = re.compile(
    rf"[（(]\s*(?:{_UNIT_LABELS}|牵头)\s*[：:]\s*(?P<units>[^（）()]+?)\s*[）)]\s*[。.]?$"
)
_LEADS_TAIL = re.compile(r"[（(](?P<units>[^（）()]{2,40}?)(?:牵头|负责)[）)]\s*[。.]?$")
_PLAIN_UNIT_TAIL = re.compile(rf"[（(](?P<units>[^（）()]{{2,40}}?{_UNIT_END})[）)]\s*[。.]?$")
_FUSED_PREFIX = re.compile(rf"^(?P<units>[^：:，。]{{2,30}}?{_UNIT_END})\s*[：:](?P<title>.+)$")
_FUSED_LEADS = re.compile(
    rf"^(?P<units>[^：:，。]{{2,30}}?{_UNIT_END})牵头(?:开展|实施|推进|的)?(?P<title>.{{4,}})$"
)
# "市卫健委深化…专项整治": the lead unit as the subject of the heading's verb
_FUSED_VERB = re.compile(
    rf"^(?P<units>[^：:，。“”、]{{2,12}}?{_UNIT_END})"
    r"(?P<title>(?:深化|推进|开展|实施|聚焦|强化|持续|全面|扎实|组织|加强|推动).{4,})$"
)
_TITLE_END = re.compile(r"(?:专项治理|专项整治|治理|整治|整顿|问题|行动|难题|工程|“[^”]+”|慢|难)$")
_HEADING_NUMBER = re.compile(
    rf"^(?P<num>[{_CN}]{{1,3}}(?=[、.．])|[（(][{_CN}]{{1,3}}[）)]|\d{{1,2}}(?=[.、．](?!\d))"
    rf"|项目[{_CN}\d]{{1,3}}(?=[：:、.．]))"
    r"[、.．：:]?\s*(?P<body>.+)$"
)
# first sentence under a heading that names the lead unit: "区民政局牵头，联合…" /
# "区人力社保局会同区住建局推进。"
_LEAD_SENTENCE = re.compile(
    rf"(?P<units>[^，。：:；（）()]{{2,40}}?{_UNIT_END})"
    r"(?:牵头|负责|会同|联合|为牵头单位|作为牵头单位)"
)
_MAX_WEAK_HEADING = 30
_MAX_SENTENCE_HEADING = 50
_MAX_HEADING = 70
_FOOTER = re.compile(
    r"^(?:[（(]?来源|[（(]?责任编辑|[（(]?编辑[：:]|欢迎|监督举报|举报电话|联系电话|联系方式|附件"
    r"|特此|\d{4}年\d{1,2}月\d{1,2}日$)"
)

# --------------------------------------------------------------------------- items

_ITEM_SCHEMES: dict[str, re.Pattern[str]] = {
    "arabic": re.compile(r"(?P<n>\d{1,2})\s*[.、．](?!\d)"),
    "paren_cn": re.compile(rf"[（(](?P<n>[{_CN}]{{1,3}})[）)]"),
    "paren_ar": re.compile(r"[（(](?P<n>\d{1,2})[）)]"),
    "shi": re.compile(rf"(?P<n>[{_CN}]{{1,3}})是"),
    "cn_dun": re.compile(rf"(?P<n>[{_CN}]{{1,3}})[、．]"),
    "circled": re.compile(r"(?P<n>[①-⑳])"),
}
_ITEM_BOUNDARY = "\n。；;！？：:"
_SHI_BOUNDARY = _ITEM_BOUNDARY + "，,"
_MAX_HEADLINE = 60
_MAX_CLAUSE_HEADLINE = 40
_MIN_ITEMS = 2

# --------------------------------------------------------------------------- places

_LEVELS = ("区", "县", "市", "省")
_PLACE_STOP = set(
    "全本我该各每城辖社小片园景省市区县镇乡村街州旗的在和与及对将是为把从向于了等"
    "示范功能开发拓展保护风景居住商业工业试验贸校厂营库矿灾湖山林牧老新城住宅网"
    "一二三四五六七八九十两个多几某此其同纪委监党政府"
)
_COMMISSION = re.compile(
    rf"(?P<place>[{CJK_RE}]{{0,12}}?)(?:纪委|纪律检查委员会|纪工委)"
    rf"(?:[{CJK_RE}]{{0,8}}?(?:监委|监察委员会|监察工委))?"
)
_EXPECTED_COUNT = re.compile(r"精选\s*(\d{1,3})\s*个|(\d{1,3})\s*个(?:治理|专项治理|整治)?项目")
_MIN_PLACE_COUNT = 2
_TITLE_PLACE = re.compile(
    rf"^(?:中共)?([{CJK_RE}]{{2,8}}?(?:省|自治区|市|州|盟|区|县|旗))(?=(?:19|20)\d{{2}}年|关于|漠视|专项|群众)"
)
_TITLE_LEAD = re.compile(r"(?:中共|关于|(?:19|20)\d{2}年度?)?")
# characters that never occur in a place name read from a commission's name
_NAME_STOP = set("的在和与及或对将是为把从向于了等制度机督查治理")


@dataclass
class _Field:
    name: str
    label_start: int
    value_start: int
    value_end: int


# --------------------------------------------------------------------------- entry point


def parse_announcement(text: str) -> ParsedAnnouncement:
    """Parse a results announcement (raw text; it is normalised first). Never raises."""
    warnings: list[str] = []
    norm = ""
    try:
        raw = text if isinstance(text, str) else str(text)
        norm = normalize_text(raw)
        return _parse(norm, warnings, raw)
    except Exception as exc:  # a parser bug must not lose the upload: report it instead
        warnings.append(
            f"解析中断（内部错误 {type(exc).__name__}），结果不完整。"
            f" / Parsing stopped by an internal error ({type(exc).__name__}); the result is "
            "incomplete."
        )
        return ParsedAnnouncement(
            text=norm,
            title="",
            issuer="",
            year=None,
            intro="",
            intro_totals=[],
            projects=[],
            warnings=warnings,
        )


def _parse(norm: str, warnings: list[str], raw: str = "") -> ParsedAnnouncement:
    paras = paragraphs(norm)
    if not paras:
        warnings.append("文本为空，没有可解析的内容。/ The text is empty.")
        return ParsedAnnouncement(norm, "", "", None, "", [], [], warnings)
    title_index = _find_title(paras)
    title = paras[title_index].text if title_index is not None else ""
    if title_index is None:
        warnings.append("未找到公告标题。/ No announcement title found.")
    body_from = title_index + 1 if title_index is not None else 0
    if document_kind(title, norm, projects=0) == TOUR_PROGRESS:
        return _parse_tour(norm, paras, title_index, warnings)
    spans = _project_spans(norm, paras, body_from)
    intro_paras = _intro_paras(paras, body_from, spans)
    intro = norm[intro_paras[0].start : intro_paras[-1].end] if intro_paras else ""
    intro_start = intro_paras[0].start if intro_paras else 0
    intro_totals = extract_figures(intro, offset=intro_start) if intro else []
    if not intro:
        warnings.append("未找到导语段落（总体数据）。/ No introduction paragraph found.")
    issuer = _issuer(norm, title, intro, warnings)
    year = _year(title, intro, norm, raw, warnings)
    projects = [
        _parse_project(norm, position, span, warnings)
        for position, span in enumerate(spans, start=1)
    ]
    kind = document_kind(title, norm, projects=len(projects), raw=raw)
    if not projects and kind in {RESULTS, NEWS}:
        projects = _headline_projects(norm, paras, body_from, warnings)
    _intro_lead_units(intro, projects, warnings)
    if not spans:
        # every figure of a text without project sections is a campaign total, wherever it
        # stands, unless a paragraph was read as a project
        inside = {(project.start, project.end) for project in projects}
        intro_totals = _body_figures(
            norm, [p for p in paras if (p.start, p.end) not in inside], body_from
        )
        warnings.append(
            "未识别到任何治理项目，已将正文中的全部数据作为总体数据读取，请人工核对结构。"
            " / No projects found: every figure of the text was read as a campaign total;"
            " please check the structure."
        )
    _check_expected_count(intro, len(projects), warnings)
    if kind != RESULTS:
        warnings.append(_KIND_NOTES[kind])
    return ParsedAnnouncement(
        text=norm,
        title=title,
        issuer=issuer,
        year=year,
        intro=intro,
        intro_totals=intro_totals,
        projects=projects,
        warnings=warnings,
        kind=kind,
        declared_counts=[fig for fig in intro_totals if is_scope_declaration(fig, norm)],
    )


_KIND_NOTES = {
    NEWS: "按成果新闻报道读取（无项目结构时数据计入总体数据）。"
    " / Read as a news report of results.",
    OTHER: "不像成果公告、新闻报道或巡视整改通报，已尽量读取数据，请人工核对。"
    " / Not recognised as an announcement, news report or tour progress report; figures were"
    " read as well as possible, please check.",
}


def _body_figures(norm: str, paras: list[Para], body_from: int) -> list[Figure]:
    """Figures of every paragraph after the title, footers (来源, 联系电话…) excepted."""
    figures: list[Figure] = []
    for para in paras[body_from:]:
        if not _FOOTER.match(para.text):
            figures.extend(extract_figures(para.text, offset=para.start))
    return figures


def _parse_tour(
    norm: str, paras: list[Para], title_index: int | None, warnings: list[str]
) -> ParsedAnnouncement:
    title = paras[title_index].text if title_index is not None else ""
    body_from = title_index + 1 if title_index is not None else 0
    items = feedback_items(paras, body_from)
    first_item = items[0].start if items else None
    intro_end = first_item if first_item is not None else len(norm)
    intro_start = paras[body_from].start if body_from < len(paras) else intro_end
    intro = norm[intro_start:intro_end].strip()
    issuer = tour_issuer(paras, title_index, title)
    year = tour_year(intro, norm)
    if not issuer:
        warnings.append("未找到被巡视（巡察）党组织。/ The inspected party was not found.")
    if year is None:
        warnings.append("未能识别年度。/ The year could not be read.")
    if not items:
        warnings.append(
            "未识别到反馈问题（如“一、关于“…”问题的整改情况”），请人工核对。"
            " / No fed-back problems found; please check."
        )
    warnings.append(
        f"按巡视（巡察）整改进展情况通报读取：{len(items)}个反馈问题，"
        f"{sum(len(item.measures) for item in items)}条整改措施。"
        f" / Read as an inspection tour progress report: {len(items)} fed-back problems,"
        f" {sum(len(item.measures) for item in items)} measures."
    )
    return ParsedAnnouncement(
        text=norm,
        title=title,
        issuer=issuer,
        year=year,
        intro=intro,
        intro_totals=intro_figures(norm, paras, body_from, first_item),
        projects=[],
        warnings=warnings,
        kind=TOUR_PROGRESS,
        feedback_items=items,
    )


# --------------------------------------------------------------------------- head


def _find_title(paras: list[Para]) -> int | None:
    for index, para in enumerate(paras[:3]):
        line = para.text
        if re.search(r"[。，；]", line) or _YEAR_INTRO.match(line) or _FIELD_RE.match(line):
            return None
        if len(line) <= _MAX_HEADING and re.search(
            r"公布|成果|成效|成绩单|通报|公告|专项治理|专项整治|点题整治|情况", line
        ):
            return index
    # a web page or news report opens with its headline, whatever its words
    first = paras[0].text
    if (
        len(paras) > 1
        and _MIN_TITLE <= len(first) <= _MAX_HEADING
        and not re.search(r"[。，；：:]", first)
    ):
        return 0
    return None


_MIN_TITLE = 6


_YEAR_INTRO = re.compile(r"^(?:19|20)\d{2}年")


def _intro_paras(
    paras: list[Para], body_from: int, spans: list[tuple[int, int, bool]]
) -> list[Para]:
    first_project = spans[0][0] if spans else None
    intro: list[Para] = []
    for para in paras[body_from:]:
        if first_project is not None and para.start >= first_project:
            break
        if _BARE_SECTION.match(para.text):
            continue
        intro.append(para)
        if first_project is None:
            break
    return intro


def _year(title: str, intro: str, norm: str, raw: str, warnings: list[str]) -> int | None:
    year = stated_year(title, intro, norm)
    if year is not None:
        return year
    year = publication_year(raw)
    if year is not None:
        warnings.append(
            f"正文未写明年度，根据发布日期推断为{year}年。"
            f" / No year in the text; {year} inferred from the publication date."
        )
        return year
    warnings.append("未能识别年度（正文未写明），年度留空。/ The text states no year; left empty.")
    return None


def _issuer(norm: str, title: str, intro: str, warnings: list[str]) -> str:
    # in a title the commission comes first: text before it is a stray joined fragment
    title_places = [
        _clean_place(match.group("place"), norm)
        for match in _COMMISSION.finditer(title)
        if _TITLE_LEAD.fullmatch(title[: match.start()])
    ][:1]
    if title_places and title_places[0] and title_places[0] not in _LEVELS:
        return f"{title_places[0]}纪委监委"
    places = title_places + [
        _clean_place(match.group("place"), norm)
        for source in (intro, norm)
        for match in _COMMISSION.finditer(source)
    ]
    if not places:
        # a province's or city's own results page names only the place, in its title
        titled = _TITLE_PLACE.match(title)
        if titled:
            warnings.append(
                f"正文未写明纪委监委，根据标题中的“{titled.group(1)}”推断发文机关。"
                f" / No commission named; inferred {titled.group(1)} from the title."
            )
            return f"{titled.group(1)}纪委监委"
        warnings.append("未找到发文机关（纪委监委）。/ The issuing commission was not found.")
        return ""
    place = places[0]
    if place and place not in _LEVELS and title_places:
        return f"{place}纪委监委"
    if place and place not in _LEVELS:
        place = place[-1]
    # the title says only "区纪委区监委": a named commission of the same level elsewhere in
    # the text (the introduction, the signature at the end) is the issuer
    named = [p for p in places if p and p not in _LEVELS and (not place or p.endswith(place))]
    if named:
        warnings.append(
            f"标题未写明地名，根据正文中的“{named[0]}纪委”推断发文机关为“{named[0]}纪委监委”。"
            f" / The title does not name the place; inferred {named[0]} from the text."
        )
        return f"{named[0]}纪委监委"
    levels = (place,) if place else ("区", "县", "市")
    inferred = _infer_place(norm, levels)
    if inferred:
        warnings.append(
            f"标题未写明地名，根据正文出现最多的“{inferred}”推断发文机关为“{inferred}纪委监委”。"
            f" / The title does not name the place; inferred {inferred} from the text."
        )
        return f"{inferred}纪委监委"
    fallback = f"{place}纪委监委" if place else "纪委监委"
    warnings.append(
        f"无法确定发文机关所在地，暂记为“{fallback}”。"
        f" / The issuer's place could not be determined; recorded as {fallback}."
    )
    return fallback


def _clean_place(raw: str, norm: str) -> str:
    raw = re.sub(r"^(?:中共|中国共产党)", "", raw)
    if not raw:
        return ""
    if raw in _LEVELS:
        return raw
    best = ""
    best_count = 0
    for length in range(2, 5):
        for end in range(len(raw), 0, -1):
            candidate = raw[max(0, end - length - 1) : end]
            if len(candidate) != length + 1 or candidate[-1] not in _LEVELS:
                continue
            stem = candidate[:-1]
            # 州 may be inside a name (湖州市)
            if any(ch in "省市区县旗盟" or ch in _NAME_STOP for ch in stem):
                continue
            count = norm.count(candidate)
            if count > best_count or (count == best_count and len(candidate) > len(best)):
                best, best_count = candidate, count
            break
    if best:
        return best
    return raw[-1] if raw[-1] in _LEVELS else ""


def _infer_place(norm: str, levels: tuple[str, ...]) -> str:
    for level in levels:
        counts: Counter[str] = Counter()
        for match in re.finditer(level, norm):
            index = match.start()
            for length in (2, 3):
                stem = norm[max(0, index - length) : index]
                if len(stem) != length or not re.fullmatch(f"[{CJK_RE}]+", stem):
                    continue
                if any(ch in _PLACE_STOP for ch in stem):
                    continue
                counts[stem + level] += 1
        if not counts:
            continue
        best, best_count = counts.most_common(1)[0]
        longer = [
            name
            for name, count in counts.items()
            if len(name) > len(best) and name.endswith(best) and count == best_count
        ]
        if longer:
            best = longer[0]
        if best_count >= _MIN_PLACE_COUNT:
            return best
    return ""


def _check_expected_count(intro: str, found: int, warnings: list[str]) -> None:
    match = _EXPECTED_COUNT.search(intro)
    if not match:
        return
    expected = int(match.group(1) or match.group(2))
    if found and expected != found:
        warnings.append(
            f"导语称共{expected}个项目，但识别出{found}个，请核对。"
            f" / The introduction announces {expected} projects but {found} were found."
        )


# --------------------------------------------------------------------------- project spans


def _project_spans(norm: str, paras: list[Para], body_from: int) -> list[tuple[int, int, bool]]:
    """(start, end, heading_layout) of every project section, in order."""
    starts = _labelled_starts(norm, paras, body_from)
    heading = False
    if not starts:
        starts = _heading_starts(paras, body_from)
        heading = True
    spans: list[tuple[int, int, bool]] = []
    for index, start in enumerate(starts):
        end = starts[index + 1] if index + 1 < len(starts) else len(norm)
        end = _trim_end(norm, paras, start, end, last=index + 1 == len(starts))
        spans.append((start, end, heading))
    return spans


def _labelled_starts(norm: str, paras: list[Para], body_from: int) -> list[int]:
    floor = paras[body_from].start if body_from < len(paras) else len(norm)
    starts: list[int] = []
    for match in _TITLE_LABEL_RE.finditer(norm, floor):
        line_start = norm.rfind("\n", 0, match.start()) + 1
        prefix = norm[line_start : match.start()]
        cut = max(prefix.rfind("。"), prefix.rfind("；"))
        if prefix and cut < 0 and not _SECTION_NUMBER.fullmatch(prefix):
            continue
        start = line_start + cut + 1 if cut >= 0 else line_start
        if cut >= 0 and _SECTION_NUMBER.fullmatch(prefix[cut + 1 :]) is None and prefix[cut + 1 :]:
            continue
        start = _include_section_number(norm, paras, start)
        starts.append(start)
    return starts


def _include_section_number(norm: str, paras: list[Para], start: int) -> int:
    for index, para in enumerate(paras):
        if para.start == start and index > 0 and _BARE_SECTION.match(paras[index - 1].text):
            return paras[index - 1].start
    return start


def _heading_starts(paras: list[Para], body_from: int) -> list[int]:
    candidates: list[tuple[int, str]] = []  # (para index, numbering kind; "" = unnumbered)
    for index in range(body_from, len(paras)):
        next_text = paras[index + 1].text if index + 1 < len(paras) else ""
        kind = _heading_kind(paras[index].text, next_text)
        if kind is not None:
            candidates.append((index, kind))
    if not candidates:
        return []
    chosen = [index for index, kind in candidates if not kind.split("+")[0]]
    best: tuple[int, int, int] = (-1, -1, -1)
    best_chosen: list[int] = []
    for scheme in dict.fromkeys(kind.split("+")[0] for _, kind in candidates if kind[:1] != "+"):
        if not scheme:
            continue
        picked: list[tuple[int, str]] = []
        expected = 1
        for index, kind in candidates:
            if kind.split("+")[0] != scheme:
                continue
            number = _heading_number(paras[index].text)
            if number == expected or (number == 1 and picked and not kind.endswith("+weak")):
                picked.append((index, kind))
                expected = (number or 0) + 1
        # schemes whose headings carry lead units win, then title-like headings, then count
        score = (
            sum(kind.endswith("+units") for _, kind in picked),
            sum(not kind.endswith("+weak") for _, kind in picked),
            len(picked),
        )
        if score > best:
            best, best_chosen = score, [index for index, _ in picked]
    if best[1] == 0 and len(best_chosen) < _MIN_ITEMS:
        best_chosen = []
    chosen.extend(best_chosen)
    strong = any(kind.endswith("+units") or not kind for _, kind in candidates)
    if len(chosen) < _MIN_ITEMS and not strong:
        return []
    starts: list[int] = []
    for index in sorted(set(chosen)):
        start = paras[index].start
        if index > 0 and _BARE_SECTION.match(paras[index - 1].text):
            start = paras[index - 1].start
        starts.append(start)
    return starts


def _heading_kind(text: str, next_text: str) -> str | None:
    """Numbering kind of a project heading ("" = unnumbered), or None if not a heading."""
    number = _HEADING_NUMBER.match(text)
    body = number.group("body") if number else text
    if len(body) > _MAX_HEADING or "。" in body.rstrip("。"):
        return None
    has_units = bool(_unit_tail(body)[1]) or bool(_fused_units(body)[1])
    next_is_units = bool(
        re.match(rf"(?:{_UNIT_LABELS})\s*[：:]", next_text) or _LEAD_SENTENCE.match(next_text)
    )
    title_like = bool(_TITLE_END.search(body.rstrip("。")))
    if number is None:
        # a bare title line (short, no punctuation) above a 治理成果：/治理目标： label
        bare_title = (
            len(body) <= _MAX_WEAK_HEADING
            and not re.search(r"[，。；：:！？]", body)
            and bool(re.match(rf"(?:{_OUTCOME_LABELS}|{_GOAL_LABELS})\s*[：:]", next_text))
        )
        return "" if has_units or bare_title or (next_is_units and title_like) else None
    # a short numbered line without punctuation above a paragraph of prose: a heading whatever
    # its last word ("一、“一老一小”助餐服务"), kept only if its numbering scheme wins
    prose_follows = bool(re.search(r"[，。]", next_text)) and not _HEADING_NUMBER.match(next_text)
    weak = (
        prose_follows
        and (
            (len(body) <= _MAX_WEAK_HEADING and not re.search(r"[，。；：:！？]", body))
            # "1.整治…问题，守护群众“钱袋子”。" — one sentence on its own line above its text
            or (
                len(body) <= _MAX_SENTENCE_HEADING
                and body.endswith("。")
                and not re.search(r"[。；：:！？]", body[:-1])
            )
        )
    )
    if not (has_units or next_is_units or title_like or weak):
        return None
    token = number.group("num")
    kind = (
        "paren"
        if token.startswith(("（", "("))
        else "arabic"
        if token.isdigit()
        else "xiangmu"
        if token.startswith("项目")
        else "cn"
    )
    if has_units or next_is_units:
        return f"{kind}+units"
    return kind if title_like else f"{kind}+weak"


def _heading_number(text: str) -> int | None:
    match = _HEADING_NUMBER.match(text)
    return cn_value(match.group("num")) if match else None


def _trim_end(norm: str, paras: list[Para], start: int, end: int, *, last: bool) -> int:
    inside = [p for p in paras if p.start >= start and p.end <= end]
    keep = len(inside)
    while keep > 1:
        para = inside[keep - 1]
        if _FOOTER.match(para.text) and last:
            keep -= 1
            continue
        if not last and _is_section_heading(para.text):
            keep -= 1
            continue
        break
    if keep == 0 or keep == len(inside):
        return end if keep == len(inside) else start
    return inside[keep - 1].end


def _is_section_heading(text: str) -> bool:
    if _BARE_SECTION.match(text):
        return True
    return bool(
        re.match(rf"^(?:[{_CN}]{{1,3}}、|第[{_CN}]{{1,3}}部分)", text)
        and len(text) <= _MAX_CLAUSE_HEADLINE
        and "。" not in text
    )


# --------------------------------------------------------------------------- headline paragraphs

# "农村环境连片整治快速推进。按照…" / "湘西州开展中小学校园食品安全…专项整治。督促州教体局…":
# a paragraph whose first sentence is short and names the work, the rest its results
_HEADLINE_MAX = 32
_OPENS_WORK = re.compile(r"^[^，。]{0,10}?(?:开展|实施|推进|深化|启动)(?=.{4,})")
_HAS_FIGURE = re.compile(r"\d")


def _headline_projects(
    norm: str, paras: list[Para], body_from: int, warnings: list[str]
) -> list[ParsedProject]:
    """Projects read from paragraphs that open with the work's name (no headings, no labels).

    Kept when two or more paragraphs read so, or one whose headline ends like a project title
    (…专项整治, …治理); the reading is reported in ``warnings``.
    """
    found: list[tuple[Para, str]] = []
    for para in paras[body_from:]:
        cut = para.text.find("。")
        headline = para.text[:cut] if cut > 0 else ""
        if (
            not headline
            or len(headline) > _HEADLINE_MAX
            or re.search(r"[，；：:“”]", headline)
            or not _HAS_FIGURE.search(para.text[cut:])
        ):
            continue
        found.append((para, headline))
    if len(found) < _MIN_ITEMS:
        found = [(para, head) for para, head in found if _TITLE_END.search(head)]
    if not found:
        return []
    projects: list[ParsedProject] = []
    for position, (para, headline) in enumerate(found, start=1):
        title, units = _split_title(_strip_number(headline))
        if not units and _TITLE_END.search(title):
            title = _OPENS_WORK.sub("", title)
        body_start = para.start + len(headline) + 1
        units = units or list(
            dict.fromkeys(m.group("unit") for m in _BODY_ACTOR.finditer(norm, body_start, para.end))
        )
        figures = extract_figures(para.text, offset=para.start)
        outcomes, _summary = _outcome_items(
            norm, _strip_span(norm, body_start, para.end), title, position, []
        )
        projects.append(
            ParsedProject(
                position=position,
                title=title,
                lead_units=units,
                goal=None,
                outcomes=outcomes,
                figures=figures,
                start=para.start,
                end=para.end,
                targets=find_targets(norm, para.start, para.end, figures),
            )
        )
    warnings.append(
        f"没有项目标题或标签，已将{len(projects)}个以简短标题句开头的段落作为项目读取，请人工核对。"
        f" / No headings or labels: {len(projects)} paragraphs opening with a short headline were"
        " read as projects; please check."
    )
    return projects


_INTRO_LEAD = re.compile(rf"由(?P<unit>[^，。；、：:（）()]{{2,12}}?{_UNIT_END})牵头")


def _intro_lead_units(intro: str, projects: list[ParsedProject], warnings: list[str]) -> None:
    """ "由市环保局牵头承办的3件…": the introduction names the lead unit of every project."""
    match = _INTRO_LEAD.search(intro)
    if not match:
        return
    lacking = [project for project in projects if not project.lead_units]
    for project in lacking:
        project.lead_units = [match.group("unit")]
    if lacking:
        warnings.append(
            f"导语称由{match.group('unit')}牵头，已作为{len(lacking)}个项目的牵头单位。"
            f" / The introduction names {match.group('unit')} as lead unit of {len(lacking)}"
            " projects."
        )


# --------------------------------------------------------------------------- one project


def _fields(norm: str, start: int, end: int) -> list[_Field]:
    matches = [
        match
        for match in _FIELD_RE.finditer(norm, start, end)
        if not _in_parens(norm, match.start())
    ]
    fields: list[_Field] = []
    for index, match in enumerate(matches):
        value_end = matches[index + 1].start() if index + 1 < len(matches) else end
        fields.append(_Field(match.group("name"), match.start(), match.end(), value_end))
    return fields


def _in_parens(norm: str, pos: int) -> bool:
    """True when ``pos`` is inside a parenthesis opened earlier on its line."""
    line = norm[norm.rfind("\n", 0, pos) + 1 : pos]
    return line.count("（") + line.count("(") > line.count("）") + line.count(")")


def _parse_project(
    norm: str, position: int, span: tuple[int, int, bool], warnings: list[str]
) -> ParsedProject:
    start, end, heading = span
    fields = _fields(norm, start, end)
    head_end = fields[0].label_start if fields else end
    title = ""
    lead_units: list[str] = []
    goal: str | None = None
    goal_figures: list[Figure] = []
    goal_span: tuple[int, int] | None = None
    outcome_region: tuple[int, int] | None = None
    consumed_to = start
    if heading or not fields or not re.fullmatch(_TITLE_LABELS, fields[0].name):
        title, lead_units, consumed_to = _heading(norm, start, end, head_end, bool(fields))
    for field in fields:
        value_start, value_end = field.value_start, field.value_end
        if re.fullmatch(_TITLE_LABELS, field.name) or re.fullmatch(_UNIT_LABELS, field.name):
            line_end = norm.find("\n", value_start, value_end)
            line_end = value_end if line_end < 0 else line_end
            value = norm[value_start:line_end].strip()
            if re.fullmatch(_TITLE_LABELS, field.name):
                title, tail_units = _split_title(value)
                lead_units = lead_units or tail_units
            else:
                lead_units = _split_units(value) or lead_units
            consumed_to = max(consumed_to, line_end)
            if line_end < value_end and not outcome_region:
                rest = _strip_span(norm, line_end, value_end)
                if rest[0] < rest[1]:
                    outcome_region = rest
        elif re.fullmatch(_GOAL_LABELS, field.name):
            g_start, g_end = _strip_span(norm, value_start, value_end)
            goal = norm[g_start:g_end] or None
            goal_span = (g_start, g_end)
            goal_figures = extract_figures(norm[g_start:g_end], offset=g_start)
            consumed_to = max(consumed_to, value_end)
        elif re.fullmatch(_OUTCOME_LABELS, field.name):
            outcome_region = _strip_span(norm, value_start, value_end)
            consumed_to = max(consumed_to, value_end)
        else:
            consumed_to = max(consumed_to, value_end)
    if outcome_region is None:
        outcome_region = _strip_span(norm, consumed_to, end)
    if not lead_units:
        lead_units, outcome_region = _body_lead_units(norm, outcome_region, warnings, position)
    label = f"项目{position}“{title or '?'}”"
    if not title:
        warnings.append(f"项目{position}未找到项目名称。/ Project {position}: no title found.")
    if not lead_units:
        warnings.append(f"{label}未找到牵头单位。/ Project {position}: no lead unit found.")
    outcomes, summary_figures = _outcome_items(norm, outcome_region, label, position, warnings)
    figures = goal_figures + summary_figures + [fig for item in outcomes for fig in item.figures]
    return ParsedProject(
        targets=find_targets(norm, start, end, figures, goal_span),
        position=position,
        title=title,
        lead_units=lead_units,
        goal=goal,
        outcomes=outcomes,
        figures=figures,
        start=start,
        end=end,
    )


# a department as the subject of a sentence of the project's text ("县水利局完成改造工程…")
_BODY_ACTOR = re.compile(
    rf"(?:^|(?<=[。；]))(?:由|督促|推动|指导)?(?P<unit>(?![各全该本我])[^，。；、：:（）()“”\d\n]{{2,12}}?"
    rf"{_UNIT_END})(?=牵头|会同|联合|组织|开展|推进|深化|实施|完成|新增|新建|建成|排查|清理|对|在|已)",
    re.MULTILINE,
)
# "(牵头单位:市农业农村局、市财政局)" closing the project's last paragraph
_TAIL_AT_END = re.compile(
    rf"[（(]\s*(?:{_UNIT_LABELS}|牵头)\s*[：:]\s*(?P<units>[^（）()]+?)\s*[）)]\s*[。.]?\s*$"
)


def _body_lead_units(
    norm: str, region: tuple[int, int], warnings: list[str], position: int
) -> tuple[list[str], tuple[int, int]]:
    """Lead units the project's own text names: a closing (牵头单位:…), else the departments
    that are the subjects of its sentences."""
    start, end = region
    tail = _TAIL_AT_END.search(norm, start, end)
    if tail:
        units = _split_units(tail.group("units"))
        if units:
            return units, _strip_span(norm, start, tail.start())
    actors = list(
        dict.fromkeys(match.group("unit") for match in _BODY_ACTOR.finditer(norm, start, end))
    )
    if actors:
        warnings.append(
            f"项目{position}没有写明牵头单位，已将正文中作为主语的“{'、'.join(actors)}”作为牵头单位。"
            f" / Project {position}: no lead unit written; the departments acting in its text"
            " were taken."
        )
    return actors, region


def _heading(
    norm: str, start: int, end: int, head_end: int, has_fields: bool
) -> tuple[str, list[str], int]:
    """Title, lead units and end of a project heading (its first line)."""
    first_line_end = norm.find("\n", start, end)
    first_line_end = end if first_line_end < 0 else first_line_end
    heading_end = min(first_line_end, head_end) if has_fields else first_line_end
    title, lead_units = _split_title(_strip_number(norm[start:heading_end]))
    consumed_to = heading_end
    if not lead_units and (not has_fields or head_end > heading_end):
        lead_units, consumed_to = _lead_sentence(norm, heading_end, head_end)
    return title, lead_units, consumed_to


def _lead_sentence(norm: str, start: int, end: int) -> tuple[list[str], int]:
    """Lead units named by the paragraph after a heading ("区民政局牵头，联合…推进。").

    Returns the units and where the outcomes start: after that paragraph when it says nothing
    else (one short sentence), else at its start.
    """
    para_start, para_end = _strip_span(norm, start, end)
    line_end = norm.find("\n", para_start, para_end)
    line_end = para_end if line_end < 0 else line_end
    match = _LEAD_SENTENCE.match(norm, para_start, line_end)
    if not match:
        return [], start
    units = _split_units(match.group("units"))
    sentence = norm[para_start:line_end]
    if sentence.count("。") <= 1 and len(sentence) <= _MAX_CLAUSE_HEADLINE + 10:
        return units, line_end
    return units, start


def _strip_span(norm: str, start: int, end: int) -> tuple[int, int]:
    while start < end and norm[start] in " \n":
        start += 1
    while end > start and norm[end - 1] in " \n":
        end -= 1
    return start, end


def _strip_number(text: str) -> str:
    text = text.strip()
    match = _HEADING_NUMBER.match(text)
    if match:
        return match.group("body").strip()
    return re.sub(rf"^(?:[{_CN}]{{1,3}}|\d{{1,2}})\s*(?=[{CJK_RE}“])", "", text, count=1)


def _split_title(text: str) -> tuple[str, list[str]]:
    """Title and lead units from a title or heading (tail or fused forms)."""
    text = text.strip().rstrip("。；")
    title, units = _unit_tail(text)
    if not units:
        title, units = _fused_units(text)
    title = re.sub(r"\s+", "", title).strip("：:，")
    return title, units


def _unit_tail(text: str) -> tuple[str, list[str]]:
    for pattern in (_UNIT_TAIL, _LEADS_TAIL, _PLAIN_UNIT_TAIL):
        match = pattern.search(text)
        if match and match.start() > 0:
            units = _split_units(match.group("units"))
            if units:
                return text[: match.start()].strip(), units
    return text, []


def _fused_units(text: str) -> tuple[str, list[str]]:
    for pattern in (_FUSED_PREFIX, _FUSED_LEADS, _FUSED_VERB):
        match = pattern.match(text)
        if match and _TITLE_END.search(match.group("title").rstrip("。")):
            units = _split_units(match.group("units"))
            if units:
                return match.group("title").strip(), units
    return text, []


def _split_units(value: str) -> list[str]:
    value = re.sub(rf"[（(](?:{_HELPER_LABELS}|配合)[^（）()]*[）)]", "", value)
    value = re.sub(rf"[，,；;。]\s*(?:{_HELPER_LABELS}|配合)[：:]?.*$", "", value)
    value = value.strip().rstrip("。；;，,")
    if not value:
        return []
    parts = [p.strip() for p in re.split(r"[、，,；;/]|\s+", value) if p.strip()]
    units: list[str] = []
    for part in parts:
        units.extend(_split_conjunction(part))
    return [u for u in units if u]


def _split_conjunction(part: str) -> list[str]:
    for conj in ("和", "及", "与", "会同"):
        pieces = part.split(conj)
        if len(pieces) > 1 and all(
            re.search(f"{_UNIT_END}(?:[（(][^）)]*[）)])?$", p) for p in pieces if p
        ):
            return [p for p in pieces if p]
    return [part]


# --------------------------------------------------------------------------- outcome items


def _outcome_items(
    norm: str, region: tuple[int, int], label: str, position: int, warnings: list[str]
) -> tuple[list[OutcomeItem], list[Figure]]:
    """The numbered items, and the figures of a summary written before item 1.

    A summary before the first of several numbered items ("通过专项治理，…明显好转。一是…") is
    not an item; its figures still belong to the project.
    """
    start, end = region
    if start >= end:
        warnings.append(f"{label}没有治理成果内容。/ Project {position}: no outcomes found.")
        return [], []
    markers = _best_markers(norm, start, end)
    if not markers:
        # unnumbered paragraphs, each opening with its headline sentence: one item each
        lines = [para for para in paragraphs(norm[start:end]) if para.text.strip()]
        if len(lines) >= _MIN_ITEMS:
            warnings.append(
                f"{label}的治理成果没有编号，已按段落分为{len(lines)}条。"
                f" / Project {position}: outcomes are not numbered; one item per paragraph."
            )
            return [
                _make_item(norm, index, start + para.start, start + para.end)
                for index, para in enumerate(lines, start=1)
            ], []
        warnings.append(
            f"{label}的治理成果没有编号，已作为一条处理。"
            f" / Project {position}: outcomes are not numbered; kept as one item."
        )
        return [_make_item(norm, 1, start, end)], []
    items: list[OutcomeItem] = []
    summary: list[Figure] = []
    preamble = _strip_span(norm, start, markers[0][0])
    if preamble[1] - preamble[0] > 1:
        if len(markers) >= _MIN_ITEMS:
            summary = extract_figures(norm[preamble[0] : preamble[1]], offset=preamble[0])
        else:
            items.append(_make_item(norm, 1, *preamble))
    for index, (_, text_start) in enumerate(markers):
        item_end = markers[index + 1][0] if index + 1 < len(markers) else end
        span = _strip_span(norm, text_start, item_end)
        items.append(_make_item(norm, len(items) + 1, *span))
    return items, summary


def _best_markers(norm: str, start: int, end: int) -> list[tuple[int, int]]:
    """(marker start, text start) of the outcome items, for the scheme that starts first."""
    best: list[tuple[int, int]] = []
    single: list[tuple[int, int]] = []
    for name, pattern in _ITEM_SCHEMES.items():
        boundary = _SHI_BOUNDARY if name == "shi" else _ITEM_BOUNDARY
        found: list[tuple[int, int]] = []
        expected = 1
        for match in pattern.finditer(norm, start, end):
            before = norm[start : match.start()].rstrip(" ")
            if before and before[-1] not in boundary:
                continue
            if cn_value(match.group("n")) != expected:
                continue
            found.append((match.start(), match.end()))
            expected += 1
        if len(found) >= _MIN_ITEMS and (not best or found[0][0] < best[0][0]):
            best = found
        elif len(found) == 1 and found[0][0] == start and not single:
            single = found
    return best or single


def _make_item(norm: str, position: int, start: int, end: int) -> OutcomeItem:
    text = norm[start:end]
    headline, body_offset = _headline(text)
    body_start, body_end = _strip_span(norm, start + body_offset, end)
    return OutcomeItem(
        position=position,
        headline=headline,
        body=norm[body_start:body_end],
        figures=extract_figures(text, offset=start),
    )


def _headline(text: str) -> tuple[str, int]:
    """Headline (first sentence without its 。) and the offset where the body starts."""
    match = re.search(r"[。！？!?]|\n", text)
    cut = match.start() if match else len(text)
    if cut > _MAX_HEADLINE:
        clause = re.search(r"[，；,;]", text)
        if clause and clause.start() <= _MAX_CLAUSE_HEADLINE:
            return text[: clause.start()].strip(), clause.end()
    headline = text[:cut].strip().rstrip("；;：:，,")
    return headline, cut + 1 if match else cut
