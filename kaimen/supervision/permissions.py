"""Who may do what in supervision. Registered into `user.has_perm(perm, obj)`.

Commission roles act on their jurisdiction's subtree: every commission role reads, supervisors
and commission admins manage (file, notify, review, close, record accountability), commission
admins alone list problems for 挂牌督办 and set warning policies. A unit role sees only the
problems its unit is responsible for and acts on them as the responsible unit (start, submit
evidence, request an extension); units never see inspections or accountability records.
"""

from typing import Any

from kaimen.campaigns.models import Institution
from kaimen.core.permissions import rule
from kaimen.orgs.models import Organization, OrganizationKind
from kaimen.orgs.selectors import scope_for
from kaimen.supervision.models import AccountabilityRecord, Inspection, Problem


def _is_commission(org: Organization) -> bool:
    return org.kind == OrganizationKind.COMMISSION


@rule("supervision.add_problem")
def can_add_problem(user: Any, commission: Organization) -> bool:
    """File a problem (or an inspection) in the name of this commission."""
    return _is_commission(commission) and scope_for(user).supervises(commission)


@rule("supervision.add_inspection")
def can_add_inspection(user: Any, commission: Organization) -> bool:
    return can_add_problem(user, commission)


@rule("supervision.view_problem")
def can_view_problem(user: Any, problem: Problem) -> bool:
    scope = scope_for(user)
    return (
        scope.watches(problem.commission)
        or scope.watches(problem.responsible_unit)
        or problem.responsible_unit_id in scope.unit_ids
    )


@rule("supervision.manage_problem")
def can_manage_problem(user: Any, problem: Problem) -> bool:
    """Notify, review, return, close, decide extensions, reopen, look back."""
    return scope_for(user).supervises(problem.commission)


@rule("supervision.rectify_problem")
def can_rectify_problem(user: Any, problem: Problem) -> bool:
    """Act as the responsible unit: start, submit evidence, request an extension."""
    return problem.responsible_unit_id in scope_for(user).unit_ids


@rule("supervision.list_problem")
def can_list_problem(user: Any, problem: Problem) -> bool:
    """挂牌督办 is a commission leaders' decision: commission admins."""
    return scope_for(user).administers(problem.commission)


@rule("supervision.view_inspection")
def can_view_inspection(user: Any, inspection: Inspection) -> bool:
    return scope_for(user).watches(inspection.commission)


@rule("supervision.add_accountability")
def can_add_accountability(user: Any, commission: Organization) -> bool:
    return _is_commission(commission) and scope_for(user).supervises(commission)


@rule("supervision.view_accountability")
def can_view_accountability(user: Any, record: AccountabilityRecord) -> bool:
    return scope_for(user).watches(record.commission)


@rule("supervision.change_policy")
def can_change_policy(user: Any, commission: Organization) -> bool:
    return _is_commission(commission) and scope_for(user).administers(commission)


@rule("supervision.add_institution")
def can_add_institution(user: Any, organization: Organization) -> bool:
    """Record a rule created (建章立制): the commission for any body of its jurisdiction, a unit
    for itself."""
    scope = scope_for(user)
    return scope.supervises(organization) or organization.pk in scope.unit_ids


@rule("supervision.view_institution")
def can_view_institution(user: Any, institution: Institution) -> bool:
    scope = scope_for(user)
    return scope.watches(institution.organization) or institution.organization_id in scope.unit_ids
