from collections.abc import Callable
from typing import Any

from django.http import HttpRequest

from kaimen.notifications.selectors import unread_count_for

_ATTRIBUTE = "_kaimen_unread_notifications"


def unread_notifications(request: HttpRequest) -> dict[str, Callable[[], int]]:
    """`unread_notifications` for the navbars' badge: counted on first use only (pages without
    a navbar run no query), once per request however often the templates ask."""

    def count() -> int:
        cached: int | None = getattr(request, _ATTRIBUTE, None)
        if cached is None:
            user: Any = getattr(request, "user", None)
            cached = unread_count_for(user=user) if user is not None else 0
            setattr(request, _ATTRIBUTE, cached)
        return cached

    return {"unread_notifications": count}
