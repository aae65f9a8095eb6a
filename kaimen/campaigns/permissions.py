"""Who may do what to campaigns and projects. Registered into `user.has_perm(perm, obj)`."""

from typing import Any

from kaimen.campaigns.models import (
    ANSWERABLE_PROJECT_STATES,
    PUBLIC_PROJECT_STATES,
    Campaign,
    Project,
)
from kaimen.core.permissions import rule
from kaimen.orgs.models import Organization, OrganizationKind
from kaimen.orgs.selectors import scope_for


def _lead_unit_ids(project: Project) -> set[int]:
    # Uses the prefetched lead units when a selector loaded them.
    return {org.pk for org in project.lead_units.all()}


@rule("campaigns.add_campaign")
def can_add_campaign(user: Any, issuer: Organization) -> bool:
    return issuer.kind == OrganizationKind.COMMISSION and scope_for(user).administers(issuer)


@rule("campaigns.change_campaign")
def can_change_campaign(user: Any, campaign: Campaign) -> bool:
    """Set up the year's campaign: projects, lead units, states (commission admins)."""
    return scope_for(user).administers(campaign.issuer)


@rule("campaigns.set_openness")
def can_set_openness(user: Any, commission: Organization) -> bool:
    """What of its running year a commission makes public (OpennessPolicy)."""
    return can_add_campaign(user, commission)


@rule("campaigns.import_announcement")
def can_import(user: Any, issuer: Organization) -> bool:
    return can_add_campaign(user, issuer)


@rule("campaigns.view_internal_project")
def can_view_internal(user: Any, project: Project) -> bool:
    """See a project before it is published, with its reports and timeline."""
    scope = scope_for(user)
    return scope.watches(project.campaign.issuer) or bool(scope.unit_ids & _lead_unit_ids(project))


@rule("campaigns.manage_project")
def can_manage_project(user: Any, project: Project) -> bool:
    """Title, theme, lead units and the approve/return/publish/close steps."""
    return scope_for(user).administers(project.campaign.issuer)


@rule("campaigns.answer_project")
def can_answer_project(user: Any, project: Project) -> bool:
    """The lead unit's answer: goal, plan, targets, monthly reports, outcomes (部门答题)."""
    if project.state in ANSWERABLE_PROJECT_STATES and scope_for(user).unit_ids & _lead_unit_ids(
        project
    ):
        return True
    # The commission may correct the answer until the results are published.
    return project.state not in PUBLIC_PROJECT_STATES and can_manage_project(user, project)
