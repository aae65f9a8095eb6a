from django import template

from kaimen.sso.providers import Provider, configured_providers

register = template.Library()


@register.simple_tag
def sso_providers(audience: str) -> list[Provider]:
    """The identity providers configured for "staff" or "citizen" sign-in."""
    return configured_providers(audience)
