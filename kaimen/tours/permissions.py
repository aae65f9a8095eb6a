"""Who may do what in a tour's rectification. Registered into `user.has_perm(perm, obj)`.

The rectification office's staff are the commission roles of the office's jurisdiction: every
commission role reads, supervisors and commission admins run the rectification (enter feedback
items and measures, edit figures, write progress reports, close measures by 对账销号). A unit
role reads the tours in which its unit is responsible for a measure, and reports progress on
those measures only.
"""

from typing import Any

from kaimen.core.permissions import rule
from kaimen.orgs.models import Organization, OrganizationKind
from kaimen.orgs.selectors import scope_for
from kaimen.tours.models import Measure, Tour


@rule("tours.add_tour")
def can_add_tour(user: Any, office: Organization) -> bool:
    return office.kind != OrganizationKind.REGION and scope_for(user).supervises(office)


@rule("tours.view_tour")
def can_view_tour(user: Any, tour: Tour) -> bool:
    scope = scope_for(user)
    if scope.watches(tour.office):
        return True
    return bool(scope.unit_ids) and (
        Measure.objects.filter(item__tour=tour, units__in=scope.unit_ids).exists()
    )


@rule("tours.manage_tour")
def can_manage_tour(user: Any, tour: Tour) -> bool:
    return scope_for(user).supervises(tour.office)


@rule("tours.update_measure")
def can_update_measure(user: Any, measure: Measure) -> bool:
    """Report progress: the office, or a unit responsible for the measure."""
    scope = scope_for(user)
    if scope.supervises(measure.item.tour.office):
        return True
    return bool(scope.unit_ids & {unit.pk for unit in measure.units.all()})


@rule("tours.close_measure")
def can_close_measure(user: Any, measure: Measure) -> bool:
    """对账销号 is the office's check, never the unit's own."""
    return scope_for(user).supervises(measure.item.tour.office)


@rule("tours.change_measure")
def can_change_measure(user: Any, measure: Measure) -> bool:
    """Edit the measure's text, units, leader and deadline: the office."""
    return scope_for(user).supervises(measure.item.tour.office)
