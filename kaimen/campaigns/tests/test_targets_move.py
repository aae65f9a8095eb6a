"""Targets that move: a monthly report updates each target's actual value and keeps it with its
month; every month a running project has not reported is owed, on the to-do and in the digest."""

from collections.abc import Iterator
from datetime import date, datetime
from decimal import Decimal
from unittest import mock

import pytest
from django.urls import reverse
from django.utils import timezone

from conftest import World
from kaimen.campaigns.digest import reports_owed
from kaimen.campaigns.models import Comparator, ProgressReport, Project, Target
from kaimen.campaigns.selectors import report_months_missing
from kaimen.campaigns.services import progress_report_submit
from kaimen.core.errors import ApplicationError

NOW = datetime(2024, 12, 10, 10, tzinfo=timezone.get_default_timezone())


@pytest.fixture
def december() -> Iterator[None]:
    """Reports may not be of future months: the tests run in December 2024."""
    with mock.patch("django.utils.timezone.now", return_value=NOW):
        yield


def _target(world: World) -> Target:
    return Target.objects.create(
        project=world.projects["in_progress"], label="公共充电桩", comparator=Comparator.AT_LEAST,
        target_value=Decimal(60), unit="个",
    )  # fmt: skip


def _report(world: World, month: date, actuals: dict[int, Decimal] | None = None) -> None:
    progress_report_submit(
        actor=world.users["unit_staff_lead"],
        project=world.projects["in_progress"],
        month=month,
        body="本月进展。",
        actuals=actuals,
    )


@pytest.mark.usefixtures("december")
def test_a_monthly_report_moves_the_target_and_keeps_its_history(world: World) -> None:
    target = _target(world)
    _report(world, date(2024, 9, 1), {target.pk: Decimal(38)})
    _report(world, date(2024, 11, 1), {target.pk: Decimal(71)})
    _report(world, date(2024, 10, 1), {target.pk: Decimal(52)})  # a late October report

    target.refresh_from_db()
    assert target.actual_value == 71  # the latest month's value
    assert target.achievement == "71 / 60 = 118 %"
    assert [(r.month.month, int(r.value)) for r in target.readings.all()] == [
        (9, 38), (10, 52), (11, 71),
    ]  # fmt: skip
    with pytest.raises(ApplicationError):
        _report(world, date(2024, 11, 1), {target.pk + 999: Decimal(1)})
    page = world.client_for("anonymous").get(
        reverse("portal:project_detail", args=[world.projects["published"].pk])
    )
    assert page.status_code == 200


@pytest.mark.usefixtures("december")
def test_the_report_form_takes_each_targets_value(world: World) -> None:
    target = _target(world)
    url = reverse("campaigns_staff:report_submit", args=[world.projects["in_progress"].pk])
    response = world.client_for("unit_staff_lead").post(
        url, {"month": "2024-12", "body": "完成充电桩建设。", f"actual_{target.pk}": "64"}
    )
    assert response.status_code == 302
    target.refresh_from_db()
    assert target.actual_value == 64
    assert target.readings.get().month == date(2024, 12, 1)


def test_every_missing_month_is_owed_not_only_the_last(world: World) -> None:
    project = world.projects["in_progress"]
    Project.objects.filter(pk=project.pk).update(created_at=datetime(2024, 6, 3, tzinfo=NOW.tzinfo))
    for month in (6, 12):
        ProgressReport.objects.create(
            project=project,
            month=date(2024, month, 1),
            body="进展",
            submitted_by=world.users["unit_staff_lead"],
        )
    project.refresh_from_db()

    missing = report_months_missing(project, date(2025, 1, 15))  # the year is over

    assert [m.month for m in missing] == [7, 8, 9, 10, 11]
    lines = reports_owed(world.users["unit_staff_lead"], date(2025, 1, 15))
    assert len(lines) == 1
    assert "2024年7月、2024年8月、2024年9月、2024年10月、2024年11月" in lines[0].text
    assert lines[0].overdue
    assert reports_owed(world.users["citizen"], date(2025, 1, 15)) == []
