"""Links from a number to the list behind it, by URL name, guarded: other apps' pages may not
exist yet, and then the number links to the insights app's own list (or to nothing)."""

from urllib.parse import urlencode

from django.urls import NoReverseMatch, reverse

# The supervision ledger of problems, when that app has mounted its pages.
SUPERVISION_LEDGER = ("supervision_staff:problem_list", "supervision:problem_list")
# Filters the supervision ledger understands (`supervision.selectors.problem_list_for`).
LEDGER_FILTERS = frozenset({"state", "colour", "unit", "project", "listed", "source"})


def url_or_none(names: tuple[str, ...] | str, **query: object) -> str | None:
    for name in (names,) if isinstance(names, str) else names:
        try:
            base = reverse(name)
        except NoReverseMatch:
            continue
        params = {k: v for k, v in query.items() if v not in (None, "")}
        return f"{base}?{urlencode(params)}" if params else base
    return None


def problem_list_url(**filters: object) -> str:
    """The ledger filtered; the insights list when the ledger is missing or cannot filter so."""
    if {k for k, v in filters.items() if v not in (None, "")} <= LEDGER_FILTERS:
        url = url_or_none(SUPERVISION_LEDGER, **filters)
        if url is not None:
            return url
    return url_or_none("insights:problem_list", **filters) or ""
