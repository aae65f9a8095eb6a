"""The monthly league table of units (晾晒通报) of one commission's jurisdiction.

For month M, as of its last day (or today, for the running month), per responsible unit:
problems assigned in the month and in total so far, closed, closed on time (销号 by the
deadline), overdue and their colours, reports answered on time (when the reports app is
installed), and the satisfaction with the projects the unit leads. Colours are judged on the
problems' current state at the as-of date. Constant number of queries (one per source).

A rate over a handful of problems says little (1 of 2 closed is 50%), so only units with at
least MIN_RANKED problems assigned are ranked; the others are listed apart, below the ranking.
"""

import calendar
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any, cast

from django.apps import apps
from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from kaimen.insights.models import LeagueTablePolicy, LeagueVisibility
from kaimen.insights.selectors.dashboard import SEVERITY, percent
from kaimen.orgs.labels import name_within
from kaimen.orgs.models import Organization, OrganizationKind
from kaimen.supervision.models import Problem, ProblemState
from kaimen.supervision.selectors import Colouring
from kaimen.supervision.warnings import ALL_COLOURS, BEHIND, GREEN, status_q

MIN_RANKED = 3  # problems assigned in total before a unit's rate is ranked


@dataclass
class LeagueRow:
    unit_id: int
    unit: str
    region: str
    assigned_month: int = 0
    assigned_total: int = 0
    closed: int = 0
    closed_on_time: int = 0
    overdue: int = 0
    colours: dict[str, int] = field(default_factory=dict)
    reports_due: int | None = None
    reports_on_time: int | None = None
    satisfaction_counts: dict[str, int] = field(default_factory=dict)
    rank: int | None = None  # None: too few problems to rank, listed apart

    @property
    def unit_label(self) -> str:
        """The unit's name without the region shown in the column beside it."""
        return name_within(self.unit, self.region)

    @property
    def rectification_rate(self) -> Decimal | None:
        return percent(self.closed, self.assigned_total)

    @property
    def on_time_rate(self) -> Decimal | None:
        return percent(self.closed_on_time, self.closed)

    @property
    def reports_on_time_rate(self) -> Decimal | None:
        if self.reports_due is None or self.reports_on_time is None:
            return None
        return percent(self.reports_on_time, self.reports_due)

    @property
    def satisfaction_n(self) -> int:
        return sum(self.satisfaction_counts.values())

    @property
    def satisfaction_rate(self) -> Decimal | None:
        if not apps.is_installed("kaimen.participation"):
            return None
        from kaimen.participation.selectors import satisfaction_rate  # noqa: PLC0415

        return satisfaction_rate(self.satisfaction_counts)


@dataclass(frozen=True)
class LeagueTable:
    commission: Organization
    month: date
    as_of: date
    colours: list[str]
    rows: list[LeagueRow]  # ranked
    apart: list[LeagueRow]  # fewer than `min_ranked` problems: listed, not ranked
    min_ranked: int
    public: bool
    has_reports: bool
    has_satisfaction: bool

    @property
    def month_label(self) -> str:
        return f"{self.month.year}年{self.month.month}月"

    @property
    def all_rows(self) -> list[LeagueRow]:
        return [*self.rows, *self.apart]

    @property
    def multi_region(self) -> bool:
        return len({r.region for r in self.all_rows}) > 1


def month_bounds(month: date) -> tuple[date, date]:
    first = month.replace(day=1)
    last = first.replace(day=calendar.monthrange(first.year, first.month)[1])
    return first, last


def _end_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.max))


def league_is_public(commission: Organization) -> bool:
    return LeagueTablePolicy.objects.filter(
        commission=commission, visibility=LeagueVisibility.PUBLIC
    ).exists()


def _problem_rows(jurisdiction: str, first: date, last: date, as_of: date) -> dict[int, LeagueRow]:
    colouring = Colouring(as_of)
    closed_by_end = Q(state=ProblemState.CLOSED, closed_at__lte=_end_of(last))
    aggregates: dict[str, Any] = {
        "n_month": Count("pk", filter=Q(assigned_on__gte=first)),
        "n_total": Count("pk"),
        "n_closed": Count("pk", filter=closed_by_end),
        "n_on_time": Count("pk", filter=closed_by_end & Q(closed_at__date__lte=F("deadline"))),
        "n_overdue": Count("pk", filter=status_q(BEHIND, as_of)),
    }
    for colour in ALL_COLOURS:
        aggregates[f"colour_{colour}"] = Count("pk", filter=colouring.q(colour))
    rows: Iterable[dict[str, Any]] = cast(
        "Iterable[dict[str, Any]]",
        Problem.objects.filter(
            responsible_unit__path__startswith=jurisdiction, assigned_on__lte=last
        )
        .order_by()
        .values("responsible_unit_id", "responsible_unit__name", "responsible_unit__parent__name")
        .annotate(**aggregates),
    )
    return {
        row["responsible_unit_id"]: LeagueRow(
            unit_id=row["responsible_unit_id"],
            unit=row["responsible_unit__name"],
            region=row["responsible_unit__parent__name"] or "",
            assigned_month=row["n_month"],
            assigned_total=row["n_total"],
            closed=row["n_closed"],
            closed_on_time=row["n_on_time"],
            overdue=row["n_overdue"],
            colours={c: row[f"colour_{c}"] for c in ALL_COLOURS},
        )
        for row in rows
    }


