"""The review page: the source text with every figure marked, beside the parsed structure."""

import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from kaimen.campaigns.figures import figure_as_written
from kaimen.campaigns.models import (
    ImportRun,
)
from kaimen.importer.paragraphs import paragraphs


@dataclass(frozen=True)
class Segment:
    """A piece of the source text; `figure_id` set when it is a figure to highlight."""

    text: str
    figure_id: str = ""
    title: str = ""
    kind: str = ""


def _plain(value: object) -> str:
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return str(value)
    text = f"{number.normalize():f}"
    return text


def _figure_view(raw: Mapping[str, Any], figure_id: str) -> dict[str, Any]:
    written = figure_as_written(
        value=raw.get("written_value", raw.get("value")),
        unit=str(raw.get("written_unit", raw.get("unit", "")) or ""),
        qualifier=str(raw.get("qualifier") or ""),
        source=str(raw.get("source") or ""),
    )
    plain = f"{_plain(raw.get('written_value', raw.get('value')))}{raw.get('written_unit', raw.get('unit', ''))}"
    normalized = f"{_plain(raw.get('value'))}{raw.get('unit', '')}"
    return {
        **raw,
        "id": figure_id,
        "written": written,
        "normalized": normalized if normalized != plain else "",
    }


def source_segments(text: str, marks: list[tuple[int, int, str, str, str]]) -> list[Segment]:
    """Cut the source into plain pieces and highlighted figures (by offsets; overlaps skipped)."""
    segments: list[Segment] = []
    cursor = 0
    for start, end, figure_id, title, kind in sorted(marks):
        if start < cursor or end <= start or end > len(text):
            continue
        if start > cursor:
            segments.append(Segment(text[cursor:start]))
        segments.append(Segment(text[start:end], figure_id, title, kind))
        cursor = end
    if cursor < len(text):
        segments.append(Segment(text[cursor:]))
    return segments


def review_context(run: ImportRun) -> dict[str, Any]:
    """What the review page shows: the highlighted source and the parsed structure."""
    parsed = run.parsed
    marks: list[tuple[int, int, str, str, str]] = []

    def figure(raw: Mapping[str, Any], figure_id: str, kind: str) -> dict[str, Any]:
        view = _figure_view(raw, figure_id)
        if isinstance(raw.get("start"), int) and isinstance(raw.get("end"), int):
            marks.append(
                (raw["start"], raw["end"], figure_id, f"{view['label']}：{view['written']}", kind)
            )
        return view

    totals = [figure(f, f"t{i}", "total") for i, f in enumerate(parsed.get("intro_totals") or [])]
    projects = []
    for number, raw in enumerate(parsed.get("projects") or [], start=1):
        figures = [
            figure(m, f"p{number}-{j}", "metric") for j, m in enumerate(raw.get("metrics") or [])
        ]
        outcomes = [
            {**o, "figures": [f for f in figures if f.get("outcome") == index]}
            for index, o in enumerate(raw.get("outcomes") or [])
        ]
        projects.append(
            {
                **raw,
                "position": number,
                "outcomes": outcomes,
                "goal_figures": [f for f in figures if f.get("outcome") is None],
                "figure_count": len(figures),
            }
        )
    figure_choices = [
        (f"0:{index}", f"{_('总体数据')}：{view['label']} {view['written']}")
        for index, view in enumerate(totals)
    ] + [
        (
            f"{project['position']}:{index}",
            f"{_('项目')}{project['position']}：{raw.get('label', '')} "
            f"{_figure_view(raw, '')['written']}",
        )
        for project in projects
        for index, raw in enumerate(project.get("metrics") or [])
    ]
    return {
        "run": run,
        "parsed": parsed,
        "totals": totals,
        "projects": projects,
        "warnings": [reader_warning(w) for w in parsed.get("warnings") or []],
        "segments": source_segments(run.source_text, marks),
        "lines": [
            (index, para.text[:_LINE_CHOICE])
            for index, para in enumerate(paragraphs(run.source_text))
        ],
        "figure_choices": figure_choices,
    }


_LINE_CHOICE = 40


def reader_warning(warning: str) -> str:
    """A parser warning ("中文。 / English.") in the reader's language only."""
    parts = _LANGUAGES.split(str(warning), maxsplit=1)
    if len(parts) != 2:  # noqa: PLR2004
        return str(warning)
    chinese, english = parts
    return english.strip() if (get_language() or "").startswith("en") else chinese.strip()


# the parser writes each warning in Chinese, then " / ", then in English
_LANGUAGES = re.compile(r"\s?/\s(?=[A-Z(])")
