"""Every write of a tour's rectification: permission, validation, one transaction, one Event.

Measure flow: open (未启动) → in_progress (整改中, the units report progress) → done (对账销号:
the office checks the ledger and the evidence) | long_term (长期坚持); a done measure may be
reopened by the office (a relapse found later). Edits carry the `version` the caller read: a
stale write gets ConflictError(code="stale"), never a silent overwrite.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from kaimen.core.errors import ApplicationError, ConflictError
from kaimen.core.permissions import require
from kaimen.core.transitions import advance
from kaimen.orgs.models import Organization, OrganizationKind
from kaimen.supervision.models import Problem
from kaimen.timeline.services import event_record
from kaimen.tours.models import ZERO, FeedbackItem, Measure, MeasureState, Tour, TourReport

MAX_TEXT = 5000

FIGURE_FIELDS = (
    "party_discipline",
    "government_sanction",
    "organizational",
    "admonition",
    "reminder",
    "institutions",
    "refunded_wan",
)


def _today(today: date | None) -> date:
    return today or timezone.localdate()


def _text(value: str, field: str, message: str, *, limit: int = MAX_TEXT) -> str:
    value = (value or "").strip()
    if not value:
        raise ApplicationError(message, code="required", field=field)
    if len(value) > limit:
        raise ApplicationError(
            _("内容过长（不超过 %d 字）。") % limit, code="too_long", field=field
        )
    return value


def _optional(value: str, field: str, *, limit: int = MAX_TEXT) -> str:
    value = (value or "").strip()
    if len(value) > limit:
        raise ApplicationError(
            _("内容过长（不超过 %d 字）。") % limit, code="too_long", field=field
        )
    return value


def _check_units(office: Organization, units: Sequence[Organization], field: str) -> None:
    if not units:
        raise ApplicationError(_("请至少指定一个责任单位。"), code="required", field=field)
    prefix = office.jurisdiction_path
    for unit in units:
        if unit.kind == OrganizationKind.REGION or not unit.path.startswith(prefix):
            raise ApplicationError(
                _("%s 不在本辖区内。") % unit.name, code="out_of_scope", field=field
            )


def _stale(obj: Tour | Measure, version: int) -> None:
    if version != obj.version:
        raise ConflictError(_("该记录已被他人修改，请刷新后重试。"), code="stale")


def _bump(obj: Any, version: int) -> None:
    """An edit (no transition): write only if nobody changed the record since `version`."""
    advance(obj, version=version, stale=_("该记录已被他人修改，请刷新后重试。"), match_state=False)


# ---------------------------------------------------------------- tours


@transaction.atomic
def tour_create(
    *,
    actor: Any,
    office: Organization,
    name: str,
    inspected_party: str,
    feedback_on: date,
    inspecting_body: str = "",
    today: date | None = None,
) -> Tour:
    require(actor, "tours.add_tour", office)
    if feedback_on > _today(today):
        raise ApplicationError(_("反馈日期不能晚于今天。"), code="future", field="feedback_on")
    tour = Tour.objects.create(
        office=office,
        name=_text(name, "name", _("请填写巡视（巡察）名称。"), limit=100),
        inspected_party=_text(
            inspected_party, "inspected_party", _("请填写被巡视党组织。"), limit=100
        ),
        inspecting_body=_optional(inspecting_body, "inspecting_body", limit=100),
        feedback_on=feedback_on,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    event_record(
        actor=actor,
        action="tour.created",
        target=tour,
        organization=office,
        after={
            "name": tour.name,
            "inspected_party": tour.inspected_party,
            "feedback_on": feedback_on,
        },
    )
    return tour


@transaction.atomic
def tour_update(*, actor: Any, tour: Tour, version: int, **changes: Any) -> Tour:
    """Edit the tour's description, report texts, state or figures (entered or counted)."""
    require(actor, "tours.manage_tour", tour)
    _stale(tour, version)
    allowed = {
        "name",
        "inspecting_body",
        "inspected_party",
        "feedback_on",
        "state",
        "intro",
        "closing",
        *FIGURE_FIELDS,
    }
    unknown = set(changes) - allowed
    if unknown:
        raise ApplicationError(_("无法修改：%s") % "、".join(sorted(unknown)), code="invalid")
    if "name" in changes:
        changes["name"] = _text(changes["name"], "name", _("请填写巡视（巡察）名称。"), limit=100)
    if "inspected_party" in changes:
        changes["inspected_party"] = _text(
            changes["inspected_party"], "inspected_party", _("请填写被巡视党组织。"), limit=100
        )
    for name in ("inspecting_body",):
        if name in changes:
            changes[name] = _optional(changes[name], name, limit=100)
    for name in ("intro", "closing"):
        if name in changes:
            changes[name] = _optional(changes[name], name, limit=20000)
    for name in FIGURE_FIELDS:
        if name in changes:
            value = changes[name]
            if value is None or value < 0:
                raise ApplicationError(_("数字不能为负数。"), code="invalid", field=name)
            if name == "refunded_wan":
                changes[name] = Decimal(value).quantize(Decimal("0.01"))
    before = {name: getattr(tour, name) for name in changes}
    diff = {name: value for name, value in changes.items() if before[name] != value}
    if not diff:
        return tour
    _bump(tour, version)
    Tour.objects.filter(pk=tour.pk).update(**diff)
    for name, value in diff.items():
        setattr(tour, name, value)
    event_record(
        actor=actor,
        action="tour.updated",
        target=tour,
        organization=tour.office,
        before={name: before[name] for name in diff},
        after=diff,
    )
    return tour


