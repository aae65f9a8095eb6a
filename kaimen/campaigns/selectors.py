"""Scoped reads of campaigns and projects: missing and forbidden look the same (404)."""

from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404

from kaimen.campaigns.models import (
    PUBLIC_PROJECT_STATES,
    Campaign,
    CampaignState,
    Metric,
    Outcome,
    Project,
)
from kaimen.orgs.models import Organization
from kaimen.orgs.selectors import path_q, scope_for

PUBLIC_CAMPAIGN_STATES = (CampaignState.RUNNING, CampaignState.PUBLISHED)


def _public_project_q(prefix: str = "") -> Q:
    return Q(**{f"{prefix}state__in": PUBLIC_PROJECT_STATES}) & Q(
        **{f"{prefix}campaign__state__in": PUBLIC_CAMPAIGN_STATES}
    )


def project_visibility_q(user: Any, prefix: str = "") -> Q:
    """Projects the user may read: published ones, all in watched subtrees, own units' ones."""
    scope = scope_for(user)
    if scope.is_superuser:
        return Q()
    q = _public_project_q(prefix)
    if scope.watch_paths:
        q |= path_q(scope.watch_paths, f"{prefix}campaign__issuer__path")
    if scope.unit_ids:
        q |= Q(**{f"{prefix}lead_units__in": scope.unit_ids})
    return q


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
    qs = Project.objects.filter(pk__in=Project.objects.filter(project_visibility_q(user)).values("pk"))
    if campaign is not None:
        qs = qs.filter(campaign=campaign)
    return qs.select_related("campaign__issuer").prefetch_related(_lead_units_prefetch())


def project_get_for(*, user: Any, pk: int) -> Project:
    """One project with everything its page shows, in a constant number of queries."""
    project = (
        project_list_for(user=user)
        .filter(pk=pk)
        .prefetch_related(
            "targets",
            Prefetch(
                "outcomes",
                queryset=Outcome.objects.prefetch_related(
                    Prefetch("metrics", queryset=Metric.objects.order_by("position"))
                ),
            ),
            Prefetch("metrics", queryset=Metric.objects.order_by("outcome__position", "position")),
        )
        .first()
    )
    if project is None:
        raise Http404
    return project


def campaign_years_public() -> list[int]:
    return list(
        Campaign.objects.filter(state__in=PUBLIC_CAMPAIGN_STATES)
        .order_by("-year")
        .values_list("year", flat=True)
        .distinct()
    )
