"""Who sees which organizations: the scope rules every other app's selectors build on."""

from dataclasses import dataclass
from typing import Any

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When

from kaimen.orgs.models import (
    COMMISSION_ROLES,
    UNIT_ROLES,
    Level,
    Membership,
    Organization,
    OrganizationKind,
    Role,
)


@dataclass(frozen=True)
class Scope:
    """The reach of one user's memberships.

    Commission roles watch the subtree of their commission's region (`*_paths` are path
    prefixes); unit roles act on records of their own units (`unit_ids`).
    """

    is_superuser: bool = False
    watch_paths: tuple[str, ...] = ()  # any commission role: read
    admin_paths: tuple[str, ...] = ()  # commission_admin: manage campaigns and users
    supervise_paths: tuple[str, ...] = ()  # supervisor (and admin): supervise
    unit_ids: frozenset[int] = frozenset()  # unit_admin / unit_staff
    unit_admin_ids: frozenset[int] = frozenset()
    commission_ids: frozenset[int] = frozenset()

    @property
    def is_staff(self) -> bool:
        return self.is_superuser or bool(self.watch_paths or self.unit_ids)

    def watches(self, organization: Organization) -> bool:
        return self.is_superuser or organization.path.startswith(self.watch_paths or ("\0",))

    def administers(self, organization: Organization) -> bool:
        return self.is_superuser or organization.path.startswith(self.admin_paths or ("\0",))

    def supervises(self, organization: Organization) -> bool:
        return self.is_superuser or organization.path.startswith(self.supervise_paths or ("\0",))


def path_q(paths: tuple[str, ...], field: str = "path") -> Q:
    """Q matching organizations (through `field`) inside any of the subtrees; empty → nothing."""
    q = Q(pk__in=[])
    for prefix in paths:
        q |= Q(**{f"{field}__startswith": prefix})
    return q


def scope_for(user: Any) -> Scope:
    """The user's scope, computed once per user object (one query)."""
    cached: Scope | None = getattr(user, "_kaimen_scope", None)
    if cached is not None:
        return cached
    scope = _compute_scope(user)
    if getattr(user, "is_authenticated", False):
        user._kaimen_scope = scope
    return scope


def _compute_scope(user: Any) -> Scope:
    if not getattr(user, "is_authenticated", False) or not getattr(user, "is_active", False):
        return Scope()
    if getattr(user, "is_superuser", False):
        return Scope(is_superuser=True)
    watch: list[str] = []
    admin: list[str] = []
    supervise: list[str] = []
    units: set[int] = set()
    unit_admin: set[int] = set()
    commissions: set[int] = set()
    memberships = Membership.objects.filter(user=user).select_related("organization__parent")
    for membership in memberships:
        org = membership.organization
        if membership.role in COMMISSION_ROLES:
            prefix = org.jurisdiction_path
            commissions.add(org.pk)
            watch.append(prefix)
            if membership.role == Role.COMMISSION_ADMIN:
                admin.append(prefix)
                supervise.append(prefix)
            elif membership.role == Role.SUPERVISOR:
                supervise.append(prefix)
        elif membership.role in UNIT_ROLES:
            units.add(org.pk)
            if membership.role == Role.UNIT_ADMIN:
                unit_admin.add(org.pk)
    return Scope(
        watch_paths=tuple(watch),
        admin_paths=tuple(admin),
        supervise_paths=tuple(supervise),
        unit_ids=frozenset(units),
        unit_admin_ids=frozenset(unit_admin),
        commission_ids=frozenset(commissions),
    )


def organization_list_watched(*, user: Any) -> QuerySet[Organization]:
    scope = scope_for(user)
    if scope.is_superuser:
        return Organization.objects.all()
    return Organization.objects.filter(path_q(scope.watch_paths) | Q(pk__in=scope.unit_ids))


def organizations_administered_by(*, user: Any) -> QuerySet[Organization]:
    """Non-region bodies in the subtrees the user administers (all of them for a superuser)."""
    scope = scope_for(user)
    qs = Organization.objects.exclude(kind=OrganizationKind.REGION)
    if scope.is_superuser:
        return qs
    return qs.filter(path_q(scope.admin_paths))


# The bodies that lead governance projects, in the order the choice lists show them.
LEAD_UNIT_KINDS = (
    OrganizationKind.DEPARTMENT,
    OrganizationKind.TOWN,
    OrganizationKind.COMPANY,
    OrganizationKind.OTHER,
)


def unit_choices_for(*, user: Any) -> QuerySet[Organization]:
    """Organizations a commission admin may name as lead units: the departments, towns
    (streets), companies and other bodies of their jurisdiction, by kind then name; not regions,
    commissions (they supervise) or villages and communities (they do not lead projects)."""
    kind_order = Case(
        *(When(kind=kind, then=Value(index)) for index, kind in enumerate(LEAD_UNIT_KINDS)),
        output_field=IntegerField(),
    )
    return (
        organizations_administered_by(user=user)
        .filter(kind__in=LEAD_UNIT_KINDS)
        .order_by(kind_order, "name", "pk")
    )


def membership_list_for(*, user: Any) -> QuerySet[Membership]:
    """The user's own organizations and roles."""
    return Membership.objects.filter(user__pk=user.pk).select_related("organization")


def region_choices() -> QuerySet[Organization]:
    """The regions a visitor may choose on the portal: provinces, cities and districts, in
    tree order (a province, its cities, each city's districts)."""
    return Organization.objects.filter(
        kind=OrganizationKind.REGION, level__in=(Level.PROVINCE, Level.CITY, Level.COUNTY)
    ).order_by("path")