@transaction.atomic
def tour_report_create(
    *, actor: Any, tour: Tour, date: date, text: str, today: date | None = None
) -> TourReport:
    require(actor, "tours.manage_tour", tour)
    if date > _today(today):
        raise ApplicationError(_("报告日期不能晚于今天。"), code="future", field="date")
    report = TourReport.objects.create(
        tour=tour,
        date=date,
        text=_text(text, "text", _("请填写整改进展情况。"), limit=20000),
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    event_record(
        actor=actor,
        action="tour.report_created",
        target=tour,
        organization=tour.office,
        after={"date": date, "report": report.pk},
    )
    return report


# ---------------------------------------------------------------- feedback items


@dataclass(frozen=True)
class ItemData:
    category: str
    title: str
    detail: str = ""
    problem: Problem | None = None


def _check_item(tour: Tour, data: ItemData, prefix: str) -> tuple[str, str, str]:
    category = _text(data.category, f"{prefix}category", _("请填写问题类别。"), limit=60)
    title = _text(data.title, f"{prefix}title", _("请填写反馈问题。"), limit=200)
    detail = _optional(data.detail, f"{prefix}detail")
    if data.problem is not None and not data.problem.commission.path.startswith(
        tour.office.jurisdiction_path
    ):
        raise ApplicationError(
            _("关联问题不在本辖区内。"), code="out_of_scope", field=f"{prefix}problem"
        )
    return category, title, detail


@transaction.atomic
def feedback_items_add(*, actor: Any, tour: Tour, items: Sequence[ItemData]) -> list[FeedbackItem]:
    """Enter feedback items, numbered after the tour's last one; all or nothing."""
    require(actor, "tours.manage_tour", tour)
    Tour.objects.select_for_update().filter(pk=tour.pk).first()  # number in turn
    if not items:
        raise ApplicationError(_("请至少填写一个反馈问题。"), code="required")
    last = tour.items.aggregate(last=Max("position"))["last"] or 0
    created = []
    for index, data in enumerate(items):
        category, title, detail = _check_item(tour, data, f"items-{index}-")
        created.append(
            FeedbackItem.objects.create(
                tour=tour,
                category=category,
                position=last + index + 1,
                title=title,
                detail=detail,
                problem=data.problem,
            )
        )
    event_record(
        actor=actor,
        action="tour.items_added",
        target=tour,
        organization=tour.office,
        after={"items": [f"{i.position} {i.title}" for i in created]},
    )
    return created


@transaction.atomic
def feedback_item_update(
    *, actor: Any, item: FeedbackItem, data: ItemData, position: int | None = None
) -> FeedbackItem:
    tour = item.tour
    require(actor, "tours.manage_tour", tour)
    category, title, detail = _check_item(tour, data, "")
    before = {"category": item.category, "title": item.title, "detail": item.detail}
    item.category, item.title, item.detail, item.problem = category, title, detail, data.problem
    item.save(update_fields=["category", "title", "detail", "problem", "updated_at"])
    event_record(
        actor=actor,
        action="tour.item_updated",
        target=item,
        organization=tour.office,
        before=before,
        after={"category": category, "title": title, "detail": detail},
    )
    return item


# ---------------------------------------------------------------- measures


@dataclass(frozen=True)
class MeasureData:
    text: str
    units: Sequence[Organization]
    deadline: date | None
    leader: str = ""
    long_term: bool = False


def _check_measure(tour: Tour, data: MeasureData, prefix: str) -> tuple[str, str, date]:
    text = _text(data.text, f"{prefix}text", _("请填写整改措施。"))
    leader = _optional(data.leader, f"{prefix}leader", limit=100)
    _check_units(tour.office, data.units, f"{prefix}units")
    if data.deadline is None:
        raise ApplicationError(_("请填写整改时限。"), code="required", field=f"{prefix}deadline")
    return text, leader, data.deadline


@transaction.atomic
def measures_add(
    *, actor: Any, item: FeedbackItem, measures: Sequence[MeasureData], today: date | None = None
) -> list[Measure]:
    """Break a feedback item into measures, numbered after its last one; all or nothing."""
    tour = item.tour
    require(actor, "tours.manage_tour", tour)
    FeedbackItem.objects.select_for_update().filter(pk=item.pk).first()
    if not measures:
        raise ApplicationError(_("请至少填写一项整改措施。"), code="required")
    today = _today(today)
    last = item.measures.aggregate(last=Max("position"))["last"] or 0
    created = []
    for index, data in enumerate(measures):
        text, leader, deadline = _check_measure(tour, data, f"measures-{index}-")
        measure = Measure.objects.create(
            item=item,
            position=last + index + 1,
            text=text,
            leader=leader,
            assigned_on=today,
            deadline=deadline,
            state=MeasureState.LONG_TERM if data.long_term else MeasureState.OPEN,
        )
        measure.units.set(list(data.units))
        created.append(measure)
    event_record(
        actor=actor,
        action="tour.measures_added",
        target=item,
        organization=tour.office,
        after={
            "measures": [
                {"position": m.position, "deadline": m.deadline, "units": [u.pk for u in d.units]}
                for m, d in zip(created, measures, strict=True)
            ]
        },
    )
    return created


@transaction.atomic
def measure_update(*, actor: Any, measure: Measure, version: int, data: MeasureData) -> Measure:
    """The office edits a measure's text, units, leader and deadline."""
    tour = measure.item.tour
    require(actor, "tours.change_measure", measure)
    _stale(measure, version)
    text, leader, deadline = _check_measure(tour, data, "")
    before = {
        "text": measure.text,
        "leader": measure.leader,
        "deadline": measure.deadline,
        "units": sorted(u.pk for u in measure.units.all()),
    }
    _bump(measure, version)
    measure.text, measure.leader, measure.deadline = text, leader, deadline
    measure.save(update_fields=["text", "leader", "deadline", "updated_at"])
    measure.units.set(list(data.units))
    event_record(
        actor=actor,
        action="tour.measure_updated",
        target=measure,
        organization=tour.office,
        before=before,
        after={
            "text": text,
            "leader": leader,
            "deadline": deadline,
            "units": sorted(u.pk for u in data.units),
        },
    )
    return measure


def _transition(  # noqa: PLR0917
    actor: Any,
    measure: Measure,
    version: int,
    action: str,
    sources: tuple[str, ...],
    changes: dict[str, Any],
    reason: str = "",
) -> Measure:
    _stale(measure, version)
    if measure.state not in sources:
        raise ConflictError(
            _("整改措施当前状态为“%s”，不能执行此操作。") % measure.get_state_display(),
            code="invalid_transition",
        )
    before = {name: getattr(measure, name) for name in changes}
    _bump(measure, version)
    for name, value in changes.items():
        setattr(measure, name, value)
    measure.save(update_fields=[*changes, "updated_at"])
    event_record(
        actor=actor,
        action=f"tour.measure_{action}",
        target=measure,
        organization=measure.item.tour.office,
        before={k: v for k, v in before.items() if k not in ("closed_by",)},
        after={k: v for k, v in changes.items() if k not in ("closed_by",)},
        reason=reason,
    )
    return measure


OPEN_OR_RUNNING = (MeasureState.OPEN, MeasureState.IN_PROGRESS)


@transaction.atomic
def measure_progress(
    *, actor: Any, measure: Measure, version: int, progress: str, long_term: bool = False
) -> Measure:
    """Report progress (units or the office): an open measure moves to 整改中. The office may
    also mark it 长期坚持."""
    require(actor, "tours.update_measure", measure)
    text = _text(progress, "progress", _("请填写整改进展。"))
    changes: dict[str, Any] = {"progress": text}
    sources: tuple[str, ...] = (*OPEN_OR_RUNNING, MeasureState.LONG_TERM)
    if long_term:
        require(actor, "tours.close_measure", measure)
        changes["state"] = MeasureState.LONG_TERM
    elif measure.state == MeasureState.OPEN:
        changes["state"] = MeasureState.IN_PROGRESS
    return _transition(actor, measure, version, "progress", sources, changes)


@transaction.atomic
def measure_close(
    *, actor: Any, measure: Measure, version: int, evidence: str, ledger_checked: bool
) -> Measure:
    """对账销号: the office checks the measure against the ledger and records the evidence."""
    require(actor, "tours.close_measure", measure)
    text = _text(evidence, "evidence", _("请填写销号依据（整改成效、佐证材料）。"))
    if not ledger_checked:
        raise ApplicationError(
            _("请先逐项对账，确认整改到位后再销号。"), code="required", field="ledger_checked"
        )
    changes = {
        "state": MeasureState.DONE,
        "evidence": text,
        "ledger_checked": True,
        "closed_by": actor if getattr(actor, "is_authenticated", False) else None,
        "closed_at": timezone.now(),
    }
    sources = (*OPEN_OR_RUNNING, MeasureState.LONG_TERM)
    return _transition(actor, measure, version, "closed", sources, changes)


@transaction.atomic
def measure_reopen(*, actor: Any, measure: Measure, version: int, reason: str) -> Measure:
    """A closed measure found not rectified after all (反弹回潮): back to 整改中."""
    require(actor, "tours.close_measure", measure)
    reason = _text(reason, "reason", _("请说明重新整改的原因。"), limit=1000)
    changes = {
        "state": MeasureState.IN_PROGRESS,
        "ledger_checked": False,
        "closed_by": None,
        "closed_at": None,
    }
    return _transition(actor, measure, version, "reopened", (MeasureState.DONE,), changes, reason)


# ---------------------------------------------------------------- figures


def tour_figures_counted(*, tour: Tour) -> dict[str, Any]:
    """The figures counted from the records linked to the tour's items: accountability records
    of their problems (persons by measure) and the amounts refunded, in 万元."""
    from django.db.models import Q, Sum  # noqa: PLC0415

    from kaimen.supervision.models import AccountabilityRecord  # noqa: PLC0415
    from kaimen.supervision.models import Measure as Sanction  # noqa: PLC0415

    problems = Problem.objects.filter(tour_items__tour=tour)
    sums = AccountabilityRecord.objects.filter(problem__in=problems).aggregate(
        party=Sum("persons", filter=Q(measure=Sanction.PARTY_DISCIPLINE)),
        government=Sum("persons", filter=Q(measure=Sanction.GOVERNMENT_SANCTION)),
        organizational=Sum("persons", filter=Q(measure=Sanction.ORGANIZATIONAL)),
        admonition=Sum("persons", filter=Q(measure=Sanction.ADMONITION)),
        education=Sum("persons", filter=Q(measure=Sanction.EDUCATION)),
        refunded=Sum("amount_refunded"),
    )
    refunded = (sums["refunded"] or ZERO) + (
        problems.aggregate(total=Sum("amount_refunded"))["total"] or ZERO
    )
    return {
        "party_discipline": sums["party"] or 0,
        "government_sanction": sums["government"] or 0,
        "organizational": sums["organizational"] or 0,
        "admonition": sums["admonition"] or 0,
        "reminder": sums["education"] or 0,
        "refunded_wan": (refunded / Decimal(10000)).quantize(Decimal("0.01")),
    }
