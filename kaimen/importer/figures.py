"""Extraction of figures (number + unit) from normalised announcement text.

A figure is an Arabic number followed by a unit (次, 个, 人, 万元, %, …) or by a multiplier
(万, 亿) — ``追赃974.6万元``, ``群众满意度超过90%``, ``18批42起`` (two figures). A few
Chinese numerals count when they clearly are quantities (``共开展三次检查``, ``已开展两期``).

Not figures: dates (``2024年``, ``12月底``), ordinals (``第3批``), ranges (``3-5年``), document
and phone numbers, item numbers (``1.``), numbers inside ``《…》`` titles and inside short
quoted slogans (``“5个100%清零”``).

The label is the shortest readable phrase before the number in its clause: leading
``共/累计/已/全年/其中/全区…``, light verbs (``组织/开展/进行``) and trailing ``达/为/共…`` are
removed; when the phrase before the number is only a verb (``会同8家单位``), the noun after
the unit is appended (``会同单位``). A figure chained to the previous one (``18批42起``,
``3.8%、10.7%``) without its own label takes the previous label.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from kaimen.importer.model import Figure
from kaimen.importer.text import CJK_RE

# Units, longest first when compiled. Money units carry their own multiplier.
_UNIT_WORDS = """
    个百分点 百分点 平方公里 平方米 立方米 千瓦时 人次 户次 家次 个次 场次 批次 车次 件次 架次 课时
    学时 小时 分钟 公里 千米 公斤 千克 千瓦 部门 标段 亿元 万元 千元 元 % ‰ 次 个 人 家 所 份 件 起
    条 场 期 篇 名 户 辆 座 项 套 种 亩 吨 台 只 批 张 组 支 天 处 幢 栋 块 单 例 类 轮 届 班 艘 本 册
    棵 株 头 盏 米 斤 升 分 周 宗 笔 位 门
