"""A theme's figures year by year (e.g. anti-fraud money recovered 2022 → 2024), from the
published projects' figures by theme and indicator code. Public: only published projects."""

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Avg, Count, Q, Sum

from kaimen.campaigns.indicators import BY_CODE, INDICATORS, RATE_CODES
from kaimen.campaigns.models import PUBLIC_PROJECT_STATES, Metric, Project, Theme
from kaimen.campaigns.selectors import PUBLIC_CAMPAIGN_STATES
from kaimen.orgs.models import Organization


@dataclass(frozen=True)
class Series:
    code: str
    label: str
    unit: str
    values: dict[int, Decimal]  # year → value (sum; mean for rates)


@dataclass(frozen=True)
class ThemeTrend:
    theme: str
    theme_label: str
    region: Organization | None
    years: list[int]
    series: list[Series]
    projects: list[Project]


def _public_projects(region: Organization | None) -> Q:
    q = Q(state__in=PUBLIC_PROJECT_STATES, campaign__state__in=PUBLIC_CAMPAIGN_STATES)
    if region is not None:
        q &= Q(campaign__issuer__path__startswith=region.path)
    return q


def theme_trend(*, theme: str, region: Organization | None = None) -> ThemeTrend:
    """Two queries: the figures grouped by year and code, and the projects behind them."""
    projects = list(
        Project.objects.filter(_public_projects(region), theme=theme)
        .select_related("campaign__issuer")
        .order_by("campaign__year", "campaign__issuer__path", "position")
    )
    rows = (
        Metric.objects.filter(project__in=[p.pk for p in projects])
        .exclude(code="")
        .order_by()
        .values("project__campaign__year", "code")
        .annotate(total=Sum("normalized_value"), mean=Avg("normalized_value"), n=Count("pk"))
    )
    by_code: dict[str, dict[int, Decimal]] = {}
    for row in rows:
        value = row["mean"] if row["code"] in RATE_CODES else row["total"]
        by_code.setdefault(row["code"], {})[row["project__campaign__year"]] = Decimal(value)
    years = sorted({p.campaign.year for p in projects})
    series = [
        Series(i.code, str(i.label), i.unit, by_code[i.code])
        for i in INDICATORS
        if i.code in by_code
    ]
    return ThemeTrend(
        theme=theme,
        theme_label=str(Theme(theme).label),
        region=region,
        years=years,
        series=series,
        projects=projects,
    )


def theme_counts() -> dict[str, int]:
    """Published projects per theme (for the list of themes)."""
    return {
        row["theme"]: row["n"]
        for row in Project.objects.filter(_public_projects(None))
        .order_by()
        .values("theme")
        .annotate(n=Count("pk"))
    }


def series_chart(trend: ThemeTrend) -> dict[str, Any]:
    """What the chart script needs: years, and per series its label, unit and values."""
    return {
        "years": [str(y) for y in trend.years],
        "series": [
            {
                "code": s.code,
                "name": f"{s.label}（{_display_unit(s.unit)}）",
                "unit": _display_unit(s.unit),
                "values": [_display_value(s.values.get(y), s.unit) for y in trend.years],
            }
            for s in trend.series
        ],
    }


def _display_unit(unit: str) -> str:
    return "万元" if unit == "元" else unit


def _display_value(value: Decimal | None, unit: str) -> float | None:
    if value is None:
        return None
    if unit == "元":
        return float((value / 10000).quantize(Decimal("0.01")))
    return float(value.quantize(Decimal("0.01")))


__all__ = ["BY_CODE", "Series", "ThemeTrend", "series_chart", "theme_counts", "theme_trend"]
