"""Totals by indicator code over a jurisdiction's subtree (本级 + 下级), per child, by year.

A campaign's figures are counted from the records when it was run on the system: the figure
registry's counts (`supervision.figures`), the same the announcement, the portal and the API
show, grouped so that a province's hundreds of campaigns cost the same few queries as one. A
campaign imported from an announcement has no records: its intro figures (announced figures,
classified into codes) stand for it; a system campaign's announced figures fill only codes the
registry does not count. Each total says which of the two it adds up (`sources`), so announced
and recorded figures are never added together silently.

A province's totals are the sums of its districts' (and its own campaign's). Rates (满意度) are
never summed.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Q, QuerySet, Sum
from django.http import Http404

from kaimen.campaigns.indicators import BY_CODE, INDICATORS, INTRO_CODES, RATE_CODES
from kaimen.campaigns.models import Campaign, CampaignState, Metric
from kaimen.orgs.models import Organization, OrganizationKind
from kaimen.orgs.selectors import path_q, scope_for
from kaimen.supervision.figures import recorded_figures

Values = dict[str, Decimal]


@dataclass(frozen=True)
class Figure:
    code: str
    label: str
    value: Decimal
    unit: str


def figures(values: Values, codes: Iterable[str] | None = None) -> list[Figure]:
    """Values in the dictionary's order, with their labels and units."""
    wanted = list(codes) if codes is not None else [i.code for i in INDICATORS]
    return [
        Figure(code, str(BY_CODE[code].label), values[code], BY_CODE[code].unit)
        for code in wanted
        if code in values and code in BY_CODE
    ]


def add(into: Values, values: Values) -> None:
    for code, value in values.items():
        if code not in RATE_CODES:
            into[code] = into.get(code, Decimal(0)) + value


ANNOUNCED, RECORDED = "announced", "recorded"
Sources = dict[str, set[str]]  # code → {"announced", "recorded"}: what a total adds up


@dataclass
class CampaignFigures:
    campaign: Campaign
    values: Values = field(default_factory=dict)
    manual: set[str] = field(default_factory=set)  # codes taken from the announced figures

    def sources(self) -> Sources:
        return {code: {ANNOUNCED if code in self.manual else RECORDED} for code in self.values}


def add_sources(into: Sources, figures_: CampaignFigures) -> None:
    for code, kinds in figures_.sources().items():
        into.setdefault(code, set()).update(kinds)


def mixed(sources: Sources) -> list[str]:
    """The codes whose total adds announced and recorded figures together (shown as such)."""
    return [i.code for i in INDICATORS if len(sources.get(i.code, ())) > 1]


def campaign_visibility_for_totals(user: Any) -> Q:
    """Staff see every campaign of their jurisdiction; everyone else published campaigns only."""
    scope = scope_for(user)
    if scope.is_superuser:
        return Q()
    return Q(state=CampaignState.PUBLISHED) | path_q(scope.watch_paths, "issuer__path")


def campaign_figures(campaigns: list[Campaign]) -> dict[int, CampaignFigures]:
    """Figures of many campaigns: the announced figures (one query), then the registry's counts
    of the campaigns run on the system (one query per figure)."""
    result = {c.pk: CampaignFigures(c) for c in campaigns}
    if not campaigns:
        return result
    ids = set(result)
    manual: dict[int, Values] = defaultdict(dict)
    for row in (
        Metric.objects.filter(campaign__in=ids)
        .exclude(code="")
        .order_by()
        .values("campaign_id", "code")
        .annotate(total=Sum("normalized_value"))
    ):
        manual[row["campaign_id"]][row["code"]] = row["total"]
    records = recorded_figures([c for c in campaigns if not c.imported])
    for pk, figures_ in result.items():
        if figures_.campaign.imported:
            figures_.values = dict(manual[pk])
            figures_.manual = set(manual[pk])
            continue
        values = dict(records[pk])
        for code, value in manual[pk].items():
            if code not in values:
                values[code] = value
                figures_.manual.add(code)
        figures_.values = values
    return result


# ---------------------------------------------------------------- roll-up of a jurisdiction


@dataclass
class ChildTotals:
    organization: Organization
    values: Values
    campaigns: int
    sources: Sources = field(default_factory=dict)


@dataclass
class Rollup:
    region: Organization
    year: int | None
    own: list[CampaignFigures]  # campaigns issued by a commission of the region itself
    below: Values  # the sum of every campaign below
    total: Values  # own + below
    children: list[ChildTotals]
    campaigns: list[CampaignFigures]
    sources: Sources = field(default_factory=dict)  # of `total`

    @property
    def own_values(self) -> Values:
        values: Values = {}
        for figures_ in self.own:
            add(values, figures_.values)
        return values

    @property
    def codes(self) -> list[str]:
        present = set(self.total)
        for figures_ in self.own:
            present |= set(figures_.values)
        return [i.code for i in INDICATORS if i.code in present]


