"""Chinese conventions for the portal: dates, 万元 amounts, section numerals, figure highlights."""

import re
from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

import cn2an
from django import template
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from kaimen.campaigns.figures import (
    PREFIX_QUALIFIERS,
    figure_as_written,
    figure_parts,
    figure_span,
    metric_as_written,
)

register = template.Library()

_WAN = Decimal(10000)
_DIGIT = re.compile(r"[0-9.]")
_NUMBER = re.compile(r"[0-9][0-9.,]*")


def _to_decimal(value: Any) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        return value if isinstance(value, Decimal) else Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


@register.filter
def number(value: Any) -> str:
    """A figure as people write it: no trailing zeros, no exponent (974.6, 136, 0.5)."""
    amount = _to_decimal(value)
    if amount is None:
        return ""
    text = f"{amount:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


@register.filter
def grouped(value: Any) -> str:
    """A large figure with thousands separators (9,746,000)."""
    amount = _to_decimal(value)
    if amount is None:
        return ""
    whole, _sep, fraction = number(amount).partition(".")
    sign = "-" if whole.startswith("-") else ""
    whole = f"{int(whole.lstrip('-')):,}"
    return f"{sign}{whole}.{fraction}" if fraction else f"{sign}{whole}"


@register.filter
def wanyuan(value: Any) -> str:
    """An amount in 元 shown in 万元, as the announcements write it (9746000 → "974.6万元")."""
    amount = _to_decimal(value)
    if amount is None:
        return ""
    return _("%(amount)s万元") % {"amount": number(amount / _WAN)}


@register.filter
def cn_date(value: date | datetime | None) -> str:
    """2024年5月1日 (datetimes in local time)."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
    return _("%(year)d年%(month)d月%(day)d日") % {
        "year": value.year,
        "month": value.month,
        "day": value.day,
    }


@register.filter
def cn_datetime(value: datetime | None) -> str:
    """2024年5月1日 14:05."""
    if value is None:
        return ""
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    return f"{cn_date(local)} {local:%H:%M}"


@register.filter
def cn_numeral(value: Any) -> str:
    """Section numerals of the announcements: 1 → 一, 10 → 十, 13 → 十三."""
    try:
        index = int(value)
    except (TypeError, ValueError):
        return ""
    if index < 0:
        return str(index)
    return str(cn2an.an2cn(index))


@register.filter
def percent(value: Any) -> str:
    amount = _to_decimal(value)
    return "" if amount is None else f"{number(amount)}%"


@register.filter
def figure_written(metric: Any) -> str:
    """A Metric as the announcement wrote it (60万余份, 5000余万元, 近1.5万人次)."""
    return metric_as_written(metric)


@register.filter
def figure_split(metric: Any) -> tuple[str, str, str]:
    """A Metric as written, cut around its number for styling: ("近", "1.5", "万人次")."""
    return figure_parts(metric_as_written(metric))


def figure_value(metric: Any) -> str:
    """Deprecated (the value without its unit cannot place 余 in 60万余份): use
    `kaimen.campaigns.figures.metric_as_written`. Kept, not registered, for callers outside
    this app until they switch."""
    before, number, after = figure_parts(
        figure_as_written(value=metric.value, unit="", qualifier=metric.qualifier)
    )
    return f"{before}{number}{after}"


@register.filter
def shows_normalized(metric: Any) -> bool:
    """Whether the normalised form says something the written one does not (974.6万元)."""
    return bool(metric.unit != metric.normalized_unit or metric.value != metric.normalized_value)


def _cuts_number(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] would start or end inside a number (2个 inside 12个)."""
    before = start > 0 and text[start].isdigit() and bool(_DIGIT.match(text[start - 1]))
    after = end < len(text) and text[end - 1].isdigit() and bool(_DIGIT.match(text[end]))
    return before or after


