"""Accountability records (问责): who was held to account for which problems, and how."""

from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from kaimen.campaigns.models import Project
from kaimen.core.errors import ApplicationError
from kaimen.core.permissions import require
from kaimen.orgs.models import Organization
from kaimen.supervision.models import (
    ZERO,
    AccountabilityRecord,
    Measure,
    Problem,
)
from kaimen.supervision.services.checks import (
    check_project,
    clean_amount,
    in_jurisdiction,
    require_commission,
    resolve_today,
)
from kaimen.timeline.services import event_record

MAX_TEXT = 5000

# ---------------------------------------------------------------- accountability


@transaction.atomic
def accountability_record_create(
    *,
    actor: Any,
    commission: Organization,
    measure: str,
    decided_on: date,
    cases: int = 0,
    persons: int = 0,
    problem: Problem | None = None,
    project: Project | None = None,
    amount_recovered: Decimal = ZERO,
    amount_refunded: Decimal = ZERO,
    notes: str = "",
    today: date | None = None,
) -> AccountabilityRecord:
    """Record cases and persons handled (commission roles only)."""
    require_commission(commission)
    require(actor, "supervision.add_accountability", commission)
    if measure not in Measure.values:
        raise ApplicationError(_("处理方式不正确。"), code="invalid", field="measure")
    if decided_on > resolve_today(today):
        raise ApplicationError(_("处理日期不能晚于今天。"), code="future", field="decided_on")
    if cases < 0 or persons < 0 or cases + persons == 0:
        raise ApplicationError(_("请填写问题件数或处理人数。"), code="required", field="persons")
    if problem is not None and not in_jurisdiction(commission, problem.commission):
        raise ApplicationError(_("问题不在监督范围内。"), code="out_of_scope", field="problem")
    if project is not None:
        check_project(commission, project)
    record = AccountabilityRecord.objects.create(
        commission=commission,
        problem=problem,
        project=project or (problem.project if problem is not None else None),
        decided_on=decided_on,
        cases=cases,
        persons=persons,
        measure=measure,
        amount_recovered=clean_amount(amount_recovered, "amount_recovered"),
        amount_refunded=clean_amount(amount_refunded, "amount_refunded"),
        notes=notes.strip(),
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    event_record(
        actor=actor,
        action="accountability.created",
        target=record,
        organization=commission,
        after={
            "measure": measure,
            "cases": cases,
            "persons": persons,
            "problem": problem.pk if problem else None,
            "project": record.project_id,
        },
    )
    return record
