"""Scoped reads of supervision records: missing and forbidden look the same (404).

Scope: commission roles read the problems owned by a commission of their jurisdiction or
assigned to a unit in it; unit roles read the problems their units are responsible for. Only
commission roles read inspections and accountability records.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet, prefetch_related_objects
from django.http import Http404
from django.utils import timezone

from kaimen.campaigns.models import Campaign, Institution
from kaimen.core.search import search_q
from kaimen.orgs.models import Membership, Organization, Role
from kaimen.orgs.selectors import path_q, scope_for, watched_q
from kaimen.supervision.figures import FIGURES
from kaimen.supervision.models import (
    AccountabilityRecord,
    Attachment,
    DeadlineExtension,
    ExtensionState,
    Inspection,
    Letter,
    LetterKind,
    Notice,
    PolicyObject,
    Problem,
    ProblemEvidence,
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
    q = watched_q(user, f"{prefix}commission_id", f"{prefix}responsible_unit_id")
    if q and scope.unit_ids:
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


def notice_problems_for(*, user: Any, pks: Iterable[int]) -> list[Problem]:
    """The problems a 整改通知书 is drafted for, in the user's scope; any missing → 404."""
    wanted = set(pks)
    problems = list(
        Problem.objects.filter(problem_visibility_q(user), pk__in=wanted)
        .select_related("commission", "responsible_unit", "project", "inspection")
        .order_by("number", "pk")
    )
    if not wanted or len(problems) != len(wanted):
        raise Http404
    return problems


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


def warning_aggregates(today: date) -> dict[str, Any]:
    """The counts of a warning summary, as aggregates (of a whole scope, or per group)."""
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
    return aggregates


def pending_extensions_for(*, user: Any) -> int:
    """Extension requests waiting for a decision in the user's scope."""
    return DeadlineExtension.objects.filter(
        state=ExtensionState.REQUESTED,
        problem__in=Problem.objects.filter(problem_visibility_q(user)).values("pk"),
    ).count()


def warning_summary_of(
    rows: Iterable[Mapping[str, Any]], today: date, pending: int
) -> WarningSummary:
    """The summary adding up rows of `warning_aggregates` (one row, or one per group)."""
    keys = ["n_total", "n_listed"] + [f"colour_{c}" for c in ALL_COLOURS]
    keys += [f"state_{s}" for s in ProblemState.values] + [f"status_{s}" for s in STATUSES]
    total = dict.fromkeys(keys, 0)
    for row in rows:
        for key in keys:
            total[key] += row[key] or 0
    return WarningSummary(
        today=today,
        total=total["n_total"],
        listed=total["n_listed"],
        extension_requested=pending,
        colours={colour: total[f"colour_{colour}"] for colour in ALL_COLOURS},
        states={state: total[f"state_{state}"] for state in ProblemState.values},
        statuses={status: total[f"status_{status}"] for status in STATUSES},
    )


def warning_summary_for(*, user: Any, today: date | None = None) -> WarningSummary:
    """Counts by colour, by state and by status over the user's scope in a constant number of
    queries: the policies, the user's scope, one aggregate, pending extensions."""
    today = today or timezone.localdate()
    row = Problem.objects.filter(problem_visibility_q(user)).aggregate(**warning_aggregates(today))
    return warning_summary_of([row], today, pending_extensions_for(user=user))


# ---------------------------------------------------------------- inspections, accountability


def _commission_scope_q(user: Any) -> Q:
    return watched_q(user, "commission_id")


def inspection_list_for(
    *, user: Any, kind: str | None = None, project: int | None = None, q: str | None = None
) -> QuerySet[Inspection]:
    qs = Inspection.objects.filter(_commission_scope_q(user))
    if kind:
        qs = qs.filter(kind=kind)
    if project is not None:
        qs = qs.filter(projects__pk=project)
    if q:
        # a word may also name an inspected unit or a problem found: those match through joins
        words = search_q(q, (*INSPECTION_SEARCH_FIELDS, "inspected_units__name"))
        found = search_q(q, ("problems__description",))
        qs = qs.filter(pk__in=Inspection.objects.filter(words | found).values("pk"))
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


# ---------------------------------------------------------------- back-office pages


PROBLEM_SEARCH_FIELDS = (
    "description",
    "number",
    "listed_number",
    "responsible_unit__name",
    "project__title",
)
INSPECTION_SEARCH_FIELDS = ("notes", "members", "commission__name")


