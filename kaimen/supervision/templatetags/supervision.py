"""Template helpers of the supervision pages."""

from typing import Any

from django import template

from kaimen.orgs.permissions import WATCH_JURISDICTION

register = template.Library()


@register.simple_tag(takes_context=True)
def watches_jurisdiction(context: dict[str, Any]) -> bool:
    """Whether the permission layer lets the signed-in user see the commission's pages (else
    the pages show a unit's view)."""
    user = getattr(context.get("request"), "user", None)
    return user is not None and user.has_perm(WATCH_JURISDICTION)


@register.filter
def get_item(mapping: Any, key: Any) -> Any:
    return mapping.get(key) if hasattr(mapping, "get") else None
