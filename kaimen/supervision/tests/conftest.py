from collections.abc import Iterator

import pytest

from kaimen.core.calendar import calendar_cache_clear


@pytest.fixture(autouse=True)
def _fresh_calendar() -> Iterator[None]:
    """The calendar table is cached per process; tests that edit it must not leak."""
    calendar_cache_clear()
    yield
    calendar_cache_clear()
