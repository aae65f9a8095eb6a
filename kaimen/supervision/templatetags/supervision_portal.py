"""The supervision figures of a campaign on the public portal (from the commission's records)."""

from decimal import Decimal
from typing import Any

from django import template
from django.utils.translation import gettext as _

from kaimen.campaigns.models import Campaign
from kaimen.supervision.figures import FIGURES, recorded_for

register = template.Library()

TEN_THOUSAND = Decimal(10000)
# The registered figures the portal shows, in this order (when the campaign has records).
PORTAL_CODES = (
    "inspections",
    "problems_found",
    "problems_rectified",
    "cases",
    "persons_handled",
    "institutions",
)
RECORD_CODES = ("inspections", "problems_found", "cases", "persons_handled")


def _amount(yuan: Decimal) -> tuple[str, str]:
    """万元 once the amount reaches ten thousand yuan, as announcements write it."""
    if yuan >= TEN_THOUSAND:
        return f"{(yuan / TEN_THOUSAND).quantize(Decimal('0.01')).normalize():f}", _("万元")
    return f"{yuan.quantize(Decimal('1')):f}", _("元")


@register.inclusion_tag("supervision/portal/_campaign_figures.html")
def campaign_supervision_figures(campaign: Campaign) -> dict[str, Any]:
    """督导检查 N 次, 发现问题 N 个 … the registry's counts, when the campaign has records."""
    values = recorded_for(campaign, (*PORTAL_CODES, "funds_recovered"))
    if not any(values[code] for code in RECORD_CODES):
        return {"figures": []}
    figures = [
        (str(FIGURES[code].label), f"{values[code]:f}", FIGURES[code].unit) for code in PORTAL_CODES
    ]
    if values["funds_recovered"]:
        figures.append((str(FIGURES["funds_recovered"].label), *_amount(values["funds_recovered"])))
    return {"figures": figures, "campaign": campaign}
