"""Who may do what to reports. Registered into `user.has_perm(perm, obj)`.

- the commission that received a report (its supervisors and admins, and those above it) handles
  it: accept, decline, assign, close, turn into a problem, link; its viewers read it;
- the unit it is assigned to reads it and replies — never the reporter's identity;
- the identity is read by supervisors and commission admins only, each read an Event.
"""

from typing import Any

from kaimen.core.permissions import rule
from kaimen.orgs.models import Organization
from kaimen.orgs.selectors import scope_for
from kaimen.reports.models import UNIT_VISIBLE_STATES, Report, ReportState


@rule("reports.view_report")
def can_view(user: Any, report: Report) -> bool:
    scope = scope_for(user)
    if scope.watches(report.commission):
        return True
    return report.state in UNIT_VISIBLE_STATES and report.assigned_unit_id in scope.unit_ids


@rule("reports.handle_report")
def can_handle(user: Any, report: Report) -> bool:
    return scope_for(user).supervises(report.commission)


@rule("reports.reply_report")
def can_reply(user: Any, report: Report) -> bool:
    if report.state != ReportState.ASSIGNED:
        return False
    scope = scope_for(user)
    return report.assigned_unit_id in scope.unit_ids or scope.is_superuser


@rule("reports.read_identity")
def can_read_identity(user: Any, report: Report) -> bool:
    return scope_for(user).supervises(report.commission)


@rule("reports.enter_report")
def can_enter(user: Any, commission: Organization) -> bool:
    """Enter a hotline call, letter or visit, or import 12345 work orders (commission staff)."""
    return scope_for(user).supervises(commission)


@rule("reports.export_report")
def can_export(user: Any, commission: Organization) -> bool:
    return scope_for(user).watches(commission)


@rule("reports.manage_routing")
def can_manage_routing(user: Any, place: Organization) -> bool:
    """Routing rules for places of the jurisdictions the user administers (commission admins)."""
    return scope_for(user).administers(place)
