"""Figures of the announcements on the portal: a Metric as written, highlighted in its source
text, and the campaign's page title as the seeds write it."""

import re
from collections.abc import Iterable
from typing import Any

from django import template
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
from kaimen.core.format import number

register = template.Library()

_DIGIT = re.compile(r"[0-9.]")
_NUMBER = re.compile(r"[0-9][0-9.,]*")


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
