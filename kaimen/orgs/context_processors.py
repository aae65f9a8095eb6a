from typing import Any

from django.http import HttpRequest

from kaimen.orgs.selectors import scope_for


def navigation(request: HttpRequest) -> dict[str, Any]:
    """What the layout needs to draw the right navigation for this visitor."""
    user = getattr(request, "user", None)
    scope = scope_for(user) if user is not None else None
    return {"is_staff_user": bool(scope and scope.is_staff)}