def region_for(organization: Organization) -> Organization:
    """The region whose subtree an organization stands for (a commission → its region)."""
    if organization.kind == OrganizationKind.REGION or organization.parent is None:
        return organization
    return organization.parent


def organization_get(pk: int) -> Organization:
    organization = Organization.objects.filter(pk=pk).select_related("parent").first()
    if organization is None:
        raise Http404
    return organization


def campaigns_in(user: Any, region: Organization, year: int | None) -> QuerySet[Campaign]:
    qs = Campaign.objects.filter(
        campaign_visibility_for_totals(user), issuer__path__startswith=region.path
    )
    if year is not None:
        qs = qs.filter(year=year)
    return qs.select_related("issuer").order_by("year", "issuer__path")


def rollup_for(*, user: Any, organization: Organization, year: int | None) -> Rollup:
    """The subtree's totals for `year` (None: all years together), own beside below, and one
    line per child region. Constant number of queries."""
    region = region_for(organization)
    campaigns = list(campaigns_in(user, region, year))
    by_campaign = campaign_figures(campaigns)
    children = list(
        Organization.objects.filter(parent=region, kind=OrganizationKind.REGION).order_by(
            "region_code", "name"
        )
    )
    child_totals = [ChildTotals(child, {}, 0) for child in children]
    own: list[CampaignFigures] = []
    below: Values = {}
    total: Values = {}
    sources: Sources = {}
    for campaign in campaigns:
        figures_ = by_campaign[campaign.pk]
        add(total, figures_.values)
        add_sources(sources, figures_)
        if campaign.issuer.jurisdiction_path == region.path:
            own.append(figures_)
            continue
        add(below, figures_.values)
        for child in child_totals:
            if campaign.issuer.path.startswith(child.organization.path):
                add(child.values, figures_.values)
                add_sources(child.sources, figures_)
                child.campaigns += 1
                break
    return Rollup(
        region=region,
        year=year,
        own=own,
        below=below,
        total=total,
        children=child_totals,
        campaigns=[by_campaign[c.pk] for c in campaigns],
        sources=sources,
    )


def totals_by_year_for(*, user: Any, organization: Organization) -> dict[int, Values]:
    """The subtree's totals for every year that has a campaign, oldest first."""
    region = region_for(organization)
    campaigns = list(campaigns_in(user, region, None))
    by_campaign = campaign_figures(campaigns)
    years: dict[int, Values] = {}
    for campaign in campaigns:
        add(years.setdefault(campaign.year, {}), by_campaign[campaign.pk].values)
    return years


def rollup_regions_for(*, user: Any) -> list[Organization]:
    """The regions a staff member may roll up: those in their watched subtrees, top first."""
    scope = scope_for(user)
    qs = Organization.objects.filter(kind=OrganizationKind.REGION)
    if not scope.is_superuser:
        qs = qs.filter(path_q(scope.watch_paths))
    return list(qs.order_by("path"))


def rollup_years_for(*, user: Any, regions: list[Organization]) -> list[int]:
    """Years with a campaign in any of the regions, newest first."""
    paths = tuple(r.path for r in regions)
    return list(
        Campaign.objects.filter(campaign_visibility_for_totals(user), path_q(paths, "issuer__path"))
        .order_by("-year")
        .values_list("year", flat=True)
        .distinct()
    )


def _chart_value(value: Decimal, unit: str) -> float:
    return float(value / 10000 if unit == "元" else value)


def rollup_chart(rollup: Rollup, by_year: dict[int, Values]) -> dict[str, Any]:
    """The per-child bars of the year (intro codes) and the subtree's totals year by year."""
    codes = [
        c for c in INTRO_CODES if any(c in ch.values for ch in rollup.children) or c in rollup.total
    ]
    return {
        "children": {
            "labels": [ch.organization.name for ch in rollup.children],
            "series": [
                {
                    "name": _series_name(code),
                    "values": [
                        _chart_value(ch.values.get(code, Decimal(0)), BY_CODE[code].unit)
                        for ch in rollup.children
                    ],
                }
                for code in codes
            ],
        },
        "years": {
            "labels": [str(y) for y in sorted(by_year)],
            "series": [
                {
                    "name": _series_name(code),
                    "values": [
                        _chart_value(by_year[y].get(code, Decimal(0)), BY_CODE[code].unit)
                        for y in sorted(by_year)
                    ],
                }
                for code in codes
            ],
        },
    }


def _series_name(code: str) -> str:
    indicator = BY_CODE[code]
    unit = "万元" if indicator.unit == "元" else indicator.unit
    return f"{indicator.label}（{unit}）"
