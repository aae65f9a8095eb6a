"""Filing problems, alone or with the inspection that found them (督导检查)."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from kaimen.campaigns.models import Project
from kaimen.core.errors import ApplicationError
from kaimen.core.permissions import require
from kaimen.orgs.models import Organization
from kaimen.supervision.models import (
    ZERO,
    Inspection,
    InspectionKind,
    Problem,
    ProblemSource,
    Severity,
)
from kaimen.supervision.services.checks import (
    attach_files,
    check_project,
    check_unit,
    clean_amount,
    clean_text,
    require_commission,
    resolve_today,
)
from kaimen.supervision.services.numbering import problem_number
from kaimen.timeline.services import event_record

MAX_TEXT = 5000

# ---------------------------------------------------------------- problems: filing


@dataclass(frozen=True)
class ProblemData:
    """One problem to file (from an inspection, an import row or the API)."""

    responsible_unit: Organization
    description: str
    deadline: date
    source: str = ProblemSource.INSPECTION
    severity: str = Severity.GENERAL
    project: Project | None = None
    amount_refunded: Decimal = ZERO
    amount_recovered: Decimal = ZERO


def _problem_file(
    *,
    actor: Any,
    commission: Organization,
    data: ProblemData,
    inspection: Inspection | None,
    today: date,
    field_prefix: str = "",
) -> Problem:
    """Validate and save one problem with its number (permission already checked)."""
    if data.source not in ProblemSource.values:
        raise ApplicationError(_("问题来源不正确。"), code="invalid", field=f"{field_prefix}source")
    if data.severity not in Severity.values:
        raise ApplicationError(
            _("严重程度不正确。"), code="invalid", field=f"{field_prefix}severity"
        )
    check_unit(commission, data.responsible_unit, f"{field_prefix}responsible_unit")
    if data.project is not None:
        check_project(commission, data.project, f"{field_prefix}project")
    description = clean_text(data.description, f"{field_prefix}description", _("请填写问题描述。"))
    problem = Problem(
        commission=commission,
        number=problem_number(commission, today.year),
        source=data.source,
        inspection=inspection,
        project=data.project,
        responsible_unit=data.responsible_unit,
        description=description,
        severity=data.severity,
        assigned_on=today,
        original_deadline=data.deadline,
        deadline=data.deadline,
        amount_refunded=clean_amount(data.amount_refunded, f"{field_prefix}amount_refunded"),
        amount_recovered=clean_amount(data.amount_recovered, f"{field_prefix}amount_recovered"),
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    problem.save()
    event_record(
        actor=actor,
        action="problem.created",
        target=problem,
        organization=commission,
        after={
            "number": problem.number,
            "source": problem.source,
            "responsible_unit": data.responsible_unit.pk,
            "deadline": problem.deadline,
            "inspection": inspection.pk if inspection else None,
        },
    )
    return problem


@transaction.atomic
def problem_create(
    *,
    actor: Any,
    commission: Organization,
    responsible_unit: Organization,
    description: str,
    deadline: date,
    source: str,
    severity: str = Severity.GENERAL,
    project: Project | None = None,
    inspection: Inspection | None = None,
    amount_refunded: Decimal = ZERO,
    amount_recovered: Decimal = ZERO,
    today: date | None = None,
) -> Problem:
    """File (挂号) a problem. The deadline may lie in the past when it is recorded late."""
    require_commission(commission)
    require(actor, "supervision.add_problem", commission)
    if inspection is not None and inspection.commission_id != commission.pk:
        raise ApplicationError(_("督导检查不属于该纪委监委。"), code="invalid", field="inspection")
    data = ProblemData(
        responsible_unit=responsible_unit,
        description=description,
        deadline=deadline,
        source=source,
        severity=severity,
        project=project,
        amount_refunded=amount_refunded,
        amount_recovered=amount_recovered,
    )
    return _problem_file(
        actor=actor,
        commission=commission,
        data=data,
        inspection=inspection,
        today=resolve_today(today),
    )


@transaction.atomic
def inspection_create(
    *,
    actor: Any,
    commission: Organization,
    date: date,
    kind: str,
    members: str = "",
    notes: str = "",
    inspected_units: Sequence[Organization] = (),
    projects: Sequence[Project] = (),
    problems: Sequence[ProblemData] = (),
    files: Sequence[UploadedFile[Any]] = (),
    today: date | None = None,
) -> Inspection:
    """Log an inspection and file the problems found, all or nothing."""
    require_commission(commission)
    require(actor, "supervision.add_inspection", commission)
    today = resolve_today(today)
    if kind not in InspectionKind.values:
        raise ApplicationError(_("检查方式不正确。"), code="invalid", field="kind")
    if date > today:
        raise ApplicationError(_("检查日期不能晚于今天。"), code="future", field="date")
    for unit in inspected_units:
        check_unit(commission, unit, "inspected_units")
    for project in projects:
        check_project(commission, project, "projects")
    inspection = Inspection.objects.create(
        commission=commission,
        date=date,
        kind=kind,
        members=members.strip(),
        notes=notes.strip(),
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    units = {unit.pk: unit for unit in inspected_units}
    units.update({p.responsible_unit.pk: p.responsible_unit for p in problems})
    inspection.inspected_units.set(list(units.values()))
    linked = {project.pk: project for project in projects}
    linked.update({p.project.pk: p.project for p in problems if p.project is not None})
    inspection.projects.set(list(linked.values()))
    event_record(
        actor=actor,
        action="inspection.created",
        target=inspection,
        organization=commission,
        after={
            "date": date,
            "kind": kind,
            "inspected_units": sorted(units),
            "projects": sorted(linked),
            "problems": len(problems),
        },
    )
    attach_files(actor, files, inspection=inspection)
    for index, data in enumerate(problems):
        _problem_file(
            actor=actor,
            commission=commission,
            data=data,
            inspection=inspection,
            today=today,
            field_prefix=f"problems-{index}-",
        )
    return inspection
