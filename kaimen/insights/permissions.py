"""Who may read dashboards and league tables and set a commission's league-table policy."""

from typing import Any

from kaimen.core.permissions import rule
from kaimen.orgs.models import Organization, OrganizationKind
from kaimen.orgs.selectors import scope_for


@rule("insights.view_league_table")
def can_view_league_table(user: Any, commission: Organization) -> bool:
    """A commission's internal league table: commission roles watching that commission."""
    return commission.kind == OrganizationKind.COMMISSION and scope_for(user).watches(commission)


@rule("insights.manage_league_table")
def can_manage_league_table(user: Any, commission: Organization) -> bool:
    """Choose public or internal: the commission's own admins (or those above it)."""
    return commission.kind == OrganizationKind.COMMISSION and scope_for(user).administers(
        commission
    )