def problem_ledger_for(
    *,
    user: Any,
    state: str | None = None,
    colour: str | None = None,
    unit: int | None = None,
    project: int | None = None,
    listed: bool | None = None,
    source: str | None = None,
    assigned_from: date | None = None,
    assigned_to: date | None = None,
    q: str | None = None,
    today: date | None = None,
) -> QuerySet[Problem]:
    """The ledger (台账): `problem_list_for` plus the assignment-date range and the keywords
    (`?q=`, over the problem's text, number, unit and project), newest first."""
    qs = problem_list_for(
        user=user,
        state=state,
        colour=colour,
        unit=unit,
        project=project,
        listed=listed,
        source=source,
        today=today,
    )
    if assigned_from is not None:
        qs = qs.filter(assigned_on__gte=assigned_from)
    if assigned_to is not None:
        qs = qs.filter(assigned_on__lte=assigned_to)
    if q:
        qs = qs.filter(search_q(q, PROBLEM_SEARCH_FIELDS))
    return qs.order_by("-assigned_on", "-pk")


def problem_todo_for(*, user: Any) -> QuerySet[Problem]:
    """The unit's work (待整改): problems of its own units the unit holds or awaits a verdict on."""
    scope = scope_for(user)
    return (
        Problem.objects.filter(
            responsible_unit_id__in=scope.unit_ids,
            state__in=(
                ProblemState.NOTIFIED,
                ProblemState.RECTIFYING,
                ProblemState.SUBMITTED,
            ),
        )
        .select_related("commission", "responsible_unit", "project")
        .order_by("deadline", "pk")
    )


def lookback_due_for(
    *, user: Any, today: date | None = None, within_days: int = 30
) -> QuerySet[Problem]:
    """Closed problems whose look-back (回头看) is due within `within_days`, or past due."""
    today = today or timezone.localdate()
    return (
        Problem.objects.filter(
            problem_visibility_q(user),
            state=ProblemState.CLOSED,
            lookback_done_on__isnull=True,
            lookback_due__lte=today + timedelta(days=within_days),
        )
        .select_related("commission", "responsible_unit", "project")
        .order_by("lookback_due", "pk")
    )


def problem_page_for(*, user: Any, pk: int) -> Problem:
    """One problem with what its page shows, in a fixed number of queries."""
    problem = problem_get_for(user=user, pk=pk)
    prefetch_related_objects(
        [problem],
        Prefetch(
            "evidence",
            queryset=ProblemEvidence.objects.select_related("submitted_by").prefetch_related(
                "files"
            ),
        ),
        Prefetch(
            "extensions",
            queryset=DeadlineExtension.objects.select_related("requested_by", "decided_by"),
        ),
        Prefetch("notices", queryset=Notice.objects.select_related("issued_by")),
        Prefetch("letters", queryset=Letter.objects.order_by("sent_at", "pk")),
        "institutions",
    )
    return problem


def attachment_get_for(*, user: Any, pk: int) -> Attachment:
    """A file, for those who may see what it is attached to (else 404)."""
    attachment = (
        Attachment.objects.select_related(
            "evidence__problem__commission",
            "evidence__problem__responsible_unit",
            "inspection__commission",
            "institution__organization",
        )
        .filter(pk=pk)
        .first()
    )
    if attachment is None:
        raise Http404
    if attachment.evidence is not None:
        allowed = user.has_perm("supervision.view_problem", attachment.evidence.problem)
    elif attachment.inspection is not None:
        allowed = user.has_perm("supervision.view_inspection", attachment.inspection)
    else:
        assert attachment.institution is not None  # noqa: S101  (the check constraint)
        allowed = user.has_perm("supervision.view_institution", attachment.institution)
    if not allowed:
        raise Http404
    return attachment


def notice_get_for(*, user: Any, pk: int) -> Notice:
    notice = (
        Notice.objects.filter(pk=pk, problem__in=Problem.objects.filter(problem_visibility_q(user)))
        .select_related("problem")
        .first()
    )
    if notice is None or not notice.document:
        raise Http404
    return notice


def letter_get_for(*, user: Any, pk: int) -> Letter:
    letter = (
        Letter.objects.filter(pk=pk, problem__in=Problem.objects.filter(problem_visibility_q(user)))
        .select_related("problem")
        .first()
    )
    if letter is None or not letter.document:
        raise Http404
    return letter


@dataclass(frozen=True)
class LetterCounts:
    year: int
    by_colour: dict[str, int]
    by_kind: dict[str, int]
    listed: int


