"""Who sees which organizations: the scope rules every other app's selectors build on."""

import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import (
    BooleanField,
    Case,
    Expression,
    F,
    IntegerField,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)

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


class InOrganizations(Expression):
    """`column = ANY(ARRAY(SELECT id …))` on PostgreSQL: the ids are computed once, inside the
    same statement, and an index on `column` answers it even when OR-ed with another such test
    (`column IN (SELECT …)` would become a subplan run for every row). Plain `IN` elsewhere."""

    output_field = BooleanField()

    def __init__(self, column: str | F, organizations: QuerySet[Organization] | Subquery) -> None:
        super().__init__()
        self.column = F(column) if isinstance(column, str) else column
        self.organizations = (
            organizations
            if isinstance(organizations, Subquery)
            else Subquery(organizations.order_by().values("pk"))
        )

    def get_source_expressions(self) -> list[Any]:
        return [self.column, self.organizations]

    def set_source_expressions(self, exprs: Sequence[Any]) -> None:
        self.column, self.organizations = exprs

    def as_sql(self, compiler: Any, connection: Any, **extra: Any) -> tuple[str, tuple[Any, ...]]:
        column, column_params = compiler.compile(self.column)
        ids, ids_params = compiler.compile(self.organizations)
        params = (*column_params, *ids_params)
        if connection.vendor == "postgresql":
            return f"{column} = ANY(ARRAY{ids})", params
        return f"{column} IN {ids}", params


def watched_q(user: Any, *fields: str) -> Q:
    """Records whose organization `fields` (id columns, e.g. "commission_id") lie in the subtrees
    the user watches, tested on those indexed columns rather than on paths across joins. Q()
    when the user watches everything (a superuser, the top of the only tree); nothing when the
    user watches nothing."""
    scope = scope_for(user)
    if scope.is_superuser:
        return Q()
    if not scope.watch_paths:
        return Q(pk__in=[])
    inside = path_q(scope.watch_paths)
    top = any(path.count("/") == 1 for path in scope.watch_paths)
    if top and not Organization.objects.exclude(inside).exists():
        return Q()
    watched = Organization.objects.filter(inside)
    q = Q(pk__in=[])
    for name in fields:
        q |= Q(InOrganizations(name, watched))
    return q


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


def organizations_for(*, user: Any, perm: str, kinds: Sequence[str] = ()) -> QuerySet[Organization]:
    """The organizations (of `kinds`, if given) in whose name this user may take the action
    `perm`, by path: the permission rule itself is asked for each organization the user's scope
    reaches, so the choices a form offers and `has_perm` cannot disagree."""
    candidates = organization_list_watched(user=user)
    if kinds:
        candidates = candidates.filter(kind__in=kinds)
    ids = [org.pk for org in candidates if user.has_perm(perm, org)]
    return Organization.objects.filter(pk__in=ids).order_by("path")


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


# ---------------------------------------------------------------- places


def commission_of_region(value: str) -> Organization | None:
    """The commission a jurisdiction names: a 行政区划代码 (330902 → 定海区纪委监委) or an
    internal id, of the region or of the commission itself; None when nothing matches."""
    if not value:
        return None
    found = Organization.objects.filter(region_code=value).first()
    if found is None and value.isdigit():
        found = Organization.objects.filter(pk=int(value)).first()
    if found is None or found.kind == OrganizationKind.COMMISSION:
        return found
    region = found if found.kind == OrganizationKind.REGION else found.parent
    return (
        Organization.objects.filter(parent=region, kind=OrganizationKind.COMMISSION)
        .order_by("pk")
        .first()
    )


def nearest_town(lat: Decimal, long: Decimal) -> Organization | None:
    """The town (乡镇、街道) whose centre is nearest to the point, among towns with a centre.

    Distances on the local plane (longitude scaled by the latitude's cosine): exact enough to
    tell neighbouring towns apart, and a province has a few thousand towns at most.
    """
    towns = Organization.objects.filter(
        kind=OrganizationKind.TOWN, centre_lat__isnull=False, centre_long__isnull=False
    ).only("pk", "name", "parent", "path", "centre_lat", "centre_long")
    scale = math.cos(math.radians(float(lat)))

    def distance(town: Organization) -> float:
        dlat = float(town.centre_lat or 0) - float(lat)
        dlong = (float(town.centre_long or 0) - float(long)) * scale
        return dlat * dlat + dlong * dlong

    return min(towns, key=distance, default=None)
