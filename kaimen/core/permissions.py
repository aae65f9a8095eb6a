"""One place that answers "may this user do this to this object?".

Each app declares its rules in its own `permissions.py` with `@rule("app.verb_model")`; the
`RulesBackend` below plugs them into `user.has_perm(perm, obj)`, so views, the API and services
all ask the same question the same way. Querysets are scoped by the same predicates' helpers in
each app's `selectors.py`.
"""

from collections.abc import Callable
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

Predicate = Callable[[Any, Any], bool]
_RULES: dict[str, Predicate] = {}


def rule(perm: str) -> Callable[[Predicate], Predicate]:
    def register(predicate: Predicate) -> Predicate:
        if perm in _RULES:
            raise ValueError(f"permission rule {perm!r} registered twice")
        _RULES[perm] = predicate
        return predicate

    return register


def registered_rules() -> dict[str, Predicate]:
    return dict(_RULES)


class RulesBackend:
    """Authentication backend that authenticates nobody and answers object permissions."""

    def authenticate(self, request: object, **credentials: object) -> None:
        return None

    def has_perm(
        self, user_obj: AbstractBaseUser | AnonymousUser, perm: str, obj: Any = None
    ) -> bool:
        predicate = _RULES.get(perm)
        if predicate is None or not user_obj.is_active:
            return False
        return bool(predicate(user_obj, obj))


def require(user: Any, perm: str, obj: Any = None) -> None:
    """Raise PermissionDenied unless the user holds `perm` on `obj` (services call this first)."""
    if user.is_superuser and perm in _RULES:
        return
    if not user.has_perm(perm, obj):
        raise PermissionDenied(perm)
