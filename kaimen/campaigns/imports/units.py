"""Lead units: from the names an announcement writes to organizations under the issuer."""

import re

from kaimen.orgs.models import Organization, OrganizationKind

UNIT_ALIASES = (
    ("卫健局", "卫生健康局"),
    ("资源规划局", "自然资源和规划局"),
    ("人社局", "人力社保局"),
)


_JOINT_UNIT = re.compile(
    r"^(?P<first>[^（(]+)[（(](?P<second>[^）)]+(?:局|办|委|办公室|中心|所))[）)]$"
)


def lead_unit_split(written: str) -> list[str]:
    """ "区卫健局（区医保局）" names two units acting together; anything else is one."""
    written = written.strip()
    match = _JOINT_UNIT.match(written)
    if match is None:
        return [written] if written else []
    return [match["first"].strip(), match["second"].strip()]


def region_of(issuer: Organization) -> Organization:
    if issuer.kind == OrganizationKind.REGION or issuer.parent is None:
        return issuer
    return issuer.parent


def _region_stem(region: Organization) -> str:
    """定海区 → 定海; 舟山市 → 舟山 (how units of other levels name their branch here)."""
    name = region.name
    return name[:-1] if len(name) > 2 and name[-1] in "省市区县" else name  # noqa: PLR2004


def unit_name_candidates(raw: str, region: Organization) -> list[str]:
    """Names a lead unit written as in the announcement may be registered under.

    The first is the name as written; the last is the full name a new unit gets: "区教育局"
    → 定海区教育局; "市生态环境局定海分局" → 舟山市生态环境局定海分局 (the city bureau's
    branch, which sits in the district); "区卫健局" → 定海区卫生健康局.
    """
    written = raw.strip()
    names = [written]
    for short, full in UNIT_ALIASES:
        if short in written and full not in written:
            names.append(written.replace(short, full))
    city = (
        region.parent if region.parent and region.parent.kind == OrganizationKind.REGION else None
    )
    full_names: list[str] = []
    for name in list(names):
        if name.startswith(region.name) or (city and name.startswith(city.name)):
            continue
        if name[0] in "区县":  # the district's own bodies: 区教育局 / 县教育局
            full_names.append(region.name + name[1:])
        elif city and name.startswith("市") and not name.startswith("市场"):
            full_names.append(city.name + name[1:])
        elif city and _region_stem(region) in name:
            full_names.append(city.name + name)
        else:
            full_names.append(region.name + name)
    return list(dict.fromkeys([*names, *full_names]))


def resolve_units(
    names: list[str], region: Organization
) -> tuple[dict[str, Organization], dict[str, str]]:
    """Map written unit names to organizations of the region; unknown ones to their new names."""
    candidates = {name: unit_name_candidates(name, region) for name in names}
    all_names = {c for cs in candidates.values() for c in cs}
    existing: dict[str, Organization] = {}
    for org in Organization.objects.filter(
        path__startswith=region.path, name__in=all_names
    ).exclude(kind=OrganizationKind.REGION):
        existing.setdefault(org.name, org)
    found: dict[str, Organization] = {}
    unknown: dict[str, str] = {}
    for name, names_for in candidates.items():
        match = next((existing[c] for c in names_for if c in existing), None)
        if match is None:
            unknown[name] = names_for[-1]
        else:
            found[name] = match
    return found, unknown
