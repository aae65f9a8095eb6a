"""Scoped reads of tours and their measures: missing and forbidden look the same (404).

Commission roles read the tours whose office lies in their jurisdiction; unit roles read the
tours in which their unit holds a measure, and only their own measures of them. Colours come
from the supervision warning policy of the office's commission (problems' policy: rectification
is rectification), computed here, never stored.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from kaimen.orgs.models import Organization, OrganizationKind
from kaimen.orgs.selectors import path_q, scope_for
from kaimen.supervision.models import WarningPolicy
from kaimen.supervision.selectors import warning_policy_for
from kaimen.supervision.warnings import (
    BEHIND,
    COLOUR_LABELS,
    DONE,
    LONG_TERM,
    ON_SCHEDULE,
    STATUS_COLOURS,
    STATUS_LABELS,
    deadline_colour,
    default_policy,
)
from kaimen.tours.models import HELD_STATES, FeedbackItem, Measure, MeasureState, Tour


def tour_visibility_q(user: Any, prefix: str = "") -> Q:
    scope = scope_for(user)
    if scope.is_superuser:
        return Q()
    q = path_q(scope.watch_paths, f"{prefix}office__path")
    if scope.unit_ids:
        q |= Q(**{f"{prefix}items__measures__units__in": scope.unit_ids})
    return q


def tour_list_for(*, user: Any) -> QuerySet[Tour]:
    visible = Tour.objects.filter(tour_visibility_q(user)).values("pk")
    return Tour.objects.filter(pk__in=visible).select_related("office")


def tour_get_for(*, user: Any, pk: int) -> Tour:
    tour = tour_list_for(user=user).filter(pk=pk).first()
    if tour is None:
        raise Http404
    return tour


def sees_all_measures(user: Any, tour: Tour) -> bool:
    return scope_for(user).watches(tour.office)


def measure_list_for(
    *,
    user: Any,
    tour: Tour,
    state: str | None = None,
    unit: int | None = None,
    category: str | None = None,
) -> QuerySet[Measure]:
    """The tour's measures the user sees (a unit: its own), in report order."""
    qs = Measure.objects.filter(item__tour=tour)
    if not sees_all_measures(user, tour):
        qs = qs.filter(units__in=scope_for(user).unit_ids or [0]).distinct()
    if state:
        qs = qs.filter(state=state)
    if unit is not None:
        qs = qs.filter(units__pk=unit).distinct()
    if category:
        qs = qs.filter(item__category=category)
    return (
        qs.select_related("item", "closed_by")
        .prefetch_related(Prefetch("units", queryset=Organization.objects.order_by("path")))
        .order_by("item__position", "position")
    )


def measure_get_for(*, user: Any, pk: int) -> Measure:
    measure = (
        Measure.objects.filter(pk=pk).select_related("item__tour__office", "closed_by").first()
    )
    if measure is None or not user.has_perm("tours.view_tour", measure.item.tour):
        raise Http404
    tour = measure.item.tour
    if not sees_all_measures(user, tour) and not (
        scope_for(user).unit_ids & {u.pk for u in measure.units.all()}
    ):
        raise Http404
    return measure


def item_get_for(*, user: Any, pk: int) -> FeedbackItem:
    item = FeedbackItem.objects.filter(pk=pk).select_related("tour__office").first()
    if item is None or not user.has_perm("tours.view_tour", item.tour):
        raise Http404
    return item


def tour_items(tour: Tour) -> QuerySet[FeedbackItem]:
    return tour.items.order_by("position")


def tour_categories(tour: Tour) -> list[str]:
    """The tour's categories in the order their first item appears."""
    return list(dict.fromkeys(tour_items(tour).values_list("category", flat=True)))


# ---------------------------------------------------------------- colours and statuses


def tour_commission(tour: Tour) -> Organization | None:
    """The commission whose warning policy colours the tour's measures."""
    office = tour.office
    if office.kind == OrganizationKind.COMMISSION:
        return office
    return Organization.objects.filter(
        kind=OrganizationKind.COMMISSION, parent__path=office.jurisdiction_path
    ).first()


