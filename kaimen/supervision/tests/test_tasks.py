"""The nightly escalation as a task and as the cron command."""

from datetime import date
from io import StringIO

from django.core.management import call_command

from conftest import World
from kaimen.core.calendar import add_workdays
from kaimen.supervision.models import Letter
from kaimen.supervision.tasks import send_warnings_task
from kaimen.supervision.tests.factories import problem_in

DAY = date(2024, 11, 20)


def test_the_task_sends_once_per_colour(world: World) -> None:
    problem_in(world, "rectifying", deadline=add_workdays(DAY, -2))

    first = send_warnings_task.enqueue(DAY.isoformat())
    second = send_warnings_task.enqueue(DAY.isoformat())

    assert first.return_value["yellow"] == 1
    assert second.return_value["yellow"] == 0
    assert Letter.objects.count() == 1


def test_the_command_reports_what_it_sent(world: World) -> None:
    problem_in(world, "rectifying", deadline=add_workdays(DAY, -25))
    out = StringIO()

    call_command("send_warnings", "--date", DAY.isoformat(), stdout=out)
    call_command("send_warnings", "--date", DAY.isoformat(), stdout=out)

    assert out.getvalue().splitlines() == [
        "2024-11-20：发出预警文书 1 件（红色 1）",
        "2024-11-20：发出预警文书 0 件",
    ]
