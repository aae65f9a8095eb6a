"""A staff member's dashboard over their scope, in a constant number of queries.

Problems come from `supervision.selectors` (its visibility rule, its colour filters), grouped by
responsible unit id in one aggregate from which the summary is added up too; the units' names
come afterwards by id; the overdue list is one more query; each other source adds one
panel through `sources.dashboard_panels`.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Count, F, Q
from django.utils import timezone

from kaimen.insights.selectors.sources import Panel, dashboard_panels
from kaimen.orgs.models import Organization
from kaimen.supervision.models import Problem, ProblemState
from kaimen.supervision.selectors import (
    WarningSummary,
    pending_extensions_for,
    problem_visibility_q,
    warning_aggregates,
    warning_summary_of,
)
from kaimen.supervision.warnings import ALL_COLOURS, BEHIND, GREEN, status_q

OVERDUE_LIST_SIZE = 20
# The colours shown in order of severity; green only when a three-colour policy uses it.
SEVERITY = ("red", "orange", "yellow", "blue", "green")


def percent(part: int, whole: int) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(part) * 100 / whole).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class UnitRow:
    """One responsible unit's problems."""

    unit_id: int
    unit: str
    region: str
    total: int
    closed: int
    closed_on_time: int
    overdue: int
    colours: dict[str, int]
    states: dict[str, int]

    @property
    def rectification_rate(self) -> Decimal | None:
        return percent(self.closed, self.total)

    @property
    def on_time_rate(self) -> Decimal | None:
        return percent(self.closed_on_time, self.closed)


@dataclass(frozen=True)
class Dashboard:
    today: date
    summary: WarningSummary
    units: list[UnitRow]
    overdue: list[Problem]
    colours: list[str]
    closed_on_time: int
    overdue_total: int
    panels: list[Panel] = field(default_factory=list)

    @property
    def rectification_rate(self) -> Decimal | None:
        return percent(self.summary.states.get(ProblemState.CLOSED, 0), self.summary.total)

    @property
    def on_time_rate(self) -> Decimal | None:
        return percent(self.closed_on_time, self.summary.states.get(ProblemState.CLOSED, 0))


def _closed_on_time_q() -> Q:
    return Q(state=ProblemState.CLOSED, closed_at__date__lte=F("deadline"))


def _unit_rows(user: Any, today: date) -> list[dict[str, Any]]:
    """One pass over the user's problems, grouped by responsible unit id: everything the summary
    and the unit rows count."""
    aggregates = warning_aggregates(today)
    aggregates["n_on_time"] = Count("pk", filter=_closed_on_time_q())
    aggregates["n_overdue"] = Count("pk", filter=status_q(BEHIND, today))
    rows = (
        Problem.objects.filter(problem_visibility_q(user))
        .order_by()
        .values("responsible_unit_id")
        .annotate(**aggregates)
    )
    return [dict(row) for row in rows]


def _unit_table(rows: list[dict[str, Any]]) -> list[UnitRow]:
    """The rows with their units' names (fetched afterwards, by id), worst first."""
    names = {
        pk: (name, parent or "")
        for pk, name, parent in Organization.objects.filter(
            pk__in=[row["responsible_unit_id"] for row in rows]
        ).values_list("pk", "name", "parent__name")
    }
    units = [
        UnitRow(
            unit_id=row["responsible_unit_id"],
            unit=names[row["responsible_unit_id"]][0],
            region=names[row["responsible_unit_id"]][1],
            total=row["n_total"],
            closed=row[f"state_{ProblemState.CLOSED}"],
            closed_on_time=row["n_on_time"],
            overdue=row["n_overdue"],
            colours={colour: row[f"colour_{colour}"] for colour in ALL_COLOURS},
            states={state: row[f"state_{state}"] for state in ProblemState.values},
        )
        for row in rows
    ]
    units.sort(key=lambda u: (*(-u.colours[c] for c in SEVERITY), -u.overdue, u.region, u.unit))
    return units


def overdue_list_for(*, user: Any, today: date, limit: int = OVERDUE_LIST_SIZE) -> list[Problem]:
    """The longest-overdue problems the units still hold (one query)."""
    return list(
        Problem.objects.filter(problem_visibility_q(user))
        .filter(status_q(BEHIND, today))
        .select_related("commission", "responsible_unit", "project")
        .order_by("deadline", "pk")[:limit]
    )


def dashboard_for(*, user: Any, today: date | None = None) -> Dashboard:
    today = today or timezone.localdate()
    rows = _unit_rows(user, today)
    summary = warning_summary_of(rows, today, pending_extensions_for(user=user))
    units = _unit_table(rows)
    used = {c for c in ALL_COLOURS if summary.colours.get(c)}
    colours = [c for c in SEVERITY if c in used or c != GREEN]
    return Dashboard(
        today=today,
        summary=summary,
        units=units,
        overdue=overdue_list_for(user=user, today=today),
        colours=colours,
        closed_on_time=sum(u.closed_on_time for u in units),
        overdue_total=sum(u.overdue for u in units),
        panels=dashboard_panels(user=user, today=today),
    )


def dashboard_chart(board: Dashboard, units: int = 15) -> dict[str, Any]:
    """Stacked bars of warning colours for the worst units, and problems by state."""
    from kaimen.supervision.warnings import COLOUR_LABELS  # noqa: PLC0415

    worst = [u for u in board.units if any(u.colours[c] for c in board.colours)][:units]
    return {
        "units": {
            "labels": [f"{u.region} {u.unit}".strip() for u in worst],
            "series": [
                {
                    "colour": c,
                    "name": str(COLOUR_LABELS[c]),
                    "values": [u.colours[c] for u in worst],
                }
                for c in board.colours
            ],
        },
        "states": {
            "labels": [str(ProblemState(s).label) for s in ProblemState.values],
            "values": [board.summary.states.get(s, 0) for s in ProblemState.values],
        },
    }
