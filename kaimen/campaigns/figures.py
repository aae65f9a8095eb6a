"""A figure as the announcement wrote it: number, approximation words and unit in their place.

"发放宣传资料60万余份" is shown as "60万余份", "追回资金5000余万元" as "5000余万元", "覆盖近1.5万人次"
as "近1.5万人次". The one place that decides this: the portal, the back office and the import
review all call `figure_as_written`.
"""

import re
from decimal import Decimal, InvalidOperation
from typing import Any

# Approximation words written after the number (300余人, 60万余份, 100人以上); the others come
# before it (近, 超过, 约, 逾).
SUFFIX_QUALIFIERS = ("余", "多", "以上", "左右")
PREFIX_QUALIFIERS = ("超过", "近", "约", "超", "逾", "累计")
_INNER = ("余", "多")  # may sit between the number and a 万/亿 multiplier: 5000余万元
_MULTIPLIERS = ("万亿", "亿", "千万", "百万", "万", "千")


def plain_number(value: Any) -> str:
    """974.6000 → "974.6", 136 → "136" (no trailing zeros, no exponent)."""
    try:
        amount = value if isinstance(value, Decimal) else Decimal(str(value))
    except (InvalidOperation, ValueError):
        return str(value)
    text = f"{amount:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _words(qualifier: str) -> list[str]:
    return [q for q in (qualifier or "").split("、") if q]


def _split_unit(unit: str) -> tuple[str, str]:
    """ "万份" → ("万", "份"); "人次" → ("", "人次")."""
    for multiplier in _MULTIPLIERS:
        if unit.startswith(multiplier) and unit != multiplier:
            return multiplier, unit[len(multiplier) :]
    return "", unit


def _alternatives(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _pattern(number: str, unit: str, qualifier: str) -> re.Pattern[str]:
    """The figure written in a source span, allowing only this figure's own qualifiers."""
    words = _words(qualifier)
    prefix = _alternatives([w for w in words if w not in SUFFIX_QUALIFIERS])
    inner = _alternatives([w for w in words if w in _INNER])
    trailing = _alternatives([w for w in words if w in SUFFIX_QUALIFIERS and w not in _INNER])
    digits = ",?".join(re.escape(ch) for ch in number)  # 1200 is also written 1,200
    multiplier, rest = _split_unit(unit)
    parts = [f"(?:{prefix})?" if prefix else "", rf"(?<![0-9.,]){digits}(?![0-9.])"]
    if inner:
        parts.append(f"(?:{inner})?")
    if multiplier:
        parts.append(re.escape(multiplier))
        if inner:
            parts.append(f"(?:{inner})?")
    parts.append(re.escape(rest))
    if trailing:
        parts.append(f"(?:{trailing})?")
    return re.compile("".join(parts))


def figure_span(source: str, *, value: Any, unit: str, qualifier: str) -> tuple[int, int] | None:
    """Where the figure sits in `source` ("发放宣传资料60万余份" → (6, 11)), if written there
    with all its qualifiers; None otherwise (the source was not kept, or the figure corrected)."""
    if not source:
        return None
    for match in _pattern(plain_number(value), unit or "", qualifier).finditer(source):
        if all(word in match.group() for word in _words(qualifier)):
            return match.span()
    return None


def figure_as_written(*, value: Any, unit: str, qualifier: str = "", source: str = "") -> str:
    """The figure as written: exactly the source's span when the source has it, otherwise in the
    natural order: 近/约/超过/逾 before the number, 余/多 after the number (after a 万/亿
    multiplier: 60万余份), 以上/左右 after the unit."""
    unit = unit or ""
    span = figure_span(source, value=value, unit=unit, qualifier=qualifier)
    if span is not None:
        return source[span[0] : span[1]]
    words = _words(qualifier)
    before = "".join(w for w in words if w not in SUFFIX_QUALIFIERS)
    inner = "".join(w for w in words if w in _INNER)
    after = "".join(w for w in words if w in SUFFIX_QUALIFIERS and w not in _INNER)
    multiplier, rest = _split_unit(unit)
    return f"{before}{plain_number(value)}{multiplier}{inner}{rest}{after}"


def metric_as_written(metric: Any) -> str:
    """`figure_as_written` of a Metric (or anything with value, unit, qualifier, source_text)."""
    return figure_as_written(
        value=metric.value,
        unit=metric.unit,
        qualifier=metric.qualifier,
        source=metric.source_text,
    )


def figure_parts(written: str) -> tuple[str, str, str]:
    """A written figure cut around its number, for styling: "近1.5万人次" → ("近", "1.5", "万人次")."""
    match = re.search(r"[0-9][0-9.,]*", written)
    if match is None:
        return "", written, ""
    return written[: match.start()], match.group(), written[match.end() :]


def achievement_text(target: Any) -> str:
    """A target's achievement as one line: "71 / 60 = 118 %" (actual / target = ratio); the
    actual alone where no ratio applies ("≤ 5": "3 / 5"); "" before anything is reported. The
    one way the project page, the API and open data write it."""
    if target.actual_value is None:
        return ""
    text = f"{plain_number(target.actual_value)} / {plain_number(target.target_value)}"
    ratio = target.ratio
    return f"{text} = {plain_number(ratio)} %" if ratio is not None else text
