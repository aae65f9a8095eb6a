"""Which sides of the house a user works on, decided from the user's org scope and registered
into `user.has_perm(perm)` (no object): pages and navigation ask these instead of looking at
roles themselves."""

from typing import Any

from kaimen.core.permissions import rule
from kaimen.orgs.selectors import scope_for

WATCH_JURISDICTION = "orgs.watch_jurisdiction"
ADMINISTER_JURISDICTION = "orgs.administer_jurisdiction"


@rule(WATCH_JURISDICTION)
def can_watch_jurisdiction(user: Any, obj: Any = None) -> bool:
    """A commission role: the commission's own pages (inspections, accountability, topic calls)."""
    return bool(scope_for(user).watch_paths)


@rule(ADMINISTER_JURISDICTION)
def can_administer_jurisdiction(user: Any, obj: Any = None) -> bool:
    """A commission admin: the pages only commission admins use (moderation)."""
    return bool(scope_for(user).admin_paths)
