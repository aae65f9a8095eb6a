"""Writes of the insights app: indicator codes on figures, the league-table policy."""

from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from kaimen.campaigns.indicators import code_for
from kaimen.campaigns.models import Campaign, Metric
from kaimen.core.errors import ApplicationError
from kaimen.core.permissions import require
from kaimen.insights.models import LeagueTablePolicy, LeagueVisibility
from kaimen.orgs.models import Organization, OrganizationKind
from kaimen.timeline.services import event_record


@transaction.atomic
def metric_codes_assign(*, actor: Any, campaign: Campaign, overwrite: bool = False) -> int:
    """Give every figure of the campaign (intro totals, projects, outcome items) its indicator
    code from the dictionary; returns how many codes changed.

    Figures that already carry a code keep it unless `overwrite`. `actor=None` is the system
    (the `classify_metrics` command); anyone else needs to manage the campaign. The importer
    calls this after writing the figures of an announcement.
    """
    if actor is not None:
        require(actor, "campaigns.change_campaign", campaign)
    metrics = Metric.objects.filter(Q(campaign=campaign) | Q(project__campaign=campaign))
    if not overwrite:
        metrics = metrics.filter(code="")
    changed: list[Metric] = []
    for metric in metrics.only("pk", "label", "normalized_unit", "code"):
        code = code_for(metric.label, metric.normalized_unit)
        if code != metric.code:
            metric.code = code
            changed.append(metric)
    if not changed:
        return 0
    Metric.objects.bulk_update(changed, ["code"], batch_size=500)
    codes = sorted({m.code for m in changed if m.code})
    event_record(
        actor=actor,
        action="campaign.metrics_classified",
        target=campaign,
        organization=campaign.issuer,
        after={"changed": len(changed), "codes": codes},
    )
    return len(changed)


@transaction.atomic
def league_table_policy_set(
    *, actor: Any, commission: Organization, visibility: str
) -> LeagueTablePolicy:
    """Choose whether the commission's monthly league tables are public or internal."""
    if commission.kind != OrganizationKind.COMMISSION:
        raise ApplicationError(
            _("只有纪委监委可以设置晾晒通报。"), code="invalid", field="commission"
        )
    require(actor, "insights.manage_league_table", commission)
    if visibility not in LeagueVisibility.values:
        raise ApplicationError(_("请选择晾晒方式。"), code="invalid", field="visibility")
    policy, _created = LeagueTablePolicy.objects.select_for_update().get_or_create(
        commission=commission
    )
    before = policy.visibility
    if before == visibility and not _created:
        return policy
    policy.visibility = visibility
    policy.full_clean()
    policy.save(update_fields=["visibility", "updated_at"])
    event_record(
        actor=actor,
        action="insights.league_table_policy_set",
        target=policy,
        organization=commission,
        before={"visibility": before},
        after={"visibility": visibility},
    )
    return policy
