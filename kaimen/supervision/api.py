"""Supervision in the JSON API (mounted at /api/v1/ by `kaimen.api.api`): problems and their
transitions, inspections, the warning summary.

Staff only: anonymous callers get 401, citizens 403. Reads go through the scoped selectors
(a problem out of the caller's scope answers 404); writes need a bearer token and go through
`services.py` (no right on a visible problem → 403, not allowed in its state → 409 naming the
allowed actions, stale `version` → 409 "stale").
No `from __future__ import annotations`: Ninja reads the annotations at runtime.
"""

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status
from ninja.errors import AuthenticationError

from kaimen.accounts.api import bearer
from kaimen.campaigns.models import Project
from kaimen.campaigns.selectors import project_list_for
from kaimen.core.api import STAFF_READ_ERRORS, ValidationErrorOut
from kaimen.core.api import WRITE_ERRORS as BASE_WRITE_ERRORS
from kaimen.core.errors import ApplicationError
from kaimen.orgs.models import Organization, OrganizationKind
from kaimen.orgs.selectors import scope_for
from kaimen.supervision.models import Inspection, Problem
from kaimen.supervision.schemas import (
    Colour,
    ConflictOut,
    InspectionCreateIn,
    InspectionOut,
    ProblemCreateIn,
    ProblemDetailOut,
    ProblemOut,
    TransitionIn,
    WarningSummaryOut,
)
from kaimen.supervision.selectors import (
    Colouring,
    problem_get_for,
    problem_list_for,
    problem_timeline_for,
    supervising_commissions_for,
    warning_summary_for,
)
from kaimen.supervision.services.filing import ProblemData, inspection_create, problem_create
from kaimen.supervision.services.problems import problem_allowed_actions, problem_transition

router = Router(tags=["supervision"])

QUERY_ERRORS: dict[int, Any] = {**STAFF_READ_ERRORS, 422: ValidationErrorOut}
# Its 409s name the actions the state allows.
WRITE_ERRORS: dict[int, Any] = {**BASE_WRITE_ERRORS, 409: ConflictOut}
MAX_LIMIT = 500


def _staff(request: HttpRequest) -> Any:
    user = request.user
    if not user.is_authenticated:
        raise AuthenticationError
    if not scope_for(user).is_staff:
        raise PermissionDenied
    return user


def _problem_out(problem: Problem, colouring: Colouring) -> dict[str, Any]:
    return {
        "id": problem.pk,
        "number": problem.number,
        "commission": problem.commission,
        "source": problem.source,
        "project": problem.project,
        "responsible_unit": problem.responsible_unit,
        "description": problem.description,
        "severity": problem.severity,
        "assigned_on": problem.assigned_on,
        "deadline": problem.deadline,
        "state": problem.state,
        "progress": problem.progress,
        "listed": problem.listed,
        "listed_number": problem.listed_number,
        "listed_deadline": problem.listed_deadline,
        "amount_refunded": problem.amount_refunded,
        "amount_recovered": problem.amount_recovered,
        "lookback_due": problem.lookback_due,
        "colour": colouring.colour(problem),
        "version": problem.version,
    }


def _problem_detail(user: Any, pk: int) -> dict[str, Any]:
    problem = problem_get_for(user=user, pk=pk)
    today = timezone.localdate()
    return _problem_out(problem, Colouring(today)) | {
        "inspection": problem.inspection_id,
        "original_deadline": problem.original_deadline,
        "allowed_actions": problem_allowed_actions(user=user, problem=problem, today=today),
        "timeline": [
            {
                "at": event.created_at,
                "action": event.action,
                "actor": event.actor_label,
                "before": event.before,
                "after": event.after,
                "reason": event.reason,
            }
            for event in problem_timeline_for(problem=problem)
        ],
    }


def _commission(
    user: Any, commission_id: int | None, project: Project | None = None
) -> Organization:
    """The commission to file under: the one named, else the caller's own (or the project's)."""
    if commission_id is not None:
        found = Organization.objects.filter(
            pk=commission_id, kind=OrganizationKind.COMMISSION
        ).first()
        if found is None:
            raise ApplicationError(_("纪委监委不存在。"), code="invalid", field="commission")
        return found
    own = supervising_commissions_for(user=user)
    if project is not None and any(c.pk == project.campaign.issuer_id for c in own):
        return project.campaign.issuer
    if len(own) == 1:
        return own[0]
    if project is not None:
        return project.campaign.issuer
    if not own:
        raise PermissionDenied
    raise ApplicationError(_("请指定纪委监委。"), code="required", field="commission")


def _project(user: Any, pk: int | None, field: str = "project") -> Project | None:
    if pk is None:
        return None
    project = project_list_for(user=user).filter(pk=pk).first()
    # Running projects are public; supervision files only on projects in one's own scope.
    if project is None or not user.has_perm("campaigns.view_internal_project", project):
        raise ApplicationError(_("治理项目不存在：%s") % pk, code="invalid", field=field)
    return project


def _organizations(pks: list[int], field: str) -> list[Organization]:
    found = {org.pk: org for org in Organization.objects.filter(pk__in=pks)}
    unknown = [pk for pk in pks if pk not in found]
    if unknown:
        raise ApplicationError(
            _("单位不存在：%s") % ", ".join(map(str, unknown)), code="invalid", field=field
        )
    return [found[pk] for pk in pks]


# ---------------------------------------------------------------- problems