def _figure_span(source: str, metric: Any) -> tuple[int, int]:
    """Where the figure itself sits inside its source text: "追赃974.6万元" → "974.6万元".

    The number, with the unit and approximation words written around it (300余人, 60万余份,
    近1.5万人次), as `figure_as_written` shows it; failing that, the first number and the unit
    and qualifier characters around it; the whole source when it has no Arabic digits (两个战场).
    """
    span = figure_span(source, value=metric.value, unit=metric.unit, qualifier=metric.qualifier)
    if span is not None:
        return span
    match = _NUMBER.search(source)
    if match is None:
        return 0, len(source)
    around = set(metric.unit or "") | set((metric.qualifier or "").replace("、", ""))
    start, end = match.span()
    while end < len(source) and source[end] in around:
        end += 1
    for word in PREFIX_QUALIFIERS:
        if source[:start].endswith(word) and word in (metric.qualifier or ""):
            start -= len(word)
            break
    return start, end


def _figure_spans(text: str, metric: Any) -> list[tuple[int, int, str]]:
    """Every occurrence of the metric in `text`, as (start, end, label) of its figure."""
    found: list[tuple[int, int, str]] = []
    for candidate in (metric.source_text, f"{number(metric.value)}{metric.unit}"):
        if not candidate or not candidate.strip():
            continue
        inner_start, inner_end = _figure_span(candidate, metric)
        at = text.find(candidate)
        while at != -1:
            if not _cuts_number(text, at, at + len(candidate)):
                found.append((at + inner_start, at + inner_end, metric.label))
            at = text.find(candidate, at + 1)
        if found:
            break
    return found


@register.filter
def highlight_figures(text: str | None, metrics: Iterable[Any] | None) -> SafeString:
    """Escape `text` and wrap each metric's figure in <mark class="figure-chip">.

    Each metric is found by its source text ("追赃974.6万元", what the importer matched) and the
    mark covers the figure inside it ("974.6万元"), titled with the metric's label. A metric whose
    source text is not in `text` (the importer reads a normalised copy) is found by its value and
    unit as written. Everything else is escaped.
    """
    text = text or ""
    spans: list[tuple[int, int, str]] = []
    for metric in metrics or ():
        for start, end, label in _figure_spans(text, metric):
            if not any(start < t_end and t_start < end for t_start, t_end, _l in spans):
                spans.append((start, end, label))
    parts: list[str] = []
    position = 0
    for start, end, label in sorted(spans):
        parts.append(escape(text[position:start]))
        title = f' title="{escape(label)}"' if label else ""
        parts.append(f'<mark class="figure-chip"{title}>{escape(text[start:end])}</mark>')
        position = end
    parts.append(escape(text[position:]))
    return mark_safe("".join(parts))  # noqa: S308 - every piece of text is escaped above


@register.filter
def paragraphs(text: str | None) -> SafeString:
    """Each line of a text as an escaped paragraph (intros and goals are written line by line)."""
    lines = [line.strip() for line in (text or "").splitlines()]
    return mark_safe("".join(f"<p>{escape(line)}</p>" for line in lines if line))  # noqa: S308


@register.simple_tag
def campaign_heading(campaign: Any) -> str:
    """The page title the seeds use: 定海区纪委监委公布2024年漠视侵害群众利益问题专项治理工作成果."""
    title = campaign.title.strip()
    issuer = campaign.issuer.name
    year_prefix = f"{campaign.year}年"
    title = title.removeprefix(issuer).removeprefix(year_prefix).strip()
    if campaign.state == "published":
        title = title.removesuffix("工作成果").removesuffix("成果")
        return _("%(issuer)s公布%(year)d年%(title)s工作成果") % {
            "issuer": issuer,
            "year": campaign.year,
            "title": title,
        }
    if campaign.state == "running":
        return _("%(issuer)s%(year)d年%(title)s（治理中）") % {
            "issuer": issuer,
            "year": campaign.year,
            "title": title,
        }
    return _("%(issuer)s%(year)d年%(title)s") % {
        "issuer": issuer,
        "year": campaign.year,
        "title": title,
    }
