"""Working days by the official calendar: statutory holidays and adjusted working weekends.

The `chinese_calendar` package carries the State Council's yearly arrangement (放假调休) for the
years it covers. The `CalendarDay` table, edited by administrators in the Django admin, overrides
single days and extends the calendar to years the package does not cover yet; for those years a
day is a working day when it is Monday–Friday, unless the table says otherwise.

Counting conventions (used by deadlines and warning colours):

- `add_workdays(d, n)`: the n-th working day after `d` (`d` itself not counted); for negative
  `n`, the |n|-th working day before `d`; `n == 0` gives `d` unchanged.
- `workdays_between(a, b)`: the number of working days in (a, b] when a ≤ b, so
  `add_workdays(a, workdays_between(a, b)) == b` whenever b is a working day after a; negative
  (−the count in (b, a]) when b < a.

The table is tiny, so each process keeps it in memory and reloads it after `CACHE_SECONDS`, or at
once when the admin saves a day (`calendar_cache_clear`).
"""

import time
from datetime import date, timedelta
from threading import Lock

from chinese_calendar import constants as _statutory

CACHE_SECONDS = 60.0
_ONE_DAY = timedelta(days=1)

_HOLIDAYS: frozenset[date] = frozenset(_statutory.holidays)
_ADJUSTED_WORKDAYS: frozenset[date] = frozenset(_statutory.workdays)
COVERED_YEARS = range(
    min(d.year for d in _HOLIDAYS), max(d.year for d in _HOLIDAYS | _ADJUSTED_WORKDAYS) + 1
)

_lock = Lock()
_overrides: dict[date, bool] | None = None
_loaded_at = 0.0


def calendar_cache_clear() -> None:
    """Forget the cached table (after an edit, and between tests)."""
    global _overrides  # noqa: PLW0603  (the per-process cache)
    with _lock:
        _overrides = None


def _table() -> dict[date, bool]:
    global _overrides, _loaded_at
    now = time.monotonic()
    overrides = _overrides
    if overrides is not None and now - _loaded_at < CACHE_SECONDS:
        return overrides
    from kaimen.core.models import CalendarDay  # noqa: PLC0415  (models load after apps)

    loaded = dict(CalendarDay.objects.values_list("date", "is_workday"))
    with _lock:
        _overrides, _loaded_at = loaded, now
    return loaded


def statutory_is_workday(d: date) -> bool:
    """The package's answer, or Monday–Friday for years it does not cover."""
    if d in _ADJUSTED_WORKDAYS:
        return True
    if d in _HOLIDAYS:
        return False
    return d.weekday() < 5  # noqa: PLR2004  (Saturday = 5)


def is_workday(d: date) -> bool:
    override = _table().get(d)
    if override is not None:
        return override
    return statutory_is_workday(d)


def add_workdays(d: date, n: int) -> date:
    table = _table()
    step = _ONE_DAY if n > 0 else -_ONE_DAY
    remaining = abs(n)
    current = d
    while remaining:
        current += step
        override = table.get(current)
        if override if override is not None else statutory_is_workday(current):
            remaining -= 1
    return current


def workdays_between(a: date, b: date) -> int:
    if b < a:
        return -workdays_between(b, a)
    table = _table()
    count = 0
    current = a
    while current < b:
        current += _ONE_DAY
        override = table.get(current)
        if override if override is not None else statutory_is_workday(current):
            count += 1
    return count


def add_days(d: date, n: int, *, workdays: bool) -> date:
    """`add_workdays`, or plain calendar days when `workdays` is false (policies choose)."""
    return add_workdays(d, n) if workdays else d + timedelta(days=n)


def days_between(a: date, b: date, *, workdays: bool) -> int:
    return workdays_between(a, b) if workdays else (b - a).days
