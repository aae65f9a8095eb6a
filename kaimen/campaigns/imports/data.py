"""The parsed announcement as data: figures, projects, the JSON kept in an ImportRun."""

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _

from kaimen.campaigns.imports.common import DEFAULT_CAMPAIGN_TITLE, MAX_YEAR, MIN_YEAR
from kaimen.campaigns.imports.units import lead_unit_split
from kaimen.core.errors import ApplicationError
from kaimen.importer import (
    Figure,
    ParsedAnnouncement,
)

_STORED_PLACES = Decimal("0.000001")  # Metric.value keeps six decimal places
_TARGET_PLACES = Decimal("0.0001")  # Target values keep four


@dataclass(frozen=True)
class FigureData:
    """A figure as it will be stored: as written and normalised (974.6 万元 → 9746000 元)."""

    label: str
    value: Decimal
    unit: str
    normalized_value: Decimal
    normalized_unit: str
    qualifier: str = ""
    source: str = ""
    outcome: int | None = None  # index of the outcome item it was read from; None: the goal

    def key(self) -> tuple[object, ...]:
        """What is stored of it (Metric keeps six decimal places), for comparing with the records."""
        return (
            self.label[:200],
            self.value.quantize(_STORED_PLACES),
            self.unit[:20],
            self.normalized_value.quantize(_STORED_PLACES),
            self.normalized_unit[:20],
            self.qualifier[:10],
            self.outcome,
        )


@dataclass(frozen=True)
class TargetData:
    """A quantified target read from the text: 60 个, actual 71 (118 %)."""

    label: str
    target_value: Decimal
    unit: str
    actual_value: Decimal | None

    def key(self) -> tuple[object, ...]:
        """What is stored of it (Target keeps four decimal places)."""
        actual = None if self.actual_value is None else self.actual_value.quantize(_TARGET_PLACES)
        return (
            self.label[:200],
            self.target_value.quantize(_TARGET_PLACES),
            self.unit[:20],
            actual,
        )


@dataclass(frozen=True)
class ProjectData:
    title: str
    lead_units: tuple[str, ...]
    goal: str
    outcomes: tuple[tuple[str, str], ...]
    metrics: tuple[FigureData, ...]
    targets: tuple[TargetData, ...] = ()


@dataclass(frozen=True)
class AnnouncementData:
    year: int
    title: str
    intro: str
    totals: tuple[FigureData, ...]
    projects: tuple[ProjectData, ...]


_MULTIPLIERS = (("万亿", Decimal(10) ** 12), ("亿", Decimal(10) ** 8), ("万", Decimal(10) ** 4))


def figure_normalize(value: Decimal, unit: str) -> tuple[Decimal, str]:
    """Apply a 万/亿 multiplier of the unit: (974.6, 万元) → (9746000, 元)."""
    unit = unit.strip()
    if unit == "千元":
        return value * 1000, "元"
    for prefix, factor in _MULTIPLIERS:
        if unit.startswith(prefix):
            return value * factor, unit[len(prefix) :]
    return value, unit


def json_number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def _figure_json(figure: Figure, outcome: int | None) -> dict[str, Any]:
    return {
        "label": figure.label,
        "value": json_number(figure.normalized_value),
        "unit": figure.normalized_unit,
        "written_value": str(figure.value),
        "written_unit": figure.unit,
        "qualifier": figure.qualifier,
        "source": figure.source,
        "start": figure.start,
        "end": figure.end,
        "outcome": outcome,
    }


def announcement_to_json(parsed: ParsedAnnouncement) -> dict[str, Any]:
    """`parsed.to_json_dict()` plus what review, correction and storage need (see module doc)."""
    data: dict[str, Any] = dict(parsed.to_json_dict())
    data["title"] = parsed.title
    data["intro"] = parsed.intro
    data["intro_totals"] = [_figure_json(f, None) for f in parsed.intro_totals]
    projects: list[dict[str, Any]] = []
    for item, project in zip(data["projects"], parsed.projects, strict=True):
        outcome_of = {
            (f.start, f.end): index
            for index, outcome in enumerate(project.outcomes)
            for f in outcome.figures
        }
        projects.append(
            {
                **item,
                "metrics": [
                    _figure_json(f, outcome_of.get((f.start, f.end))) for f in project.figures
                ],
                "start": project.start,
                "end": project.end,
            }
        )
    data["projects"] = projects
    return data


def _text(raw: Mapping[str, Any], key: str) -> str:
    value = raw.get(key)
    return value.strip() if isinstance(value, str) else ""


def parse_decimal(value: object, field: str) -> Decimal:
    try:
        number = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        raise ApplicationError(
            _("“%s”不是有效的数字。") % value, code="invalid_number", field=field
        ) from None
    if not number.is_finite() or abs(number) >= Decimal(10) ** 19:
        raise ApplicationError(_("数值超出范围。"), code="invalid_number", field=field)
    return number


