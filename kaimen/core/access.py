"""The access matrix: which roles may reach which URL. Each app lists its rows in
`<app>/tests/access.py` as `ROWS`; `core/tests/test_access_matrix.py` walks every URL pattern
of the project and fails for any pattern no row names."""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

ANONYMOUS = "anonymous"
CITIZEN = "citizen"
UNIT_LEAD = "unit_staff_lead"
UNIT_OTHER = "unit_staff_other"
SUPERVISOR = "supervisor"
COMMISSION_ADMIN = "commission_admin"
COMMISSION_ADMIN_OTHER = "commission_admin_other"
VIEWER = "viewer"

EVERYONE = frozenset(
    {
        ANONYMOUS,
        CITIZEN,
        UNIT_LEAD,
        UNIT_OTHER,
        SUPERVISOR,
        COMMISSION_ADMIN,
        COMMISSION_ADMIN_OTHER,
        VIEWER,
    }
)
SIGNED_IN = EVERYONE - {ANONYMOUS}
STAFF = SIGNED_IN - {CITIZEN}
DINGHAI_COMMISSION = frozenset({SUPERVISOR, COMMISSION_ADMIN, VIEWER})
NOBODY: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Row:
    """One endpoint as one role reaches it.

    `name` is the URL pattern's full name ("namespace:name"); `url` builds the address from the
    test world; `allowed` lists the roles that must get through, every other role must not.
    """

    name: str
    url: Callable[[Any], str]
    allowed: frozenset[str]
    method: str = "get"
    data: Callable[[Any], dict[str, Any]] | None = None
    json: bool = False
    headers: dict[str, str] = field(default_factory=dict)
