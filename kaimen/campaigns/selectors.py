"""Scoped reads of campaigns and projects: missing and forbidden look the same (404)."""

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.http import Http404
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from kaimen.campaigns.models import (
    PUBLIC_PROJECT_STATES,
    RUNNING_PROJECT_STATES,
    Campaign,
    CampaignState,
    Metric,
    OpennessPolicy,
    Outcome,
    ProgressReport,
    Project,
    ProjectState,
    Target,
    TargetReading,
)
from kaimen.orgs.models import Organization
from kaimen.orgs.selectors import path_q, scope_for
from kaimen.timeline.selectors import event_list_for

PUBLIC_CAMPAIGN_STATES = (CampaignState.RUNNING, CampaignState.PUBLISHED)


def _public_project_q(prefix: str = "") -> Q:
    return Q(**{f"{prefix}state__in": PUBLIC_PROJECT_STATES}) & Q(
        **{f"{prefix}campaign__state__in": PUBLIC_CAMPAIGN_STATES}
    )


def _closed_commissions(field: str) -> QuerySet[OpennessPolicy, int]:
    """Commissions that chose to keep a part of their running year internal."""
    return OpennessPolicy.objects.filter(**{field: False}).values_list("commission", flat=True)


def _running_project_q(prefix: str = "") -> Q:
    """Approved, not yet published projects of a public campaign whose commission opens them."""
    return (
        Q(**{f"{prefix}state__in": RUNNING_PROJECT_STATES})
        & Q(**{f"{prefix}campaign__state__in": PUBLIC_CAMPAIGN_STATES})
        & ~Q(
            **{f"{prefix}campaign__issuer__in": _closed_commissions("projects_public_on_approval")}
        )
    )


def _or_own_scope(q: Q, user: Any, prefix: str) -> Q:
    """`q`, or a project the user works on (all of them for a superuser)."""
    scope = scope_for(user)
    if scope.is_superuser:
        return Q()
    if scope.watch_paths:
        q |= path_q(scope.watch_paths, f"{prefix}campaign__issuer__path")
    if scope.unit_ids:
        q |= Q(**{f"{prefix}lead_units__in": scope.unit_ids})
    return q


def project_visibility_q(user: Any, prefix: str = "") -> Q:
    """Projects the user may read: published and running public ones, their own scope's."""
    return _or_own_scope(_public_project_q(prefix) | _running_project_q(prefix), user, prefix)


def project_is_open_to_public(*, project: Project) -> bool:
    """Whether anyone, signed in or not, may read the project's page."""
    if project.is_public:
        return True
    return Project.objects.filter(_running_project_q(), pk=project.pk).exists()


def project_results_q(user: Any, prefix: str = "") -> Q:
    """Projects whose outcomes and figures the user may read: published ones, own scope's.

    A running project is public from approval, its outcomes only once published.
    """
    return _or_own_scope(_public_project_q(prefix), user, prefix)


def campaign_visibility_q(user: Any) -> Q:
    scope = scope_for(user)
    if scope.is_superuser:
        return Q()
    q = Q(state__in=PUBLIC_CAMPAIGN_STATES)
    if scope.watch_paths:
        q |= path_q(scope.watch_paths, "issuer__path")
    if scope.unit_ids:
        q |= Q(projects__lead_units__in=scope.unit_ids)
    return q


def _lead_units_prefetch() -> Prefetch[Any]:
    return Prefetch("lead_units", queryset=Organization.objects.order_by("name"))


def campaign_list_for(*, user: Any, year: int | None = None) -> QuerySet[Campaign]:
    qs = Campaign.objects.filter(
        pk__in=Campaign.objects.filter(campaign_visibility_q(user)).values("pk")
    )
    if year is not None:
        qs = qs.filter(year=year)
    return qs.select_related("issuer").annotate(
        project_count=Count(
            "projects",
            filter=project_visibility_q(user, "projects__")
            if not scope_for(user).is_superuser
            else Q(),
            distinct=True,
        )
    )


def campaign_get_for(*, user: Any, pk: int) -> Campaign:
    campaign = campaign_list_for(user=user).filter(pk=pk).first()
    if campaign is None:
        raise Http404
    return campaign


def project_list_for(*, user: Any, campaign: Campaign | None = None) -> QuerySet[Project]:
    qs = Project.objects.filter(
        pk__in=Project.objects.filter(project_visibility_q(user)).values("pk")
    )
    if campaign is not None:
        qs = qs.filter(campaign=campaign)
    return qs.select_related("campaign__issuer").prefetch_related(_lead_units_prefetch())


def campaign_projects_for(*, user: Any, campaign: Campaign) -> QuerySet[Project]:
    """A campaign's page: its projects in order, with their targets (a bar each)."""
    return (
        project_list_for(user=user, campaign=campaign)
        .prefetch_related(Prefetch("targets", queryset=Target.objects.order_by("position")))
        .order_by("position")
    )