"""
_UNITS = tuple(_UNIT_WORDS.split())
_UNIT_ALT = "|".join(re.escape(u) for u in sorted(set(_UNITS), key=len, reverse=True))

# A unit immediately followed by one of these characters is part of another word.
_NOT_UNIT_FOLLOWERS: dict[str, str] = {
    "处": "理分置罚",
    "组": "织建成长员",
    "支": "付持部出援",
    "批": "评准复示",
    "台": "账",
    "期": "间限末初满",
    "条": "例件款",
    "起": "草诉来步",
    "名": "单称义额",
    "只": "有要是",
    "天": "然",
    "家": "庭长属",
    "所": "以有在属长",
    "分": "局钟之类别析配工管会",
    "周": "边期年",
    "位": "于置列",
    "单": "位独元",
    "类": "似",
    "班": "子",
    "本": "地级区市单",
    "块": "钱",
    "项": "目",
    "人": "员民大",
    "套": "餐",
    "笔": "录",
    "例": "如",
    "米": "面粮",
    "宗": "旨",
    "轮": "流",
    "届": "时",
    "门": "诊户槛类口店前外面票市",
}

_PREFIX_WORDS = (
    "不少于 不低于 不超过 不高于 不足 超过 多达 将近 接近 大于 小于 高于 低于 约为 约 近 逾 超"
)
_PREFIX_QUALIFIERS = tuple(_PREFIX_WORDS.split())
_PREQ_ALT = "|".join(sorted(_PREFIX_QUALIFIERS, key=len, reverse=True))

_FIGURE_RE = re.compile(
    rf"(?P<preq>{_PREQ_ALT})?"
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?P<midq>余|多)?"
    r"(?P<mult>万亿|亿|万|千(?=元))?"
    r"(?P<midq2>余|多)?"
    rf"(?P<unit>{_UNIT_ALT})?"
    r"(?P<sufq>以上|左右|以下)?"
)

_CN_NUM = "两二三四五六七八九十"
_CN_FIGURE_RE = re.compile(
    r"(?P<verb>已开展|开展|召开|举办|举行|组织|累计|先后|共计|共)"
    rf"(?P<num>[{_CN_NUM}][十]?[一二三四五六七八九]?)"
    r"(?P<unit>次|期|场|批|轮)"
)
_CN_VALUES = {
    "一": 1,
    "两": 2,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_TEN = 10

_MULTIPLIERS = {
    "万亿": Decimal(10) ** 12,
    "亿": Decimal(10) ** 8,
    "万": Decimal(10) ** 4,
    "千": Decimal(1000),
}
_MONEY_UNITS = {
    "万元": ("元", Decimal(10) ** 4),
    "亿元": ("元", Decimal(10) ** 8),
    "千元": ("元", Decimal(1000)),
}
_NO_AFTER_NOUN_UNITS = frozenset(
    {"元", "万元", "亿元", "千元", "%", "‰", "人", "人次", "个百分点", "百分点", "分"}
)

_CLAUSE_STOP = "，。；：！？、\n,;:!?"
_MAX_CLAUSE = 40
_MAX_LABEL = 16
_MAX_AFTER = 10
_SPLIT_MIN = 4
_MIN_LABEL = 2
_LONG_LABEL = 10

_DATE_RE = re.compile(
    r"(?:截至|截止|至|到)?(?:\d{4}年(?:\d{1,2}月(?:\d{1,2}日)?)?|\d{1,2}月(?:\d{1,2}日)?份?"
    r"|\d{1,2}日)(?:底|初|末|中旬|上旬|下旬|以来|前|后|上半年|下半年)?"
)
_LEAD_STRIP = re.compile(
    r"^(?:截至目前|截止目前|目前|共计|累计|合计|总计|共有|先后|其中|全年|全区|全市|全县|全省|全镇"
    r"|我区|我市|我县|我省|现已|已经|已|并且|并|且|还|又|均|同时|此外|另外|以及|分别|和|与|及"
    r"|对|在|向|为|由|从|将|共|总|去年|今年|当年|年内|有效|成功)"
)
_TRAIL_STRIP = re.compile(
    r"(?:共计|累计|合计|总计|分别为|分别|已达|高达|多达|达到|达|(?<![行作成认因])为|是|共|计|了"
    r"|(?<!目)的|(?<![所拥享具])有|到|等|约|近|已|总数|保持在|保持|维持在|维持)$"
)
# "组织处理" (organisational handling) is a term, not the light verb 组织 + 处理
_LIGHT_VERB = re.compile(r"开展|组织(?!处理)|进行")
_TRAIL_VERB = re.compile(r"(?:已经|已|均)?(?:开展|组织|进行)$")
_AFTER_CUT = re.compile(
    r"开展|进行|实施|完成|实现|入住|签订|具备|参与|参加|接受|享受|提供|获评|获得|通过|围绕|全部"
    r"|精选|确定|选定|逐一|统一|追回|追发|追缴|办理|配齐|上链|开设|全面|深入|逐步|持续|及时"
    r"|纳入|列入|开通|投入|覆盖|达到|达|均|已|被|并|的|累计|共计|先后|组织|召开|开设|制定|出台"
    r"|(?<!公)共(?![享同建治])"
)
# Label words (data). Connectives inside a label: the label is what follows the last one
# ("纪检监察机关共受理群众留言" -> "受理群众留言").
_CONNECTIVE = re.compile(
    r"共计|累计|合计|总计|其中|先后|已经|(?<![公总一])共(?![享同建治有])|已(?!有)"
)
# Subjects that open a clause before its verb ("纪检监察机关推动解决问题" -> "推动解决问题").
_SUBJECT_PREFIX = re.compile(
    r"^(?:各级|各地|各)?(?:纪检监察(?:机关|组织|干部)|牵头(?:部门|单位)|职能部门|有关部门|相关部门)"
)
# Verbs that only make someone act: before a counted noun they add nothing
# ("推动1190家乡镇卫生院…" -> "乡镇卫生院").
_CAUSATIVE = frozenset({"推动", "督促", "推进", "帮助", "指导", "引导", "要求", "动员", "组织"})
# Verbs that open what is counted; a long label (or one after a place phrase "在…") starts at
# the last of them ("引入社会专业力量开设特色课程" -> "开设特色课程").
_HEAD_VERB = re.compile(
    r"开设|新建|新增|建成|排查|检查|查处|追回|追缴|清理|清退|发现|受理|办结|移送|约谈|设置|改造"
    r"|提供|培训|整改"
)
_LOCATIVE = re.compile(r"^(?:在|对|从|向|通过)")
_LONG_HEAD = 12
_MIN_HEAD_REST = 4
_ITEM_MARK = re.compile(
    r"^\s*(?:\d{1,2}[.、．]|[（(][一二三四五六七八九十\d]{1,3}[）)]"
    r"|[一二三四五六七八九十]{1,3}[是、])"
)
_COMMISSION_NAME = re.compile(r"^.{0,10}?(?:纪委|纪工委)(?:.{0,6}?(?:监委|监察委员会))?")
_PAREN_GROUP = re.compile(r"（[^（）]*）|\([^()]*\)")
_QUOTE_PAIRS = (("“", "”"), ("《", "》"), ("「", "」"))
_MAX_QUOTE_SPAN = 20
_TARGET_WINDOW = 6
_TARGET_BEFORE_QUOTE = re.compile(r"目标(?:任务)?(?:为|是)\s*$")
_PERSON_HOURS = 24
_CODE_WORD = 2


@dataclass
class _Raw:
    value: Decimal
    unit: str
    multiplier: Decimal
    base_unit: str
    qualifier: str
    num_start: int
    span_start: int
    end: int
    after_end: int


def _protected_spans(text: str) -> list[tuple[int, int]]:
    """Spans inside 《…》 titles and short quotes, where numbers are not figures."""
    spans: list[tuple[int, int]] = []
    for opening, closing in _QUOTE_PAIRS:
        pos = 0
        while True:
            start = text.find(opening, pos)
            if start < 0:
                break
            end = text.find(closing, start + 1)
            if end < 0:
                break
            newline = text.find("\n", start, end)
            # a quoted target ("目标为“建成乡镇污水处理设施226座”") states a quantity
            quoted_target = opening == "“" and _TARGET_BEFORE_QUOTE.search(
                text[max(0, start - _TARGET_WINDOW) : start]
            )
            if (
                newline < 0
                and not quoted_target
                and (opening == "《" or end - start <= _MAX_QUOTE_SPAN)
            ):
                spans.append((start, end + 1))
            pos = start + 1
    return spans


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(start <= pos < end for start, end in spans)


def _cn_to_int(num: str) -> int | None:
    if "十" in num:
        tens, _, ones = num.partition("十")
        tens_value = _CN_VALUES.get(tens, 0) if tens else 1
        ones_value = _CN_VALUES.get(ones, 0) if ones else 0
        if (tens and tens not in _CN_VALUES) or (ones and ones not in _CN_VALUES):
            return None
        return tens_value * _TEN + ones_value
    return _CN_VALUES.get(num)


def _number_context_ok(text: str, start: int, end: int) -> bool:
    """Rejects ordinals, ranges, codes and dates around the number span ``start:end``."""
    before = text[start - 1] if start > 0 else ""
    after = text[end] if end < len(text) else ""
    if before and (before.isascii() and (before.isalnum() or before in ".-~/_#+")):
        return False
    if before in "第每~～—–－" or text[max(0, start - _CODE_WORD) : start] in ("编号", "序号"):
        return False
    return not (after in "-~～—–－/" and end + 1 < len(text) and text[end + 1].isdigit())


def _arabic_raws(text: str, protected: list[tuple[int, int]]) -> list[_Raw]:
    raws: list[_Raw] = []
    for match in _FIGURE_RE.finditer(text):
        unit = match.group("unit") or ""
        mult = match.group("mult") or ""
        if not unit and not mult:
            continue
        num_start, num_end = match.span("num")
        if not _number_context_ok(text, num_start, num_end) or _inside(num_start, protected):
            continue
        unit_end = match.end("unit") if unit else match.end("mult")
        suffix = match.group("sufq") or ""
        follower = text[unit_end] if unit_end < len(text) else ""
        if unit and follower and follower in _NOT_UNIT_FOLLOWERS.get(unit, ""):
            if not mult:
                continue
            unit, suffix = "", ""
            unit_end = match.end("mult")
        if unit == "分" and follower and re.match(f"[{CJK_RE}]", follower):
            continue
        if (
            unit == "小时"
            and match.group("num") == str(_PERSON_HOURS)
            and re.match(f"[{CJK_RE}]", follower or "a")
        ):
            continue  # "24小时服务热线": an adjective, not a quantity
        try:
            value = Decimal(match.group("num").replace(",", ""))
        except InvalidOperation:
            continue
        multiplier = _MULTIPLIERS.get(mult, Decimal(1))
        if unit in _MONEY_UNITS:
            base_unit, money_mult = _MONEY_UNITS[unit]
            multiplier *= money_mult
        else:
            base_unit = unit
        qualifiers = [
            q for q in (match.group("preq"), match.group("midq"), match.group("midq2")) if q
        ]
        end_for_after = unit_end
        if suffix:
            qualifiers.append(suffix)
            end_for_after = match.end("sufq")
        raws.append(
            _Raw(
                value=value,
                unit=f"{mult}{unit}",
                multiplier=multiplier,
                base_unit=base_unit,
                qualifier="、".join(dict.fromkeys(qualifiers)),
                num_start=num_start,
                span_start=match.start("preq") if match.group("preq") else num_start,
                end=unit_end,
                after_end=end_for_after,
            )
        )
    return raws


def _chinese_raws(text: str, protected: list[tuple[int, int]]) -> list[_Raw]:
    raws: list[_Raw] = []
    for match in _CN_FIGURE_RE.finditer(text):
        start = match.start("num")
        if _inside(start, protected):
            continue
        number = _cn_to_int(match.group("num"))
        if number is None:
            continue
        raws.append(
            _Raw(
                value=Decimal(number),
                unit=match.group("unit"),
                multiplier=Decimal(1),
                base_unit=match.group("unit"),
                qualifier="",
                num_start=start,
                span_start=start,
                end=match.end("unit"),
                after_end=match.end("unit"),
            )
        )
    return raws


def _clause_start(text: str, pos: int, floor: int) -> tuple[int, bool]:
    """Start of the clause that ends at ``pos``; True when it starts inside parentheses."""
    depth = 0
    index = pos - 1
    limit = max(floor, pos - _MAX_CLAUSE)
    while index >= limit:
        ch = text[index]
        if ch in "）)":
            depth += 1
        elif ch in "（(":
            if depth == 0:
                return index + 1, True
            depth -= 1
        elif ch in _CLAUSE_STOP and depth == 0:
            return index + 1, False
        index -= 1
    return limit, False


def _strip_repeat(pattern: re.Pattern[str], label: str, *, keep_min: int = 0) -> str:
    while True:
        new = pattern.sub("", label, count=1)
        if new == label or len(new) < keep_min:
            return label
        label = new


def _clean_label(raw: str) -> tuple[str, bool]:
    """Shortens the phrase before a number; returns (label, ended_with_等)."""
    label = _ITEM_MARK.sub("", raw)
    label = _COMMISSION_NAME.sub("", label)
    label = _PAREN_GROUP.sub("", label)
    label = _DATE_RE.sub("", label)
    digits = list(re.finditer(r"\d+", label))
    if digits:
        rest = label[digits[-1].end() :]
        rest = re.sub(r"^(?:年|月|日|号|个|版|%)?(?:以上|以下|以内|左右|来)?的?", "", rest)
        label = rest
    label = label.strip(" ，、：；“（）().")
    ends_deng = label.endswith("等")
    locative = bool(_LOCATIVE.match(label))
    connectives = list(_CONNECTIVE.finditer(label))
    if connectives:
        rest = label[connectives[-1].end() :]
        if len(_TRAIL_VERB.sub("", _strip_repeat(_TRAIL_STRIP, rest))) >= _MIN_LABEL:
            label = rest
    label = _strip_repeat(_TRAIL_STRIP, label)
    label = _TRAIL_VERB.sub("", label)
    label = _strip_repeat(_LEAD_STRIP, label)
    verbs = list(_LIGHT_VERB.finditer(label))
    if verbs and len(label) - verbs[-1].end() >= _MIN_LABEL:
        label = label[verbs[-1].end() :]
    label = _strip_repeat(_LEAD_STRIP, label, keep_min=_MIN_LABEL)
    label = _strip_repeat(_TRAIL_STRIP, label)
    unsubjected = _SUBJECT_PREFIX.sub("", label)
    if len(unsubjected) >= _MIN_LABEL:
        label = unsubjected
    if "的" in label and len(label) > _LONG_LABEL:
        tail = label.rsplit("的", 1)[1]
        if len(tail) >= _MIN_LABEL:
            label = tail
    if len(label) > _LONG_HEAD or locative:
        heads = [m for m in _HEAD_VERB.finditer(label) if m.start() > 0]
        if heads and len(label) - heads[-1].start() >= _MIN_HEAD_REST:
            label = label[heads[-1].start() :]
    label = _balance_quotes(label)
    if len(label) > _MAX_LABEL:
        label = _balance_quotes(_shorten(label))
    return label, ends_deng


# Where an over-long label may be cut, best first: after 的, after a limiting phrase, after a
# conjunction ("二级及以下公立医疗机构医疗服务总价" -> "公立医疗机构医疗服务总价").
_CUT_AFTER: tuple[tuple[str, ...], ...] = (
    ("的", "之"),
    ("以下", "以上", "以内", "期间", "方面", "领域", "范围内"),
    ("和", "与", "及", "或", "、"),
)


def _shorten(label: str) -> str:
    """The longest tail of ``label`` within ``_MAX_LABEL`` that starts at a word boundary."""
    floor = len(label) - _MAX_LABEL
    for words in _CUT_AFTER:
        cuts = [
            index + len(word)
            for word in words
            for index in range(len(label))
            if label.startswith(word, index) and index + len(word) >= floor
        ]
        cuts = [cut for cut in cuts if len(label) - cut >= _MIN_LABEL]
        if cuts:
            return label[min(cuts) :]
    heads = [m.start() for m in _HEAD_VERB.finditer(label) if m.start() >= floor]
    if heads and len(label) - heads[0] >= _MIN_HEAD_REST:
        return label[heads[0] :]
    return label[-_MAX_LABEL:]


def _balance_quotes(label: str) -> str:
    if "”" in label and label.count("“") < label.count("”"):
        label = label[label.index("”") + 1 :] if label.index("”") < len(label) - 1 else label
        label = label.replace("”", "") if "“" not in label else label
    if label.count("“") > label.count("”"):
        label = label.replace("“", "")
    return label


def _after_noun(text: str, pos: int) -> tuple[str, bool]:
    """The noun after a classifier; True when it ends at a natural boundary (not truncated)."""
    match = re.match(f"[{CJK_RE}“”]{{1,{_MAX_AFTER * 2}}}", text[pos:])
    if not match:
        return "", False
    noun = match.group(0)
    abuts = False
    cut = _AFTER_CUT.search(noun)
    if cut:
        noun = noun[: cut.start()]
    elif re.match(r"\d", text[pos + match.end() :]):
        noun = re.sub(rf"(?:{_PREQ_ALT})$", "", noun)
        noun = re.sub(r"[和与及或、]$", "", noun)
        if len(noun) >= _SPLIT_MIN:
            # "会同8家单位精选9个项目": the words before the next number are that number's verb
            noun = noun[: (len(noun) + 1) // 2]
            abuts = True
    natural = abuts or len(noun) <= _MAX_AFTER
    noun = noun[:_MAX_AFTER]
    noun = _balance_quotes(noun).strip("“”")
    return noun, natural


_LIST_CLAUSES = 4


def _list_head_label(text: str, clause_start: int) -> str:
    """Label of a bare figure in a list "改造55个区块，24个标段，289幢": the words before the first
    number of the list ("改造"), else the previous clause's label."""
    fallback = ""
    for _ in range(_LIST_CLAUSES):
        outer_start, _ = _clause_start(text, clause_start - 1, 0)
        segment = _DATE_RE.sub("", text[outer_start : clause_start - 1])
        head = re.match(r"\D*?(?=\d)", segment)
        if head:
            words, _ = _clean_label(head.group(0))
            if words:
                return words
        if not fallback:
            fallback, _ = _clean_label(segment)
        if outer_start == 0 or text[outer_start - 1] not in "，,":
            break
        clause_start = outer_start
    return fallback


