"""The commission's warning policy: colour thresholds by working days, escalation steps."""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from kaimen.core.errors import ApplicationError
from kaimen.core.permissions import require
from kaimen.orgs.models import Organization
from kaimen.supervision.models import (
    Clock,
    EscalationStep,
    PolicyObject,
    WarningPolicy,
)
from kaimen.supervision.services.checks import require_commission
from kaimen.supervision.warnings import (
    COLOUR_LABELS,
    COLOUR_SETS,
    policy_thresholds,
)
from kaimen.timeline.services import event_record

MAX_TEXT = 5000

# ---------------------------------------------------------------- warning policy


@dataclass(frozen=True)
class ThresholdData:
    colour: str
    clock: str
    days: int | None
    step: str


@transaction.atomic
def warning_policy_save(
    *,
    actor: Any,
    commission: Organization,
    colours: str,
    workdays: bool,
    thresholds: Sequence[ThresholdData],
    listed_escalation: bool,
    lookback_days: int | None,
    publish_listed: bool = False,
) -> WarningPolicy:
    """Set the commission's policy for problems. Errors name the field (`<colour>_days` …).

    `thresholds` gives each colour of the chosen set its clock, days and escalation step; the
    colours must grow more severe in order (before the deadline: fewer days left; overdue or
    since assignment: more days gone)."""
    require_commission(commission)
    require(actor, "supervision.change_policy", commission)
    if colours not in COLOUR_SETS:
        raise ApplicationError(_("请选择预警颜色。"), code="invalid", field="colours")
    if lookback_days is None or not 1 <= lookback_days <= 730:  # noqa: PLR2004
        raise ApplicationError(
            _("回头看天数应在 1 至 730 之间。"), code="invalid", field="lookback_days"
        )
    by_colour = {t.colour: t for t in thresholds}
    rows: list[dict[str, Any]] = []
    escalation: dict[str, str] = {}
    previous: tuple[int, int] | None = None
    for colour in COLOUR_SETS[colours]:
        data = by_colour.get(colour)
        label = str(COLOUR_LABELS[colour])
        if data is None or data.days is None:
            raise ApplicationError(
                _("请填写%s的天数。") % label, code="required", field=f"{colour}_days"
            )
        if data.clock not in Clock.values:
            raise ApplicationError(
                _("%s的计时方式不正确。") % label, code="invalid", field=f"{colour}_clock"
            )
        if not 0 <= data.days <= 365:  # noqa: PLR2004
            raise ApplicationError(
                _("%s的天数应在 0 至 365 之间。") % label, code="invalid", field=f"{colour}_days"
            )
        if data.step and data.step not in EscalationStep.values:
            raise ApplicationError(
                _("%s的督办措施不正确。") % label, code="invalid", field=f"{colour}_step"
            )
        # Severity order: before the deadline (fewer days left is later) < after it.
        key = (0, -data.days) if data.clock == Clock.BEFORE_DEADLINE else (1, data.days)
        if data.clock == Clock.SINCE_ASSIGNMENT:
            key = (1, data.days)
        if previous is not None and key <= previous:
            raise ApplicationError(
                _("%s的预警条件应比上一级更严重（更临近或更晚于整改时限）。") % label,
                code="order",
                field=f"{colour}_days",
            )
        previous = key
        rows.append({"colour": colour, "clock": data.clock, "days": data.days})
        if data.step:
            escalation[colour] = data.step
    policy = WarningPolicy.objects.filter(
        commission=commission, object_type=PolicyObject.PROBLEM
    ).first() or WarningPolicy(commission=commission, object_type=PolicyObject.PROBLEM)
    before = {
        "colours": policy.colours,
        "thresholds": policy.thresholds,
        "escalation": policy.escalation,
        "lookback_days": policy.lookback_days,
        "publish_listed": policy.publish_listed,
    }
    policy.colours = colours
    policy.clock = rows[0]["clock"]
    policy.workdays = workdays
    policy.thresholds = rows
    policy.escalation = escalation
    policy.listed_escalation = listed_escalation
    policy.lookback_days = lookback_days
    policy.publish_listed = publish_listed
    policy_thresholds(policy)  # the colour function's own check, as a last guard
    policy.save()
    event_record(
        actor=actor,
        action="warning_policy.saved",
        target=policy,
        organization=commission,
        before=before,
        after={
            "colours": colours,
            "thresholds": rows,
            "escalation": escalation,
            "lookback_days": lookback_days,
            "publish_listed": publish_listed,
        },
    )
    return policy