def project_get_for(*, user: Any, pk: int, readings: bool = False) -> Project:
    """One project with everything its page shows, in a constant number of queries; with
    `readings`, each target's monthly values too (the public page's curve).

    Its outcomes and figures are loaded only where the user may read its results: a running
    project is public from approval, what it achieved once the commission publishes it.
    """
    with_results = Project.objects.filter(project_results_q(user)).values("pk")
    readings_qs = TargetReading.objects.order_by("month")
    project = (
        project_list_for(user=user)
        .filter(pk=pk)
        .prefetch_related(
            # Explicit orderings: the models' default ones (["project", "position"]) follow
            # Project's and Campaign's and would join three tables to sort one project's rows.
            Prefetch(
                "targets",
                queryset=Target.objects.order_by("position").prefetch_related(
                    Prefetch("readings", queryset=readings_qs)
                )
                if readings
                else Target.objects.order_by("position"),
            ),
            Prefetch(
                "outcomes",
                queryset=Outcome.objects.filter(project__in=with_results)
                .order_by("position")
                .prefetch_related(
                    Prefetch("metrics", queryset=Metric.objects.order_by("position"))
                ),
            ),
            Prefetch(
                "metrics",
                queryset=Metric.objects.filter(project__in=with_results).order_by(
                    "outcome__position", "position"
                ),
            ),
        )
        .first()
    )
    if project is None:
        raise Http404
    return project


def progress_report_list_for(*, user: Any, project: Project) -> QuerySet[ProgressReport]:
    """A project's monthly reports, newest first: its staff read all of them, the public those
    of a visible project whose commission publishes its monthly reports (the default).

    The caller loaded `project` through `project_get_for` (lead units prefetched).
    """
    qs = ProgressReport.objects.filter(project=project).order_by("-month")
    if user.has_perm("campaigns.view_internal_project", project):
        return qs
    return qs.exclude(
        project__campaign__issuer__in=_closed_commissions("progress_reports_public")
    ).filter(project__in=Project.objects.filter(project_visibility_q(user)).values("pk"))


def openness_policy_for(*, commission: Organization) -> OpennessPolicy:
    """The commission's openness setting; the defaults (all open) where it chose none."""
    return OpennessPolicy.objects.filter(commission=commission).first() or OpennessPolicy(
        commission=commission
    )


def campaign_years_public() -> list[int]:
    return list(
        Campaign.objects.filter(state__in=PUBLIC_CAMPAIGN_STATES)
        .order_by("-year")
        .values_list("year", flat=True)
        .distinct()
    )


# ---------------------------------------------------------------- public portal


def campaign_years_for(*, user: Any) -> list[int]:
    """The years that have a campaign this user may read, newest first."""
    return list(
        Campaign.objects.filter(
            pk__in=Campaign.objects.filter(campaign_visibility_q(user)).values("pk")
        )
        .order_by("-year")
        .values_list("year", flat=True)
        .distinct()
    )


def _campaign_totals_prefetch() -> Prefetch[Any]:
    return Prefetch("metrics", queryset=Metric.objects.order_by("position", "pk"))


def campaign_list_with_totals_for(
    *, user: Any, year: int | None = None, region: Organization | None = None
) -> QuerySet[Campaign]:
    """Campaigns (newest year first) with their intro totals (督导检查 646 次 …) prefetched;
    with `region`, those issued within it (a province, a city, a district)."""
    qs = campaign_list_for(user=user, year=year)
    if region is not None:
        qs = qs.filter(path_q((region.path,), "issuer__path"))
    return (
        qs.annotate(
            published_count=Count(
                "projects", filter=Q(projects__state__in=PUBLIC_PROJECT_STATES), distinct=True
            ),
            # What a running campaign has under way (the public may know how many projects and
            # units, before any result is published): decided projects and their lead units.
            active_project_count=Count(
                "projects", filter=~Q(projects__state=ProjectState.DRAFT), distinct=True
            ),
            lead_unit_count=Count(
                "projects__lead_units",
                filter=~Q(projects__state=ProjectState.DRAFT),
                distinct=True,
            ),
        )
        .prefetch_related(_campaign_totals_prefetch())
        .order_by("-year", "issuer__path")
    )


def campaign_get_with_totals_for(*, user: Any, pk: int) -> Campaign:
    campaign = campaign_list_with_totals_for(user=user).filter(pk=pk).first()
    if campaign is None:
        raise Http404
    return campaign


@dataclass(frozen=True)
class TimelineEntry:
    """One line of a project's public timeline: never an internal username."""

    at: datetime
    label: str
    by: str
    detail: str = ""
    # Entered by the system afterwards (an imported announcement): `at` is the entry date,
    # not when the step happened, and the page says so.
    entered: bool = False


