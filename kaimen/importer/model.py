"""Dataclasses produced by the announcement importer (pure Python, no Django).

All offsets (``start``/``end``) refer to :attr:`ParsedAnnouncement.text`, the normalised text
returned by :func:`kaimen.importer.text.normalize_text`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal


def decimal_to_json(value: Decimal) -> int | float:
    """A JSON number for ``value``: ``int`` when integral, else ``float``."""
    if value == value.to_integral_value():
        return int(value)
    return float(value)


@dataclass(frozen=True)
class Figure:
    """One quantity read from the text, e.g. ``追赃974.6万元``."""

    label: str
    """Shortest phrase before the number saying what is counted (``追赃``, ``督导检查``)."""
    value: Decimal
    """The number as written (``974.6``)."""
    unit: str
    """The unit as written, multiplier included (``万元``, ``万人次``, ``%``)."""
    normalized_value: Decimal
    """Value with 万/亿/千 applied (``9746000``)."""
    normalized_unit: str
    """Unit without multiplier (``元``); ``""`` for a bare 万/亿 count."""
    qualifier: str
    """``""`` or the approximation words dropped from the value (余, 多, 近, 超过, 以上, 约…).

    Two qualifiers on one figure (``近1.5万余人次``) are joined with ``、`` (``近、余``)."""
    source: str
    """The matched text as it appears in the normalised text (``追赃974.6万元``)."""
    start: int
    """Offset of the number+unit span in the normalised text."""
    end: int

    def to_json_dict(self) -> dict[str, object]:
        """``{"label", "value", "unit"}`` with the normalised value and unit."""
        return {
            "label": self.label,
            "value": decimal_to_json(self.normalized_value),
            "unit": self.normalized_unit,
        }


@dataclass
class OutcomeItem:
    """One numbered outcome (治理成果) item: a headline and a body."""

    position: int
    headline: str
    """First sentence of the item, without its final ``。``."""
    body: str
    figures: list[Figure] = field(default_factory=list)


@dataclass(frozen=True)
class Target:
    """A quantified target and what was achieved (``目标(60个)…建成71个`` → 60, 71, 118 %)."""

    label: str
    value: Decimal
    """Target value, normalised like :attr:`Figure.normalized_value`."""
    unit: str
    actual: Decimal | None
    """The achieved value when the text states one, else ``None``."""
    achievement: Decimal | None
    """Completion in percent: as written (``的118%``) or ``actual / value``."""
    source: str
    start: int

    def to_json_dict(self) -> dict[str, object]:
        return {
            "label": self.label,
            "target": decimal_to_json(self.value),
            "unit": self.unit,
            "actual": None if self.actual is None else decimal_to_json(self.actual),
            "achievement": None if self.achievement is None else decimal_to_json(self.achievement),
        }


@dataclass
class FeedbackItem:
    """One problem fed back by an inspection tour and how it was rectified (巡视整改)."""

    position: int
    title: str
    """The problem as fed back (``落实整改主体责任不够到位``)."""
    measures: list[str]
    """The rectification measures (``（一）…``), each as written."""
    start: int = 0
    end: int = 0


@dataclass
class ParsedProject:
    """One governance project (治理项目) of an announcement."""

    position: int
    title: str
    lead_units: list[str]
    goal: str | None
    outcomes: list[OutcomeItem]
    figures: list[Figure]
    """All figures of the project: goal first, then outcomes, in text order."""
    start: int
    end: int
    targets: list[Target] = field(default_factory=list)


@dataclass
class ParsedAnnouncement:
    """What could be read from one results announcement, plus warnings."""

    text: str
    title: str
    issuer: str
    year: int | None
    intro: str
    intro_totals: list[Figure]
    projects: list[ParsedProject]
    warnings: list[str]
    kind: str = "results"
    """``results`` (成果公布), ``news`` (a news report of results), ``tour_progress``
    (巡视/巡察整改进展情况的通报) or ``other``."""
    declared_counts: list[Figure] = field(default_factory=list)
    """Scope declarations of the introduction (``会同8家单位``, ``精选9个项目``): they say how
    the campaign was set up, not what it achieved (they stay in :attr:`intro_totals` too)."""
    feedback_items: list[FeedbackItem] = field(default_factory=list)
    """A tour progress report's fed-back problems with their measures."""

    def to_json_dict(self) -> dict[str, object]:
        """The JSON shape the Django side stores (values normalised)."""
        return {
            "kind": self.kind,
            "issuer": self.issuer,
            "year": self.year,
            "intro_totals": [fig.to_json_dict() for fig in self.intro_totals],
            "declared_counts": [fig.to_json_dict() for fig in self.declared_counts],
            "projects": [
                {
                    "title": project.title,
                    "lead_units": list(project.lead_units),
                    "goal": project.goal,
                    "outcomes": [
                        {"headline": item.headline, "body": item.body} for item in project.outcomes
                    ],
                    "metrics": [fig.to_json_dict() for fig in project.figures],
                    "targets": [target.to_json_dict() for target in project.targets],
                }
                for project in self.projects
            ],
            "feedback_items": [
                {
                    "title": item.title,
                    "measures": [{"text": text} for text in item.measures],
                }
                for item in self.feedback_items
            ],
            "warnings": list(self.warnings),
        }
