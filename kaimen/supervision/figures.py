"""The figure registry: one definition per campaign figure a commission publishes.

督导检查 N 次, 查处腐败和作风问题 N 个, 批评教育帮助和处理 N 人 … each figure has one code (the
indicator dictionary's, `campaigns.indicators`), and one count from the records here. The
announcement draft, the portal, the dashboard, the roll-up, the league table, open data and the
API all read these counts, so one figure is the same number everywhere.

Which campaign a record belongs to — one rule for every figure:
  * a record linked to a project belongs to that project's campaign (an accountability record
    without a project of its own, to its problem's project's campaign);
  * a record linked to no project belongs to the campaign of its commission whose period holds the
    record's date;
never both: a record dated 2025 but linked to a 2024 project counts for 2024 only.

Each count takes many campaigns at once and costs one query whatever their number, so a
province's hundreds of campaigns cost what one does. Dates are compared as ranges (indexable).
"""

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Case, Count, Expression, F, Q, QuerySet, Sum, When
from django.db.models.functions import Coalesce, ExtractYear
from django.utils.functional import Promise

from kaimen.campaigns.indicators import BY_CODE
from kaimen.campaigns.models import Campaign, Institution, Project, ProjectLeadUnit, ProjectState
from kaimen.supervision.models import (
    AccountabilityRecord,
    Inspection,
    Measure,
    Notice,
    Problem,
    ProblemState,
)

Values = dict[str, Decimal]
Counts = dict[int, Decimal]  # campaign id → value
SANCTION_MEASURES = (Measure.PARTY_DISCIPLINE, Measure.GOVERNMENT_SANCTION)
# Projects that count as selected (精选): every project the commission has approved.
SELECTED_STATES = tuple(s for s in ProjectState.values if s != ProjectState.DRAFT)


def campaign_period(campaign: Campaign) -> tuple[date, date]:
    """The dates a campaign's unlinked records fall in: its year, [1 January, next 1 January)."""
    return date(campaign.year, 1, 1), date(campaign.year + 1, 1, 1)


@dataclass(frozen=True)
class Ownership:
    """How a kind of record finds its campaign: through a project, else commission and date."""

    campaign: Expression | F  # the campaign id through the record's project (None: no project)
    commission: str = ""  # "": every record has a project (projects, their lead units)
    date: str = ""


def _belongs_q(own: Ownership, campaigns: Sequence[Campaign]) -> Q:
    """Linked to one of the campaigns' projects, or unlinked, by one of their commissions in
    their periods (a superset when periods differ: `_owned` resolves each row exactly)."""
    linked = Q(owner_campaign__in=[c.pk for c in campaigns])
    if not own.commission:
        return linked
    periods = [campaign_period(c) for c in campaigns]
    return linked | Q(
        owner_campaign__isnull=True,
        **{
            f"{own.commission}__in": {c.issuer_id for c in campaigns},
            f"{own.date}__gte": min(start for start, _ in periods),
            f"{own.date}__lt": max(end for _, end in periods),
        },
    )


def _owned(
    qs: QuerySet[Any], own: Ownership, campaigns: Sequence[Campaign], **aggregates: Any
) -> Iterator[tuple[int, dict[str, Any]]]:
    """Rows of `aggregates` grouped by owner, each with the campaign it belongs to (one query)."""
    ids = {c.pk for c in campaigns}
    keys = {(c.issuer_id, c.year): c.pk for c in campaigns}
    unlinked = Q(owner_campaign__isnull=True)
    # Linked rows group by campaign alone, so a record is counted once per campaign.
    owner: dict[str, Any] = {"owner_campaign": F("owner_campaign")}
    if own.commission:
        owner["owner_commission"] = Case(When(unlinked, then=F(own.commission)))
        owner["owner_year"] = Case(When(unlinked, then=ExtractYear(own.date)))
    rows = (
        qs.annotate(owner_campaign=own.campaign)
        .filter(_belongs_q(own, campaigns))
        .order_by()
        .values(**owner)
        .annotate(**aggregates)
    )
    for row in rows:
        pk = row["owner_campaign"]
        if pk is None:
            pk = keys.get((row.get("owner_commission"), row.get("owner_year")))
        if pk in ids:
            yield pk, row


PROBLEM = Ownership(F("project__campaign_id"), "commission", "assigned_on")
INSPECTION = Ownership(F("projects__campaign_id"), "commission", "date")
ACCOUNTABILITY = Ownership(
    Coalesce("project__campaign_id", "problem__project__campaign_id"), "commission", "decided_on"
)
# A notice is part of its problem's record.
NOTICE = Ownership(
    F("problem__project__campaign_id"), "problem__commission", "problem__assigned_on"
)
# A rule of a project, or (without one) of the problems it answers.
INSTITUTION = Ownership(
    Coalesce("project__campaign_id", "problems__project__campaign_id"),
    "problems__commission",
    "problems__assigned_on",
)
PROJECT = Ownership(F("campaign_id"))
LEAD_UNIT = Ownership(F("project__campaign_id"))