# What the public may see of a project's history, in words. Edits, returns and other internal
# back-and-forth stay in the back office.
PUBLIC_PROJECT_ACTIONS: dict[str, str | Promise] = {
    "project.imported": _("根据已公布的成果公告录入"),
    "project.approve": _("确定治理项目"),
    "project.start": _("启动治理"),
    "project.report_submitted": _("报送工作月报"),
    "project.submit_outcomes": _("报送治理成果"),
    "project.publish": _("成果公布"),
    "project.close": _("结项"),
}
# Steps taken by the lead units rather than by the commission that owns the event.
_UNIT_ACTIONS = frozenset({"project.start", "project.report_submitted", "project.submit_outcomes"})


def project_timeline_for(*, project: Project) -> list[TimelineEntry]:
    """The public milestones of a project, oldest first, credited to organizations.

    The caller has loaded `project` through `project_get_for` (so it may see it, and its lead
    units are prefetched).
    """
    units = "、".join(org.name for org in project.lead_units.all())
    events = (
        event_list_for(target=project)
        .filter(action__in=PUBLIC_PROJECT_ACTIONS)
        .select_related("organization")
    )
    entries = []
    for event in events:
        by = units if event.action in _UNIT_ACTIONS and units else ""
        if not by and event.organization is not None:
            by = event.organization.name
        if event.action == "project.imported":
            entries.append(
                TimelineEntry(
                    at=event.created_at,
                    label=_("%(year)d年度治理成果") % {"year": project.campaign.year},
                    by=by,
                    detail=str(PUBLIC_PROJECT_ACTIONS[event.action]),
                    entered=True,
                )
            )
            continue
        month = event.after.get("month", "") if isinstance(event.after, dict) else ""
        entries.append(
            TimelineEntry(
                at=event.created_at,
                label=str(PUBLIC_PROJECT_ACTIONS[event.action]),
                by=by,
                detail=_month_label(month),
            )
        )
    return entries


def _month_label(month: str) -> str:
    """The month a report covers, in words ("2024-05" → "2024年5月"); anything else → ""."""
    year, _sep, number = month.partition("-")
    if not (year.isdigit() and number.isdigit()):
        return ""
    return _("%(year)s年%(month)d月") % {"year": year, "month": int(number)}


# ---------------------------------------------------------------- back office


def _staff_scope_q(user: Any, prefix: str = "") -> Q:
    """Projects the user works on: all in watched subtrees, and those their units lead.

    Unlike `project_visibility_q`, other districts' published projects are left out: the back
    office lists one's own work, the portal lists everything public.
    """
    scope = scope_for(user)
    if scope.is_superuser:
        return Q()
    q = path_q(scope.watch_paths, f"{prefix}campaign__issuer__path")
    if scope.unit_ids:
        q |= Q(**{f"{prefix}lead_units__in": scope.unit_ids})
    return q


def campaign_list_staff_for(*, user: Any) -> QuerySet[Campaign]:
    """Campaigns in the user's own scope (issued in a watched subtree, or with a led project)."""
    scope = scope_for(user)
    q = Q() if scope.is_superuser else path_q(scope.watch_paths, "issuer__path")
    if scope.unit_ids:
        q |= Q(projects__lead_units__in=scope.unit_ids)
    return (
        campaign_list_for(user=user)
        .filter(pk__in=Campaign.objects.filter(q).values("pk"))
        .order_by("-year", "issuer__path")
    )


def project_list_staff_for(*, user: Any, campaign: Campaign | None = None) -> QuerySet[Project]:
    """Projects in the user's own scope, with what the start page needs to say what is next."""
    qs = project_list_for(user=user, campaign=campaign).filter(
        pk__in=Project.objects.filter(_staff_scope_q(user)).values("pk")
    )
    return (
        qs.annotate(
            target_count=Count("targets", distinct=True),
            outcome_count=Count("outcomes", distinct=True),
            last_report_month=Subquery(
                ProgressReport.objects.filter(project=OuterRef("pk"))
                .order_by("-month")
                .values("month")[:1]
            ),
        )
        .prefetch_related(
            # the months reported, so every missing month is named (one query for the page)
            Prefetch("reports", queryset=ProgressReport.objects.only("pk", "project_id", "month"))
        )
        .order_by("-campaign__year", "campaign__issuer__path", "position")
    )


def report_months_missing(project: Project, today: date) -> list[date]:
    """Every month the lead unit still owes a report for, oldest first — not only the last.

    From the month the project started (its creation or its first report, whichever is
    earlier, within the campaign's year) to the month due (`report_month_due`'s rule: the
    current month while the year runs, December once it is over); a month with a report is
    settled. Only a project in progress owes reports. Uses prefetched `reports` when present.
    """
    year = project.campaign.year
    if project.state != ProjectState.IN_PROGRESS or today.year < year:
        return []
    last = today.replace(day=1) if today.year == year else date(year, 12, 1)
    reported = {report.month for report in project.reports.all()}
    started = timezone.localtime(project.created_at).date().replace(day=1)
    # a project created after its year (imported, or late) still owes the month due
    month = min(max(min([started, *reported]), date(year, 1, 1)), last)
    missing = []
    while month <= last:
        if month not in reported:
            missing.append(month)
        month = date(month.year + month.month // 12, month.month % 12 + 1, 1)
    return missing