def letter_counts_for(*, user: Any, year: int) -> LetterCounts:
    """Letters sent in the year over the user's scope, per colour and per kind (one query)."""
    letters = Letter.objects.filter(
        problem__in=Problem.objects.filter(problem_visibility_q(user)), sent_on__year=year
    )
    aggregates: dict[str, Any] = {f"c_{c}": Count("pk", filter=Q(colour=c)) for c in ALL_COLOURS}
    aggregates |= {f"k_{k}": Count("pk", filter=Q(kind=k)) for k in LetterKind.values}
    row = letters.aggregate(**aggregates)
    return LetterCounts(
        year=year,
        by_colour={c: row[f"c_{c}"] for c in ALL_COLOURS},
        by_kind={k: row[f"k_{k}"] for k in LetterKind.values},
        listed=row[f"k_{LetterKind.LISTING}"],
    )


def letter_list_for(*, user: Any, year: int) -> QuerySet[Letter]:
    return (
        Letter.objects.filter(
            problem__in=Problem.objects.filter(problem_visibility_q(user)), sent_on__year=year
        )
        .select_related("problem__responsible_unit")
        .order_by("-sent_at", "-pk")
    )


def institution_list_for(*, user: Any) -> QuerySet[Institution]:
    scope = scope_for(user)
    qs = Institution.objects.all()
    if not scope.is_superuser:
        qs = qs.filter(
            path_q(scope.watch_paths, "organization__path") | Q(organization_id__in=scope.unit_ids)
        )
    return (
        qs.select_related("organization", "project")
        .prefetch_related("problems", "files")
        .order_by("-issued_on", "-pk")
    )


def problem_choices_for(*, user: Any, limit: int = 300) -> QuerySet[Problem]:
    """Problems to link a record to (the most recent first)."""
    return (
        Problem.objects.filter(problem_visibility_q(user))
        .select_related("responsible_unit")
        .order_by("-assigned_on", "-pk")[:limit]
    )


def policy_commissions_for(*, user: Any) -> list[Organization]:
    """The commissions whose warning policy the user reads (commission roles)."""
    return [
        m.organization
        for m in Membership.objects.filter(
            user__pk=user.pk,
            role__in=(Role.SUPERVISOR, Role.COMMISSION_ADMIN, Role.VIEWER),
            organization__kind="commission",
        ).select_related("organization__parent")
    ]


# ---------------------------------------------------------------- status view, published listings


def problem_status_list_for(*, user: Any, status: str, today: date) -> QuerySet[Problem]:
    """The user's problems in one status of the 景德镇 view (`status_q`), nearest deadline first."""
    return (
        Problem.objects.filter(problem_visibility_q(user))
        .filter(status_q(status, today))
        .select_related("commission", "responsible_unit", "project")
        .order_by("deadline", "pk")
    )


def listed_published_for(*, commission_id: int) -> tuple[Organization, QuerySet[Problem]]:
    """A commission's listed problems (挂牌督办), for everyone, only if it chose to publish them;
    otherwise 404, as for a missing commission."""
    policy = (
        WarningPolicy.objects.filter(
            commission_id=commission_id, object_type=PolicyObject.PROBLEM, publish_listed=True
        )
        .select_related("commission")
        .first()
    )
    if policy is None:
        raise Http404
    problems = (
        Problem.objects.filter(commission_id=commission_id, listed=True)
        .select_related("responsible_unit")
        .only(
            "number",
            "listed_number",
            "listed_deadline",
            "deadline",
            "description",
            "state",
            "responsible_unit__name",
        )
        .order_by("-listed_at", "-pk")
    )
    return policy.commission, problems


def commissions_publishing_listed() -> QuerySet[Organization]:
    """Commissions that publish their listed problems (公开挂牌督办事项), by place in the tree."""
    return Organization.objects.filter(
        pk__in=WarningPolicy.objects.filter(
            object_type=PolicyObject.PROBLEM, publish_listed=True
        ).values("commission")
    ).order_by("path")


# ---------------------------------------------------------------- the records behind a figure


def campaign_figure_records_for(*, user: Any, campaign: Campaign, code: str) -> QuerySet[Any]:
    """The records a registered figure of the campaign counts (the registry's own filter), for
    the commission roles watching its issuer; 404 for anyone else or an unknown figure."""
    figure = FIGURES.get(code)
    scope = scope_for(user)
    watched = scope.is_superuser or any(
        campaign.issuer.path.startswith(p) for p in scope.watch_paths
    )
    if figure is None or not watched:
        raise Http404
    return figure.records_of(campaign).order_by("-pk")