def _add_reports(rows: dict[int, LeagueRow], jurisdiction: str, last: date) -> bool:
    """Reports whose reply fell due by the month's end, and those answered by their deadline."""
    if not apps.is_installed("kaimen.reports"):
        return False
    from kaimen.reports.models import Report, ReportReply  # noqa: PLC0415

    replied_in_time = Exists(
        ReportReply.objects.filter(
            report=OuterRef("pk"), created_at__date__lte=OuterRef("reply_due")
        )
    )
    counts = (
        Report.objects.filter(assigned_unit__path__startswith=jurisdiction, reply_due__lte=last)
        .order_by()
        .values("assigned_unit_id", "assigned_unit__name", "assigned_unit__parent__name")
        .annotate(due=Count("pk"), on_time=Count("pk", filter=replied_in_time))
    )
    for row in counts:
        unit = rows.setdefault(
            row["assigned_unit_id"],
            LeagueRow(
                row["assigned_unit_id"],
                row["assigned_unit__name"],
                row["assigned_unit__parent__name"] or "",
            ),
        )
        unit.reports_due, unit.reports_on_time = row["due"], row["on_time"]
    return True


def _add_satisfaction(rows: dict[int, LeagueRow], jurisdiction: str, last: date) -> bool:
    """Citizens' ratings of the projects each unit leads, given by the month's end."""
    if not apps.is_installed("kaimen.participation"):
        return False
    from kaimen.participation.models import Evaluation  # noqa: PLC0415

    counts = (
        Evaluation.objects.filter(
            project__lead_units__path__startswith=jurisdiction, created_at__lte=_end_of(last)
        )
        .order_by()
        .values(
            "project__lead_units",
            "project__lead_units__name",
            "project__lead_units__parent__name",
            "rating",
        )
        .annotate(n=Count("pk"))
    )
    for row in counts:
        unit = rows.setdefault(
            row["project__lead_units"],
            LeagueRow(
                row["project__lead_units"],
                row["project__lead_units__name"],
                row["project__lead_units__parent__name"] or "",
            ),
        )
        unit.satisfaction_counts[row["rating"]] = row["n"]
    return True


def _sort_key(row: LeagueRow) -> tuple[Any, ...]:
    rate = row.rectification_rate
    return (
        rate is None,
        -(rate or 0),
        *(row.colours.get(c, 0) for c in SEVERITY),
        row.overdue,
        row.region,
        row.unit,
    )


def league_table(
    *, commission: Organization, month: date, today: date | None = None
) -> LeagueTable:
    """The league table of the commission's jurisdiction for `month` (no permission check:
    callers use `league_table_for` or `league_table_public`)."""
    today = today or timezone.localdate()
    first, last = month_bounds(month)
    as_of = min(last, today)
    jurisdiction = commission.jurisdiction_path
    rows = _problem_rows(jurisdiction, first, last, as_of)
    has_reports = _add_reports(rows, jurisdiction, last)
    has_satisfaction = _add_satisfaction(rows, jurisdiction, last)
    for row in rows.values():
        # a unit that appears through another source has no problems and no reports: zeros
        for colour in ALL_COLOURS:
            row.colours.setdefault(colour, 0)
        if has_reports and row.reports_due is None:
            row.reports_due, row.reports_on_time = 0, 0
    ordered = sorted(rows.values(), key=_sort_key)
    ranked = [r for r in ordered if r.assigned_total >= MIN_RANKED]
    for rank, row in enumerate(ranked, start=1):
        row.rank = rank
    used = {c for r in ordered for c in ALL_COLOURS if r.colours.get(c)}
    return LeagueTable(
        commission=commission,
        month=first,
        as_of=as_of,
        colours=[c for c in SEVERITY if c in used or c != GREEN],
        rows=ranked,
        apart=[r for r in ordered if r.assigned_total < MIN_RANKED],
        min_ranked=MIN_RANKED,
        public=league_is_public(commission),
        has_reports=has_reports,
        has_satisfaction=has_satisfaction,
    )


def _commission(pk: int) -> Organization:
    commission = (
        Organization.objects.filter(pk=pk, kind=OrganizationKind.COMMISSION)
        .select_related("parent")
        .first()
    )
    if commission is None:
        raise Http404
    return commission


def league_table_for(
    *, user: Any, commission_pk: int, month: date, today: date | None = None
) -> LeagueTable:
    """A commission's league table for staff who watch it; anyone else: 404."""
    commission = _commission(commission_pk)
    if not user.has_perm("insights.view_league_table", commission):
        raise Http404
    return league_table(commission=commission, month=month, today=today)


def league_table_public(
    *, commission_pk: int, month: date, today: date | None = None
) -> LeagueTable:
    """A league table the commission chose to publish; internal ones answer 404."""
    commission = _commission(commission_pk)
    if not league_is_public(commission):
        raise Http404
    today = today or timezone.localdate()
    if month_bounds(month)[0] > today:
        raise Http404
    return league_table(commission=commission, month=month, today=today)


def league_public_commissions() -> QuerySet[Organization]:
    """Commissions that publish their monthly league tables (公开晾晒), by place in the tree."""
    return Organization.objects.filter(
        pk__in=LeagueTablePolicy.objects.filter(visibility=LeagueVisibility.PUBLIC).values(
            "commission"
        )
    ).order_by("path")
