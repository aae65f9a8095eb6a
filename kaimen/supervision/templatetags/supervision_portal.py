"""The supervision figures of a campaign on the public portal (from the commission's records)."""

from decimal import Decimal
from typing import Any

from django import template
from django.utils.translation import gettext as _

from kaimen.campaigns.models import Campaign
from kaimen.supervision.selectors import campaign_supervision_totals

register = template.Library()

TEN_THOUSAND = Decimal(10000)


def _amount(yuan: Decimal) -> tuple[str, str]:
    """万元 once the amount reaches ten thousand yuan, as announcements write it."""
    if yuan >= TEN_THOUSAND:
        return f"{(yuan / TEN_THOUSAND).quantize(Decimal('0.01')).normalize():f}", _("万元")
    return f"{yuan.quantize(Decimal('1')):f}", _("元")


@register.inclusion_tag("supervision/portal/_campaign_figures.html")
def campaign_supervision_figures(campaign: Campaign) -> dict[str, Any]:
    """督导检查 N 次, 发现问题 N 个 … counted from the records, when the campaign has any."""
    totals = campaign_supervision_totals(campaign)
    if not totals.has_records:
        return {"figures": []}
    figures = [
        (_("督导检查"), str(totals.inspections), _("次")),
        (_("发现问题"), str(totals.problems), _("个")),
        (_("整改销号"), str(totals.problems_closed), _("个")),
        (_("查处问题"), str(totals.cases), _("个")),
        (_("批评教育帮助和处理"), str(totals.persons), _("人")),
        (_("推动建立和完善制度"), str(totals.institutions), _("项")),
    ]
    recovered = totals.amount_recovered + totals.amount_refunded
    if recovered:
        figures.append((_("追回清退资金"), *_amount(recovered)))
    return {"figures": figures, "campaign": campaign}
