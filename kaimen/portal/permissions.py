"""Who handles the site's corrections: staff of a commission (they run the site) and admins."""

from typing import Any

from kaimen.core.permissions import rule
from kaimen.orgs.selectors import scope_for


@rule("portal_site.handle_correction")
def can_handle_correction(user: Any, obj: Any = None) -> bool:
    return bool(scope_for(user).watch_paths)
