"""Organization names as people read them beside their region: no repeated prefix."""


def name_within(name: str, region: str) -> str:
    """The name without its region's prefix when the region is shown beside it
    ("定海区教育局" in 定海区 → "教育局"); a name that is only the region stays whole."""
    if region and name.startswith(region) and len(name) > len(region):
        return name[len(region) :].lstrip(" ·")
    return name
