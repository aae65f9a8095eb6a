"""The look-back after a problem is closed (回头看): confirm the result or reopen it."""

from datetime import date
from typing import Any

from django.db import transaction

from kaimen.supervision.models import (
    Inspection,
    InspectionKind,
    Problem,
)
from kaimen.supervision.services.checks import resolve_today
from kaimen.supervision.services.filing import inspection_create
from kaimen.supervision.services.problems import (
    check_action,
    problem_confirm_lookback,
    problem_reopen,
)

MAX_TEXT = 5000

# ---------------------------------------------------------------- look-backs


@transaction.atomic
def problem_lookback(
    *,
    actor: Any,
    problem: Problem,
    version: int,
    holds: bool,
    date: date,
    reason: str = "",
    deadline: date | None = None,
    members: str = "",
    notes: str = "",
    today: date | None = None,
) -> Inspection:
    """The look-back (回头看) of a closed problem: a 回头看 inspection of the unit, then the
    closing stands (`holds`) or the problem is reopened (relapse 反弹回潮, reason and new
    deadline required). All or nothing."""
    today = resolve_today(today)
    check_action(actor, problem, "confirm_lookback" if holds else "reopen", version, today)
    inspection = inspection_create(
        actor=actor,
        commission=problem.commission,
        date=date,
        kind=InspectionKind.LOOKBACK,
        members=members,
        notes=notes,
        inspected_units=[problem.responsible_unit],
        projects=[problem.project] if problem.project is not None else [],
        today=today,
    )
    if holds:
        problem_confirm_lookback(
            actor=actor,
            problem=problem,
            version=version,
            reason=reason,
            inspection=inspection,
            today=today,
        )
    else:
        problem_reopen(
            actor=actor,
            problem=problem,
            version=version,
            reason=reason,
            deadline=deadline,
            inspection=inspection,
            today=today,
        )
    return inspection
