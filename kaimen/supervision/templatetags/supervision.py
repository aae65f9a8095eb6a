"""Template helpers of the supervision pages."""

from typing import Any

from django import template

from kaimen.orgs.selectors import scope_for

register = template.Library()


@register.simple_tag(takes_context=True)
def is_commission(context: dict[str, Any]) -> bool:
    """Whether the signed-in user holds a commission role (else a unit's view)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    scope = scope_for(user)
    return scope.is_superuser or bool(scope.watch_paths)


@register.filter
def get_item(mapping: Any, key: Any) -> Any:
    return mapping.get(key) if hasattr(mapping, "get") else None