@dataclass(frozen=True)
class CampaignFigure:
    """One published figure: its code (the indicator dictionary's), the records it counts, how
    a record finds its campaign, and how the records' rows make the value."""

    code: str
    records: Callable[[], QuerySet[Any]]
    own: Ownership
    aggregates: Callable[[], dict[str, Any]]
    value: Callable[[dict[str, Any]], Any]
    described: str  # what is counted, in words (the figures page says it)

    @property
    def label(self) -> str | Promise:
        return BY_CODE[self.code].label

    @property
    def unit(self) -> str:
        return BY_CODE[self.code].unit

    def count(self, campaigns: Sequence[Campaign]) -> Counts:
        """The value for each of the campaigns: one query."""
        counts: Counts = defaultdict(Decimal)
        for pk, row in _owned(self.records(), self.own, campaigns, **self.aggregates()):
            counts[pk] += Decimal(self.value(row) or 0)
        return counts

    def records_of(self, campaign: Campaign) -> QuerySet[Any]:
        """The records behind the campaign's value (the page one click from the figure)."""
        qs: QuerySet[Any] = self.records().alias(owner_campaign=self.own.campaign)
        return qs.filter(_belongs_q(self.own, [campaign])).distinct()


def _n() -> dict[str, Any]:
    return {"n": Count("pk", distinct=True)}


def _rows_n(row: dict[str, Any]) -> Any:
    return row["n"]


def _problems(state_q: Q) -> Callable[[], QuerySet[Any]]:
    return lambda: Problem.objects.filter(state_q)


def _accountability(measure_q: Q) -> Callable[[], QuerySet[Any]]:
    return lambda: AccountabilityRecord.objects.filter(measure_q)


def _persons() -> dict[str, Any]:
    return {"n": Sum("persons")}


def _cases() -> dict[str, Any]:
    """One problem is one case however many accountability records it has; a record without a
    problem counts the cases it states."""
    return {
        "problems": Count("problem", distinct=True),
        "unlinked": Sum("cases", filter=Q(problem__isnull=True)),
    }


def _funds() -> dict[str, Any]:
    """追缴 and 清退 together, in 元."""
    return {"n": Sum(F("amount_recovered") + F("amount_refunded"))}


REGISTRY: tuple[CampaignFigure, ...] = (
    CampaignFigure(
        "units_involved",
        lambda: ProjectLeadUnit.objects.filter(project__state__in=SELECTED_STATES),
        LEAD_UNIT,
        lambda: {"n": Count("organization", distinct=True)},
        _rows_n,
        "已确定项目的牵头单位（去重）",
    ),
    CampaignFigure(
        "projects_selected",
        lambda: Project.objects.filter(state__in=SELECTED_STATES),
        PROJECT,
        _n,
        _rows_n,
        "已确定的治理项目",
    ),
    CampaignFigure("inspections", Inspection.objects.all, INSPECTION, _n, _rows_n, "督导检查记录"),
    CampaignFigure("problems_found", _problems(Q()), PROBLEM, _n, _rows_n, "问题台账中的问题"),
    CampaignFigure(
        "problems_rectified",
        _problems(Q(state=ProblemState.CLOSED)),
        PROBLEM,
        _n,
        _rows_n,
        "已整改销号的问题",
    ),
    CampaignFigure(
        "cases",
        _accountability(Q()),
        ACCOUNTABILITY,
        _cases,
        lambda row: row["problems"] + (row["unlinked"] or 0),
        "问责记录涉及的问题（一个问题计一个，未关联问题的按记录所填件数）",
    ),
    CampaignFigure(
        "persons_handled", _accountability(Q()), ACCOUNTABILITY, _persons, _rows_n, "问责记录的人数"
    ),
    CampaignFigure(
        "sanctions",
        _accountability(Q(measure__in=SANCTION_MEASURES)),
        ACCOUNTABILITY,
        _persons,
        _rows_n,
        "党纪处分、政务处分的人数",
    ),
    CampaignFigure(
        "institutions",
        Institution.objects.all,
        INSTITUTION,
        _n,
        _rows_n,
        "项目或问题关联的制度",
    ),
    CampaignFigure(
        "funds_recovered",
        _accountability(Q()),
        ACCOUNTABILITY,
        _funds,
        _rows_n,
        "问责记录的追回、清退金额（元）",
    ),
    CampaignFigure("notices", Notice.objects.all, NOTICE, _n, _rows_n, "下发的整改通知书"),
    CampaignFigure("listed", _problems(Q(listed=True)), PROBLEM, _n, _rows_n, "挂牌督办的问题"),
    CampaignFigure(
        "lookbacks",
        _problems(Q(lookback_done_on__isnull=False)),
        PROBLEM,
        _n,
        _rows_n,
        "完成回头看的问题",
    ),
)
FIGURES: dict[str, CampaignFigure] = {figure.code: figure for figure in REGISTRY}


def recorded_figures(
    campaigns: Sequence[Campaign], codes: Iterable[str] | None = None
) -> dict[int, Values]:
    """The registered figures (all, or those of `codes`) of every campaign, counted from the
    records: one query per figure, whatever the number of campaigns. No record: 0."""
    result: dict[int, Values] = {c.pk: {} for c in campaigns}
    if not campaigns:
        return result
    wanted = REGISTRY if codes is None else [FIGURES[code] for code in codes]
    for figure in wanted:
        counts = figure.count(campaigns)
        for pk, values in result.items():
            values[figure.code] = counts.get(pk, Decimal(0))
    return result


def recorded_for(campaign: Campaign, codes: Iterable[str] | None = None) -> Values:
    """The registered figures of one campaign (the same queries as for many)."""
    return recorded_figures([campaign], codes)[campaign.pk]