class ProblemFilters(Schema):
    state: str | None = None
    colour: Colour | None = None
    unit: int | None = None
    project: int | None = None
    listed: bool | None = None
    source: str | None = None
    limit: int = 100
    offset: int = 0


@router.get("/problems", response={200: list[ProblemOut], **QUERY_ERRORS}, url_name="problem_list")
def problem_list(request: HttpRequest, filters: Query[ProblemFilters]) -> list[dict[str, Any]]:
    """Problems in the caller's scope, earliest deadline first (`limit` at most 500)."""
    user = _staff(request)
    today = timezone.localdate()
    problems = problem_list_for(
        user=user,
        state=filters.state,
        colour=filters.colour,
        unit=filters.unit,
        project=filters.project,
        listed=filters.listed,
        source=filters.source,
        today=today,
    )
    offset = max(filters.offset, 0)
    page = problems[offset : offset + min(max(filters.limit, 1), MAX_LIMIT)]
    colouring = Colouring(today)
    return [_problem_out(problem, colouring) for problem in page]


@router.post(
    "/problems",
    auth=bearer,
    response={201: ProblemOut, **WRITE_ERRORS},
    url_name="problem_list",
)
def problem_create_api(request: HttpRequest, payload: ProblemCreateIn) -> Status[dict[str, Any]]:
    """File a problem (bearer token). Answers it with its `colour` and `version`."""
    user = _staff(request)
    project = _project(user, payload.project)
    commission = _commission(user, payload.commission, project)
    (unit,) = _organizations([payload.responsible_unit], "responsible_unit")
    problem = problem_create(
        actor=user,
        commission=commission,
        responsible_unit=unit,
        description=payload.description,
        deadline=payload.deadline,
        source=payload.source,
        severity=payload.severity,
        project=project,
    )
    return Status(201, _problem_out(problem, Colouring(timezone.localdate())))


@router.get(
    "/problems/{int:id}",
    response={200: ProblemDetailOut, **STAFF_READ_ERRORS},
    url_name="problem_detail",
)
def problem_detail(request: HttpRequest, id: int) -> dict[str, Any]:
    """One problem with its colour, the caller's allowed actions and its timeline."""
    return _problem_detail(_staff(request), id)


@router.post(
    "/problems/{int:id}/transitions",
    auth=bearer,
    response={200: ProblemDetailOut, **WRITE_ERRORS},
    url_name="problem_transitions",
)
def problem_transitions(request: HttpRequest, id: int, payload: TransitionIn) -> dict[str, Any]:
    """Move the problem on (bearer token). Send the `version` you read."""
    user = _staff(request)
    problem = problem_get_for(user=user, pk=id)
    problem_transition(
        actor=user,
        problem=problem,
        action=payload.action,
        version=payload.version,
        reason=payload.reason,
        deadline=payload.deadline,
        text=payload.text,
        checklist=payload.checklist,
    )
    return _problem_detail(user, id)


# ---------------------------------------------------------------- inspections


def _inspection_out(inspection: Inspection) -> dict[str, Any]:
    colouring = Colouring(timezone.localdate())
    return {
        "id": inspection.pk,
        "commission": inspection.commission,
        "date": inspection.date,
        "kind": inspection.kind,
        "members": inspection.members,
        "notes": inspection.notes,
        "inspected_units": list(inspection.inspected_units.order_by("path")),
        "projects": list(inspection.projects.order_by("pk")),
        "problems": [
            {
                "id": problem.pk,
                "number": problem.number,
                "state": problem.state,
                "colour": colouring.colour(problem),
                "version": problem.version,
            }
            for problem in inspection.problems.order_by("pk")
        ],
    }


@router.post(
    "/inspections",
    auth=bearer,
    response={201: InspectionOut, **WRITE_ERRORS},
    url_name="inspection_create",
)
def inspection_create_api(
    request: HttpRequest, payload: InspectionCreateIn
) -> Status[dict[str, Any]]:
    """Log an inspection and the problems found (all or nothing; bearer token)."""
    user = _staff(request)
    problems = [
        ProblemData(
            responsible_unit=_organizations(
                [item.responsible_unit], f"problems-{index}-responsible_unit"
            )[0],
            description=item.description,
            deadline=item.deadline,
            source=item.source,
            severity=item.severity,
            project=_project(user, item.project, f"problems-{index}-project"),
        )
        for index, item in enumerate(payload.problems)
    ]
    inspection = inspection_create(
        actor=user,
        commission=_commission(user, payload.commission),
        date=payload.date,
        kind=payload.kind,
        members=payload.members,
        notes=payload.notes,
        inspected_units=_organizations(payload.inspected_units, "inspected_units"),
        projects=[p for pk in payload.projects if (p := _project(user, pk, "projects"))],
        problems=problems,
    )
    return Status(201, _inspection_out(inspection))


# ---------------------------------------------------------------- warnings


@router.get(
    "/warnings/summary",
    response={200: WarningSummaryOut, **QUERY_ERRORS},
    url_name="warning_summary",
)
def warning_summary(request: HttpRequest, today: date | None = None) -> dict[str, Any]:
    """Counts by colour, state and status over the caller's scope (`today` to look ahead)."""
    summary = warning_summary_for(user=_staff(request), today=today)
    return {
        "today": summary.today,
        "total": summary.total,
        "listed": summary.listed,
        "extension_requested": summary.extension_requested,
        "colours": summary.colours,
        "states": summary.states,
        "statuses": summary.statuses,
    }