_FOLLOWING = re.compile(
    rf"(?:[\d.,]+(?:万|亿)?(?:{_UNIT_ALT}))*(?P<phrase>[{CJK_RE}]{{2,{_MAX_AFTER}}})(?=[，。；、]|$)"
)


def _following_phrase(text: str, pos: int) -> str:
    """The verb phrase after a figure that has no words before it ("为19户39人办理退费")."""
    match = _FOLLOWING.match(text, pos)
    return match.group("phrase") if match else ""


def extract_figures(text: str, offset: int = 0) -> list[Figure]:
    """All figures of ``text`` in order; ``start``/``end``/``source`` are shifted by ``offset``.

    Never raises for a ``str``.
    """
    protected = _protected_spans(text)
    raws = _arabic_raws(text, protected) + _chinese_raws(text, protected)
    raws.sort(key=lambda raw: raw.num_start)
    figures: list[Figure] = []
    previous_end = 0
    previous_label = ""
    last_end = -1
    for raw in raws:
        if raw.span_start < last_end:
            continue  # overlaps the previous figure
        figure, label, consumed = _build(text, raw, previous_end, previous_label, offset)
        figures.append(figure)
        previous_end = consumed
        previous_label = label
        last_end = raw.end
    return figures


def _build(
    text: str, raw: _Raw, previous_end: int, previous_label: str, offset: int
) -> tuple[Figure, str, int]:
    """The figure, its label and the end of the text it consumed (noun after the unit)."""
    clause_start, in_paren = _clause_start(text, raw.span_start, previous_end)
    raw_before = text[clause_start : raw.span_start]
    before, ends_deng = _clean_label(raw_before)
    if not before and in_paren and clause_start > 0:
        outer_start, _ = _clause_start(text, clause_start - 1, 0)
        before, ends_deng = _clean_label(text[outer_start : clause_start - 1])
    after, abuts = ("", False)
    if raw.base_unit not in _NO_AFTER_NOUN_UNITS:
        after, abuts = _after_noun(text, raw.after_end)
    if after and (
        ends_deng or not before or before in _CAUSATIVE or len(before) + len(after) > _MAX_LABEL
    ):
        label = after
    elif after:
        label = before + after
    else:
        label = before
    between = text[previous_end : raw.span_start]
    chained = previous_label and re.fullmatch(r"[、和及与或]?", between) is not None
    if not label and chained:
        label = previous_label
    if not label and clause_start > 0 and text[clause_start - 1] in "，,":
        label = _list_head_label(text, clause_start)
    if not label and previous_label and "。" not in between:
        label = previous_label
    if not label:
        label = _following_phrase(text, raw.after_end)
    if not label:
        label = re.sub(r"\s+", "", raw_before)[-_MAX_LABEL:]
    source_start = raw.span_start
    if before:
        for probe in (before, before[:2]):
            found = raw_before.rfind(probe)
            if found >= 0:
                source_start = clause_start + found
                break
    after_end = raw.after_end + len(after) if after and label.endswith(after) else raw.end
    source_end = max(raw.end, after_end)
    normalized = raw.value * raw.multiplier
    if normalized == normalized.to_integral_value():
        normalized = normalized.quantize(Decimal(1))
    else:
        normalized = normalized.normalize()
    figure = Figure(
        label=label,
        value=raw.value,
        unit=raw.unit,
        normalized_value=normalized,
        normalized_unit=raw.base_unit,
        qualifier=raw.qualifier,
        source=text[source_start:source_end],
        start=raw.num_start + offset,
        end=raw.end + offset,
    )
    return figure, label, after_end if abuts else raw.after_end  # abuts: noun ended naturally
