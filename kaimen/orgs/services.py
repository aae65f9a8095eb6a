from decimal import Decimal

from django.db import transaction

from kaimen.orgs.models import Level, Organization, OrganizationKind


@transaction.atomic
def organization_create(
    *,
    name: str,
    kind: OrganizationKind | str,
    level: Level | str,
    parent: Organization | None = None,
    short_name: str = "",
    region_code: str = "",
    centre_lat: Decimal | None = None,
    centre_long: Decimal | None = None,
) -> Organization:
    """Create an organization and give it its place in the tree (its `path`)."""
    org = Organization(
        name=name,
        kind=kind,
        level=level,
        parent=parent,
        short_name=short_name,
        region_code=region_code,
        centre_lat=centre_lat,
        centre_long=centre_long,
        path="",
    )
    org.full_clean(exclude=["path"])
    org.save()
    org.path = f"{parent.path if parent else ''}{org.pk}/"
    org.save(update_fields=["path"])
    return org


def organization_get_or_create(
    *,
    name: str,
    kind: OrganizationKind | str,
    level: Level | str,
    parent: Organization | None,
    region_code: str = "",
    centre: tuple[Decimal, Decimal] | None = None,
) -> tuple[Organization, bool]:
    """The organization of that name under `parent`, created when missing; a region code or a
    centre given is written onto an existing one that lacks it."""
    lat, long = centre if centre is not None else (None, None)
    existing = Organization.objects.filter(parent=parent, name=name).first()
    if existing is None:
        created = organization_create(
            name=name, kind=kind, level=level, parent=parent, region_code=region_code,
            centre_lat=lat, centre_long=long,
        )  # fmt: skip
        return created, True
    missing = {
        field: value
        for field, value in (
            ("region_code", region_code),
            ("centre_lat", lat),
            ("centre_long", long),
        )
        if value and not getattr(existing, field)
    }
    if missing:
        Organization.objects.filter(pk=existing.pk).update(**missing)
        existing.refresh_from_db()
    return existing, False
