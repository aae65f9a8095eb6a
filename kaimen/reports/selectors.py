"""Reads of reports scoped to a user ("not found" alike for missing and forbidden)."""

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Q, QuerySet
from django.db.models.functions import Length
from django.http import Http404
from django.utils.translation import gettext as _

from kaimen.campaigns.models import Project
from kaimen.campaigns.selectors import project_visibility_q
from kaimen.core.throttle import throttle_check, throttle_count
from kaimen.orgs.models import Organization, OrganizationKind
from kaimen.orgs.selectors import path_q, scope_for, watched_q
from kaimen.reports.models import (
    UNIT_VISIBLE_STATES,
    Category,
    Report,
    ReportReply,
    RoutingRule,
)
from kaimen.reports.receipts import LOOKUP_RATE, receipt_digests
from kaimen.supervision.models import PolicyObject, Problem, ProblemState, WarningPolicy
from kaimen.supervision.selectors import warning_policies
from kaimen.supervision.warnings import default_policy, problem_colour
from kaimen.timeline.models import Event
from kaimen.timeline.selectors import event_list_for


def report_visibility_q(user: Any) -> Q:
    scope = scope_for(user)
    q = watched_q(user, "commission_id")
    if q and scope.unit_ids:
        q |= Q(assigned_unit_id__in=scope.unit_ids, state__in=UNIT_VISIBLE_STATES)
    return q


def report_list_for(
    *,
    user: Any,
    states: tuple[str, ...] | None = None,
    kind: str | None = None,
    unit: int | None = None,
) -> QuerySet[Report]:
    qs = Report.objects.filter(report_visibility_q(user))
    if states:
        qs = qs.filter(state__in=states)
    if kind:
        qs = qs.filter(kind=kind)
    if unit is not None:
        qs = qs.filter(assigned_unit_id=unit)
    return qs.select_related(
        "category", "commission", "organization", "assigned_unit", "project"
    ).order_by("-created_at", "-pk")


def report_get_for(*, user: Any, pk: int) -> Report:
    report = (
        Report.objects.filter(report_visibility_q(user), pk=pk)
        .select_related("category", "commission", "organization", "assigned_unit", "project")
        .first()
    )
    if report is None:
        raise Http404
    return report


def report_get_by_receipt(*, code: str, client: str) -> Report | None:
    """The report whose receipt this is. Raises ThrottledError once `client` (an address) has
    used up its wrong look-ups (`LOOKUP_RATE`); a look-up that finds its report is not counted."""
    message = _("查询次数过多，请稍后再试。")
    throttle_check(LOOKUP_RATE, client, message, "receipt")
    report = (
        Report.objects.filter(receipt_digest__in=receipt_digests(code))
        .select_related("category", "assigned_unit")
        .first()
    )
    if report is None:
        throttle_count(LOOKUP_RATE, client)
    return report


def report_public_replies(*, report: Report) -> QuerySet[ReportReply]:
    return report.replies.filter(public=True).select_related("unit")


def report_timeline_for(*, report: Report) -> QuerySet[Event]:
    return event_list_for(target=report)


def category_list(*, kind: str | None = None) -> QuerySet[Category]:
    qs = Category.objects.filter(active=True)
    return qs.filter(kind=kind) if kind else qs


def category_get(*, code: str) -> Category | None:
    return Category.objects.filter(code=code, active=True).first()


PLACE_KINDS = (
    OrganizationKind.REGION,
    OrganizationKind.TOWN,
    OrganizationKind.VILLAGE,
    OrganizationKind.COMMUNITY,
    OrganizationKind.DEPARTMENT,
)


def place_choices() -> QuerySet[Organization]:
    """Places and units a report may concern (the public form's list)."""
    return Organization.objects.filter(kind__in=PLACE_KINDS).order_by("path")


def project_choices_for(*, user: Any) -> QuerySet[Project]:
    return (
        Project.objects.filter(project_visibility_q(user))
        .select_related("campaign")
        .distinct()
        .order_by("-campaign__year", "campaign_id", "position")
    )


