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
) -> Organization:
    """Create an organization and give it its place in the tree (its `path`)."""
    org = Organization(
        name=name,
        kind=kind,
        level=level,
        parent=parent,
        short_name=short_name,
        region_code=region_code,
        path="",
    )
    org.full_clean(exclude=["path"])
    org.save()
    org.path = f"{parent.path if parent else ''}{org.pk}/"
    org.save(update_fields=["path"])
    return org


def organization_get_or_create(
    *, name: str, kind: OrganizationKind | str, level: Level | str, parent: Organization | None
) -> tuple[Organization, bool]:
    existing = Organization.objects.filter(parent=parent, name=name).first()
    if existing is not None:
        return existing, False
    return organization_create(name=name, kind=kind, level=level, parent=parent), True
