"""The issuing commission named on the command line."""

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from kaimen.core.errors import ApplicationError
from kaimen.orgs.models import Organization, OrganizationKind
from kaimen.orgs.services import organization_create
from kaimen.timeline.services import event_record


@transaction.atomic
def import_issuer_get(*, actor: Any, issuer: str, region: str | None, create: bool) -> Organization:
    """The issuing commission named (or numbered) by an operator; created under `region` if asked."""
    commissions = Organization.objects.filter(kind=OrganizationKind.COMMISSION)
    if issuer.strip().isdigit():
        found = commissions.filter(pk=int(issuer)).first()
        if found is None:
            raise ApplicationError(_("没有编号为 %s 的纪委监委。") % issuer, field="issuer")
        return found
    matches = list(commissions.filter(name=issuer.strip()))
    if len(matches) > 1:
        raise ApplicationError(
            _("有多个名为“%(name)s”的纪委监委，请用编号：%(ids)s")
            % {"name": issuer, "ids": "、".join(str(m.pk) for m in matches)},
            code="ambiguous",
            field="issuer",
        )
    if matches:
        return matches[0]
    if not create or not region:
        raise ApplicationError(
            _("没有名为“%s”的纪委监委（可加 --create-orgs --region 新建）。") % issuer,
            code="not_found",
            field="issuer",
        )
    regions = list(Organization.objects.filter(kind=OrganizationKind.REGION, name=region.strip()))
    if len(regions) != 1:
        raise ApplicationError(
            _("行政区“%s”不存在或不唯一。") % region, code="not_found", field="region"
        )
    commission = organization_create(
        name=issuer.strip(),
        kind=OrganizationKind.COMMISSION,
        level=regions[0].level,
        parent=regions[0],
    )
    event_record(
        actor=actor,
        action="organization.created",
        target=commission,
        organization=commission,
        after={"name": commission.name, "parent": regions[0].name},
    )
    return commission