def project_visible_to(*, user: Any, project: Project) -> bool:
    return Project.objects.filter(project_visibility_q(user), pk=project.pk).exists()


def commission_for(organization: Organization | None) -> Organization | None:
    """The commission whose jurisdiction holds the place: the nearest one above it."""
    if organization is None:
        return None
    ancestor_ids = [int(part) for part in organization.path.strip("/").split("/") if part]
    candidates = Organization.objects.filter(
        kind=OrganizationKind.COMMISSION, parent_id__in=ancestor_ids
    )
    best = max(candidates, key=lambda org: len(org.path), default=None)
    return best


def default_commission() -> Organization | None:
    """The top commission (reports that name no place go to it, and it routes them on)."""
    return (
        Organization.objects.filter(kind=OrganizationKind.COMMISSION)
        .order_by(Length("path"), "pk")
        .first()
    )


def unit_choices_for_report(*, report: Report) -> QuerySet[Organization]:
    """Units a report may be assigned to: bodies inside the commission's jurisdiction."""
    return (
        Organization.objects.filter(path__startswith=report.commission.jurisdiction_path)
        .exclude(kind__in=(OrganizationKind.REGION, OrganizationKind.COMMISSION))
        .order_by("path")
    )


def routing_rule_list_for(*, user: Any) -> QuerySet[RoutingRule]:
    """Routing rules for places in the jurisdictions the user administers."""
    scope = scope_for(user)
    qs = RoutingRule.objects.select_related("category", "place", "unit")
    if not scope.is_superuser:
        qs = qs.filter(path_q(scope.admin_paths, "place__path"))
    return qs.order_by("category__position", "place__path", "pk")


def routing_rule_get_for(*, user: Any, pk: int) -> RoutingRule:
    rule = routing_rule_list_for(user=user).filter(pk=pk).first()
    if rule is None:
        raise Http404
    return rule


def routing_place_choices_for(*, user: Any) -> QuerySet[Organization]:
    """Places a rule may name: regions, towns, villages, communities and departments the user
    administers."""
    scope = scope_for(user)
    qs = Organization.objects.filter(kind__in=PLACE_KINDS)
    if not scope.is_superuser:
        qs = qs.filter(path_q(scope.admin_paths))
    return qs.order_by("path")


def routing_unit_choices_for(*, user: Any) -> QuerySet[Organization]:
    """Units a rule may route to: bodies (not regions or commissions) the user administers."""
    scope = scope_for(user)
    qs = Organization.objects.exclude(
        kind__in=(OrganizationKind.REGION, OrganizationKind.COMMISSION)
    )
    if not scope.is_superuser:
        qs = qs.filter(path_q(scope.admin_paths))
    return qs.order_by("path")


def routing_suggestion(*, report: Report) -> Organization | None:
    """The unit the routing rules suggest: category × the most specific place holding it."""
    place = report.organization or report.commission
    rules = RoutingRule.objects.filter(category_id=report.category_id).select_related(
        "place", "unit"
    )
    matching = [rule for rule in rules if place.path.startswith(rule.place.path)]
    if not matching:
        return None
    return max(matching, key=lambda rule: len(rule.place.path)).unit


# ---------------------------------------------------------------- deadline colours


@dataclass
class ReportColouring:
    """Deadline colours of reports by each commission's report policy (supervision's rules)."""

    today: date
    policies: dict[int, WarningPolicy] = field(
        default_factory=lambda: warning_policies(object_type=PolicyObject.REPORT)
    )

    def colour(self, report: Report) -> str | None:
        due = report.current_due
        if due is None:
            return None
        policy = self.policies.get(report.commission_id) or default_policy()
        # The warning rules take a problem; an unsaved one carries the report's clock.
        clock = Problem(
            state=ProblemState.OPEN,
            deadline=due,
            original_deadline=due,
            assigned_on=report.assigned_on or report.received_on,
        )
        return problem_colour(clock, self.today, policy)
