"""Scoped reads of supervision records: missing and forbidden look the same (404).

Scope: commission roles read the problems owned by a commission of their jurisdiction or
assigned to a unit in it; unit roles read the problems their units are responsible for. Only
commission roles read inspections and accountability records.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum
from django.http import Http404
from django.utils import timezone

from kaimen.campaigns.models import Campaign
from kaimen.orgs.models import Membership, Organization, Role
from kaimen.orgs.selectors import path_q, scope_for
from kaimen.supervision.models import (
    ZERO,
    AccountabilityRecord,
    DeadlineExtension,
    ExtensionState,
    Inspection,
    Measure,
    PolicyObject,
    Problem,
    ProblemState,
    WarningPolicy,
)
from kaimen.supervision.warnings import (
    ALL_COLOURS,
    STATUSES,
    colour_q_by_commission,
    default_policy,
    problem_colour,
    status_q,
)
from kaimen.timeline.models import Event
from kaimen.timeline.selectors import event_list_for

# ---------------------------------------------------------------- policies


def warning_policy_for(
    *, commission: Organization, object_type: str = PolicyObject.PROBLEM
) -> WarningPolicy:
    policy = WarningPolicy.objects.filter(commission=commission, object_type=object_type).first()
    return policy if policy is not None else default_policy(commission)


def warning_policies(*, object_type: str = PolicyObject.PROBLEM) -> dict[int, WarningPolicy]:
    """Every commission's own policy (few rows: one per commission that set one)."""
    return {
        policy.commission_id: policy
        for policy in WarningPolicy.objects.filter(object_type=object_type)
    }


@dataclass
class Colouring:
    """Policies loaded once, to colour many problems of possibly several commissions."""

    today: date
    policies: dict[int, WarningPolicy] = field(default_factory=warning_policies)
    default: WarningPolicy = field(default_factory=default_policy)

    def policy(self, commission_id: int) -> WarningPolicy:
        return self.policies.get(commission_id, self.default)

    def colour(self, problem: Problem) -> str | None:
        return problem_colour(problem, self.today, self.policy(problem.commission_id))

    def q(self, colour: str) -> Q:
        return colour_q_by_commission(colour, self.today, self.policies, self.default)


# ---------------------------------------------------------------- problems


def problem_visibility_q(user: Any, prefix: str = "") -> Q:
    scope = scope_for(user)
    if scope.is_superuser:
        return Q()
    q = path_q(scope.watch_paths, f"{prefix}commission__path")
    if scope.watch_paths:
        q |= path_q(scope.watch_paths, f"{prefix}responsible_unit__path")
    if scope.unit_ids:
        q |= Q(**{f"{prefix}responsible_unit_id__in": scope.unit_ids})
    return q


def problem_list_for(
    *,
    user: Any,
    state: str | None = None,
    colour: str | None = None,
    unit: int | None = None,
    project: int | None = None,
    listed: bool | None = None,
    source: str | None = None,
    today: date | None = None,
) -> QuerySet[Problem]:
    """Problems in the user's scope, filtered; colour filters are date ranges (indexed SQL)."""
    qs = Problem.objects.filter(problem_visibility_q(user))
    if state:
        qs = qs.filter(state=state)
    if unit is not None:
        qs = qs.filter(responsible_unit_id=unit)
    if project is not None:
        qs = qs.filter(project_id=project)
    if listed is not None:
        qs = qs.filter(listed=listed)
    if source:
        qs = qs.filter(source=source)
    if colour:
        qs = qs.filter(Colouring(today or timezone.localdate()).q(colour))
    return qs.select_related("commission", "responsible_unit", "project").order_by("deadline", "pk")


def problem_get_for(*, user: Any, pk: int) -> Problem:
    problem = (
        Problem.objects.filter(problem_visibility_q(user), pk=pk)
        .select_related("commission", "responsible_unit", "project", "inspection", "listed_by")
        .first()
    )
    if problem is None:
        raise Http404
    return problem


def problem_timeline_for(*, problem: Problem) -> QuerySet[Event]:
    """The problem's events, oldest first (the caller loaded it through `problem_get_for`)."""
    return event_list_for(target=problem)


def problem_pending_extension(*, problem: Problem) -> DeadlineExtension | None:
    return problem.extensions.filter(state=ExtensionState.REQUESTED).first()


def supervising_commissions_for(*, user: Any) -> list[Organization]:
    """The commissions in whose name the user files problems (supervisor or admin roles)."""
    return [
        membership.organization
        for membership in Membership.objects.filter(
            user__pk=user.pk,
            role__in=(Role.SUPERVISOR, Role.COMMISSION_ADMIN),
            organization__kind="commission",
        ).select_related("organization__parent")
    ]


def organization_in_jurisdiction(
    *, commission: Organization, pks: Iterable[int]
) -> dict[int, Organization]:
    """The non-region organizations among `pks` inside the commission's jurisdiction."""
    return {
        org.pk: org
        for org in Organization.objects.filter(
            pk__in=list(pks), path__startswith=commission.jurisdiction_path
        ).exclude(kind="region")
    }


