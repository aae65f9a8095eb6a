from decimal import Decimal
from typing import Any

from django import template

from kaimen.core.format import grouped, number, wanyuan
from kaimen.supervision.warnings import COLOUR_LABELS

register = template.Library()


@register.filter
def item(mapping: Any, key: Any) -> Any:
    """`mapping[key]` in a template (dicts of counts by colour or state)."""
    try:
        return mapping[key]
    except (KeyError, IndexError, TypeError):
        return None


@register.filter
def indicator_value(value: Decimal | None, unit: str) -> str:
    """A total in the unit announcements use: 元 amounts in 万元, counts grouped (1,234 次)."""
    if value is None:
        return "—"
    if unit == "元":
        return wanyuan(value)
    if unit == "%":
        return f"{number(value)}%"
    return f"{grouped(value)}{unit}"


@register.filter
def colour_label(colour: str) -> str:
    return str(COLOUR_LABELS.get(colour, colour))
