from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kaimen.core.calendar import calendar_cache_clear


@pytest.fixture(autouse=True)
def _fresh_calendar() -> Iterator[None]:
    """The calendar table is cached per process; tests that edit it must not leak."""
    calendar_cache_clear()
    yield
    calendar_cache_clear()


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Path) -> None:
    """Generated documents and uploads go to a throwaway folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