@dataclass(frozen=True)
class WarningSummary:
    today: date
    total: int
    listed: int
    extension_requested: int
    colours: dict[str, int]
    states: dict[str, int]
    statuses: dict[str, int]


def warning_summary_for(*, user: Any, today: date | None = None) -> WarningSummary:
    """Counts by colour, by state and by status over the user's scope in a constant number of
    queries: the policies, the user's scope, one aggregate, pending extensions."""
    today = today or timezone.localdate()
    colouring = Colouring(today)
    aggregates: dict[str, Any] = {
        "n_total": Count("pk"),
        "n_listed": Count("pk", filter=Q(listed=True)),
    }
    for colour in ALL_COLOURS:
        aggregates[f"colour_{colour}"] = Count("pk", filter=colouring.q(colour))
    for state in ProblemState.values:
        aggregates[f"state_{state}"] = Count("pk", filter=Q(state=state))
    for status in STATUSES:
        aggregates[f"status_{status}"] = Count("pk", filter=status_q(status, today))
    visible = Problem.objects.filter(problem_visibility_q(user))
    row = visible.aggregate(**aggregates)
    pending = DeadlineExtension.objects.filter(
        state=ExtensionState.REQUESTED, problem__in=visible.values("pk")
    ).count()
    return WarningSummary(
        today=today,
        total=row["n_total"],
        listed=row["n_listed"],
        extension_requested=pending,
        colours={colour: row[f"colour_{colour}"] for colour in ALL_COLOURS},
        states={state: row[f"state_{state}"] for state in ProblemState.values},
        statuses={status: row[f"status_{status}"] for status in STATUSES},
    )


# ---------------------------------------------------------------- inspections, accountability


def _commission_scope_q(user: Any, field_prefix: str = "commission__") -> Q:
    scope = scope_for(user)
    if scope.is_superuser:
        return Q()
    return path_q(scope.watch_paths, f"{field_prefix}path")


def inspection_list_for(
    *, user: Any, kind: str | None = None, project: int | None = None
) -> QuerySet[Inspection]:
    qs = Inspection.objects.filter(_commission_scope_q(user))
    if kind:
        qs = qs.filter(kind=kind)
    if project is not None:
        qs = qs.filter(projects__pk=project)
    return qs.select_related("commission").prefetch_related("inspected_units", "projects")


def inspection_get_for(*, user: Any, pk: int) -> Inspection:
    inspection = inspection_list_for(user=user).filter(pk=pk).first()
    if inspection is None:
        raise Http404
    return inspection


def accountability_list_for(
    *, user: Any, project: int | None = None, measure: str | None = None
) -> QuerySet[AccountabilityRecord]:
    """Commission roles only: units and citizens get an empty list."""
    qs = AccountabilityRecord.objects.filter(_commission_scope_q(user))
    if project is not None:
        qs = qs.filter(project_id=project)
    if measure:
        qs = qs.filter(measure=measure)
    return qs.select_related("commission", "problem", "project")


# ---------------------------------------------------------------- campaign totals


@dataclass(frozen=True)
class SupervisionTotals:
    """The supervision figures of a campaign's intro (督导检查 N 次, 推动整改问题 N 个 …)."""

    inspections: int
    problems: int
    problems_closed: int
    cases: int
    persons: int
    persons_by_measure: dict[str, int]
    amount_recovered: Decimal
    amount_refunded: Decimal


def _campaign_q(campaign: Campaign, project_field: str, date_field: str) -> Q:
    """Linked to the campaign's projects, or by the campaign's commission in its year."""
    return Q(**{f"{project_field}__campaign": campaign}) | Q(
        commission=campaign.issuer_id, **{f"{date_field}__year": campaign.year}
    )


def campaign_supervision_totals(campaign: Campaign) -> SupervisionTotals:
    """Counted from the records (three queries). A record counts for the campaign when it is
    linked to one of its projects, or was made by its issuing commission in the campaign year."""
    inspections = (
        Inspection.objects.filter(_campaign_q(campaign, "projects", "date"))
        .values("pk")
        .distinct()
        .count()
    )
    problems = Problem.objects.filter(_campaign_q(campaign, "project", "assigned_on")).aggregate(
        found=Count("pk"), closed=Count("pk", filter=Q(state=ProblemState.CLOSED))
    )
    measure_sums = {
        f"by_{measure}": Sum("persons", filter=Q(measure=measure)) for measure in Measure.values
    }
    records = AccountabilityRecord.objects.filter(
        _campaign_q(campaign, "project", "decided_on")
    ).aggregate(
        total_cases=Sum("cases"),
        total_persons=Sum("persons"),
        recovered=Sum("amount_recovered"),
        refunded=Sum("amount_refunded"),
        **measure_sums,
    )
    return SupervisionTotals(
        inspections=inspections,
        problems=problems["found"],
        problems_closed=problems["closed"],
        cases=records["total_cases"] or 0,
        persons=records["total_persons"] or 0,
        persons_by_measure={m: records[f"by_{m}"] or 0 for m in Measure.values},
        amount_recovered=records["recovered"] or ZERO,
        amount_refunded=records["refunded"] or ZERO,
    )