def _figure_data(raw: object, field: str, outcomes: int) -> FigureData:
    if not isinstance(raw, Mapping):
        raise ApplicationError(_("数据格式不正确。"), code="invalid", field=field)
    label = _text(raw, "label")
    if not label:
        raise ApplicationError(_("请填写数据的名称。"), code="required", field=f"{field}.label")
    normalized_value = parse_decimal(raw.get("value"), f"{field}.value")
    normalized_unit = _text(raw, "unit")
    if raw.get("written_value") is not None:
        value = parse_decimal(raw["written_value"], f"{field}.value")
        unit = _text(raw, "written_unit")
    else:
        value, unit = normalized_value, normalized_unit
    outcome = raw.get("outcome")
    if not isinstance(outcome, int) or not 0 <= outcome < outcomes:
        outcome = None
    return FigureData(
        label=label,
        value=value,
        unit=unit,
        normalized_value=normalized_value,
        normalized_unit=normalized_unit,
        qualifier=_text(raw, "qualifier"),
        source=_text(raw, "source"),
        outcome=outcome,
    )


def _target_data(raw: Any, field: str) -> TargetData:
    if not isinstance(raw, Mapping):
        raise ApplicationError(_("目标格式不正确。"), code="invalid", field=field)
    actual = raw.get("actual")
    return TargetData(
        label=_text(raw, "label")[:200] or _("目标"),
        target_value=parse_decimal(raw.get("target"), f"{field}.target"),
        unit=_text(raw, "unit")[:20],
        actual_value=None if actual is None else parse_decimal(actual, f"{field}.actual"),
    )


def _campaign_title(raw_title: str) -> str:
    """The campaign's name from the announcement's headline (without 工作成果 / 公布 …)."""
    title = raw_title.strip()
    for prefix in ("区纪委区监委公布", "纪委监委公布", "公布"):
        if prefix in title:
            title = title.split(prefix, 1)[1].strip()
    for suffix in ("工作成果", "成果", "工作"):
        title = title.removesuffix(suffix)
    return title.strip()[:200] or DEFAULT_CAMPAIGN_TITLE


def announcement_data(parsed: Mapping[str, Any]) -> AnnouncementData:
    """Validate a parsed (and maybe corrected) announcement; errors name the field at fault."""
    year = parsed.get("year")
    if not isinstance(year, int) or isinstance(year, bool) or not MIN_YEAR <= year <= MAX_YEAR:
        raise ApplicationError(
            _("未能识别公告的年度，请在“年度”中填写。"), code="year_missing", field="year"
        )
    raw_projects = parsed.get("projects") or []
    if not isinstance(raw_projects, list):
        raise ApplicationError(_("项目格式不正确。"), code="invalid", field="projects")
    # a text without recognised projects still brings its totals (once a person confirms)
    if not raw_projects and not parsed.get("intro_totals"):
        raise ApplicationError(
            _("没有识别出任何治理项目或总体数据，没有可导入的内容。"),
            code="nothing_to_import",
            field="projects",
        )
    projects = []
    for index, raw in enumerate(raw_projects):
        prefix = f"projects.{index}"
        if not isinstance(raw, Mapping):
            raise ApplicationError(_("项目格式不正确。"), code="invalid", field=prefix)
        title = _text(raw, "title")
        if not title:
            raise ApplicationError(
                _("第 %d 个项目缺少名称。") % (index + 1), code="required", field=f"{prefix}.title"
            )
        units = tuple(
            dict.fromkeys(
                unit
                for written in raw.get("lead_units") or []
                for unit in lead_unit_split(str(written))
            )
        )
        outcomes = tuple(
            (_text(o, "headline"), _text(o, "body"))
            for o in raw.get("outcomes") or []
            if isinstance(o, Mapping) and (_text(o, "headline") or _text(o, "body"))
        )
        metrics = tuple(
            _figure_data(m, f"{prefix}.metrics.{i}", len(outcomes))
            for i, m in enumerate(raw.get("metrics") or [])
        )
        projects.append(
            ProjectData(
                title=title[:200],
                lead_units=units,
                goal=_text(raw, "goal"),
                outcomes=tuple((h[:300] or b[:60], b) for h, b in outcomes),
                metrics=metrics,
                targets=tuple(
                    _target_data(t, f"{prefix}.targets.{i}")
                    for i, t in enumerate(raw.get("targets") or [])
                ),
            )
        )
    totals = tuple(
        _figure_data(m, f"intro_totals.{i}", 0)
        for i, m in enumerate(parsed.get("intro_totals") or [])
    )
    return AnnouncementData(
        year=year,
        title=_campaign_title(_text(parsed, "title")),
        intro=_text(parsed, "intro"),
        totals=totals,
        projects=tuple(projects),
    )