def tour_policy(tour: Tour) -> WarningPolicy:
    commission = tour_commission(tour)
    if commission is None:
        return default_policy()
    return warning_policy_for(commission=commission)


def measure_colour(measure: Measure, today: date, policy: WarningPolicy) -> str | None:
    """Only measures the units still hold are coloured (not done, not long-term)."""
    if measure.state not in HELD_STATES:
        return None
    return deadline_colour(
        deadline=measure.deadline, assigned_on=measure.assigned_on, today=today, policy=policy
    )


def measure_status(measure: Measure, today: date) -> str:
    """The 景德镇 four-colour status: done, long-term, behind schedule, on schedule."""
    if measure.state == MeasureState.DONE:
        return DONE
    if measure.state == MeasureState.LONG_TERM:
        return LONG_TERM
    if measure.deadline < today:
        return BEHIND
    return ON_SCHEDULE


@dataclass
class MeasureRow:
    """A measure as the lists show it: with its colour and status of today."""

    measure: Measure
    colour: str | None
    status: str

    @property
    def item(self) -> FeedbackItem:
        return self.measure.item

    @property
    def colour_label(self) -> str:
        return str(COLOUR_LABELS[self.colour]) if self.colour else ""

    @property
    def status_label(self) -> str:
        return str(STATUS_LABELS[self.status])

    @property
    def status_colour(self) -> str:
        return STATUS_COLOURS[self.status]


def measure_rows(
    measures: QuerySet[Measure] | list[Measure],
    tour: Tour,
    *,
    today: date | None = None,
    colour: str | None = None,
) -> list[MeasureRow]:
    today = today or timezone.localdate()
    policy = tour_policy(tour)
    rows = [
        MeasureRow(m, measure_colour(m, today, policy), measure_status(m, today)) for m in measures
    ]
    if colour:
        rows = [row for row in rows if row.colour == colour]
    return rows


@dataclass
class TourCounts:
    measures: int = 0
    states: dict[str, int] = field(default_factory=dict)
    colours: dict[str, int] = field(default_factory=dict)

    @property
    def done(self) -> int:
        return self.states.get(MeasureState.DONE, 0)

    @property
    def rate(self) -> str:
        """Completion rate as reports write it (98.71%)."""
        if not self.measures:
            return "0%"
        return f"{self.done * 100 / self.measures:.2f}".rstrip("0").rstrip(".") + "%"


def tour_counts(rows: list[MeasureRow]) -> TourCounts:
    counts = TourCounts(measures=len(rows))
    states: dict[str, int] = defaultdict(int)
    colours: dict[str, int] = defaultdict(int)
    for row in rows:
        states[row.measure.state] += 1
        if row.colour:
            colours[row.colour] += 1
    counts.states = dict(states)
    counts.colours = dict(colours)
    return counts


@dataclass
class ItemGroup:
    item: FeedbackItem
    rows: list[MeasureRow]

    @property
    def done(self) -> int:
        return sum(1 for row in self.rows if row.measure.state == MeasureState.DONE)


def ledger_groups(
    items: list[FeedbackItem], rows: list[MeasureRow], *, keep_empty: bool
) -> list[tuple[str, list[ItemGroup]]]:
    """Items by category (in order of first appearance), each with its measure rows."""
    by_item: dict[int, list[MeasureRow]] = defaultdict(list)
    for row in rows:
        by_item[row.measure.item_id].append(row)
    groups: dict[str, list[ItemGroup]] = {}
    for item in items:
        item_rows = by_item.get(item.pk, [])
        if item_rows or keep_empty:
            groups.setdefault(item.category, []).append(ItemGroup(item, item_rows))
    return list(groups.items())


def responsibility_list(rows: list[MeasureRow]) -> list[tuple[Organization, list[MeasureRow]]]:
    """责任清单: each responsible unit with its measures."""
    by_unit: dict[int, tuple[Organization, list[MeasureRow]]] = {}
    for row in rows:
        for unit in row.measure.units.all():
            by_unit.setdefault(unit.pk, (unit, []))[1].append(row)
    return sorted(by_unit.values(), key=lambda pair: pair[0].path)
