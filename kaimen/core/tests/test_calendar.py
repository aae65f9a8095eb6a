"""The working-day calendar: statutory holidays, adjusted working weekends, year boundaries,
and the administrator's table."""

from collections.abc import Iterator
from datetime import date, timedelta

import pytest

from kaimen.core.calendar import (
    COVERED_YEARS,
    add_days,
    add_workdays,
    calendar_cache_clear,
    days_between,
    is_workday,
    workdays_between,
)
from kaimen.core.models import CalendarDay


@pytest.fixture(autouse=True)
def _fresh_calendar(db: None) -> Iterator[None]:
    calendar_cache_clear()
    yield
    calendar_cache_clear()


def test_national_day_2024_is_seven_days_off() -> None:
    assert [is_workday(date(2024, 10, day)) for day in range(1, 8)] == [False] * 7
    assert is_workday(date(2024, 10, 8)) is True


def test_adjusted_working_weekends_are_working_days() -> None:
    # 2024-09-29 (Sunday) and 2024-10-12 (Saturday) were worked for National Day
    assert date(2024, 9, 29).weekday() == 6
    assert is_workday(date(2024, 9, 29)) is True
    assert is_workday(date(2024, 10, 12)) is True
    assert is_workday(date(2024, 9, 28)) is False  # an ordinary Saturday


def test_add_workdays_skips_the_holiday_and_counts_the_adjusted_sunday() -> None:
    # Friday 2024-09-27 → Sunday 29 (worked) → Monday 30 → [1–7 Oct off] → Tuesday 8
    assert add_workdays(date(2024, 9, 27), 1) == date(2024, 9, 29)
    assert add_workdays(date(2024, 9, 27), 2) == date(2024, 9, 30)
    assert add_workdays(date(2024, 9, 27), 3) == date(2024, 10, 8)
    assert add_workdays(date(2024, 10, 8), -3) == date(2024, 9, 27)
    assert add_workdays(date(2024, 10, 3), 0) == date(2024, 10, 3)


def test_year_boundary_new_year_2025() -> None:
    # 2024-12-31 Tuesday, 2025-01-01 holiday, 2025-01-02 Thursday
    assert add_workdays(date(2024, 12, 31), 1) == date(2025, 1, 2)
    assert add_workdays(date(2025, 1, 2), -1) == date(2024, 12, 31)
    assert workdays_between(date(2024, 12, 31), date(2025, 1, 2)) == 1
    assert workdays_between(date(2025, 1, 2), date(2024, 12, 31)) == -1


def test_workdays_between_counts_the_half_open_interval() -> None:
    # (Fri 27 Sep, Tue 8 Oct]: Sun 29, Mon 30, Tue 8 → 3
    assert workdays_between(date(2024, 9, 27), date(2024, 10, 8)) == 3
    assert workdays_between(date(2024, 10, 1), date(2024, 10, 7)) == 0
    assert workdays_between(date(2024, 10, 8), date(2024, 10, 8)) == 0


def test_add_and_between_are_inverse_on_working_days() -> None:
    start = date(2024, 12, 20)
    for n in range(1, 40):
        end = add_workdays(start, n)
        assert is_workday(end)
        assert workdays_between(start, end) == n
        assert add_workdays(end, -n) == start


def test_calendar_days_when_the_policy_says_so() -> None:
    assert add_days(date(2024, 9, 30), 1, workdays=False) == date(2024, 10, 1)
    assert days_between(date(2024, 9, 30), date(2024, 10, 8), workdays=False) == 8


def test_table_overrides_the_package() -> None:
    # given an administrator declares 2024-10-08 a local day off and Saturday 2024-10-19 worked
    CalendarDay.objects.create(date=date(2024, 10, 8), is_workday=False, note="台风停工")
    CalendarDay.objects.create(date=date(2024, 10, 19), is_workday=True, note="补班")
    calendar_cache_clear()

    assert is_workday(date(2024, 10, 8)) is False
    assert is_workday(date(2024, 10, 19)) is True
    assert add_workdays(date(2024, 9, 30), 1) == date(2024, 10, 9)


def test_years_the_package_does_not_cover_fall_back_to_weekdays_plus_the_table() -> None:
    year = COVERED_YEARS.stop + 2
    new_year = date(year, 1, 1)
    monday = new_year + timedelta(days=(7 - new_year.weekday()) % 7)
    assert is_workday(monday) is True
    assert is_workday(monday + timedelta(days=5)) is False  # Saturday

    CalendarDay.objects.create(date=monday, is_workday=False, note="元旦调休")
    calendar_cache_clear()

    assert is_workday(monday) is False
