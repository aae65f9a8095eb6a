from datetime import date

from django.core.management import call_command

from conftest import World
from kaimen.notifications.digest import staff_digest_send
from kaimen.notifications.models import Notification
from kaimen.supervision.models import Problem, ProblemSource


def _problem(world: World, deadline: date) -> Problem:
    return Problem.objects.create(
        commission=world.orgs["dh_jiwei"],
        number=f"2024-{Problem.objects.count() + 1:04d}",
        source=ProblemSource.INSPECTION,
        responsible_unit=world.orgs["dh_jiaoyu"],
        description="食堂采购未公开",
        assigned_on=date(2024, 9, 2),
        original_deadline=deadline,
        deadline=deadline,
    )


def test_digest_lists_overdue_and_due_today_for_staff_in_scope(world: World) -> None:
    _problem(world, date(2024, 10, 8))
    _problem(world, date(2024, 10, 31))

    staff_digest_send(today=date(2024, 10, 31))

    unit = Notification.objects.get(user=world.users["unit_staff_lead"])
    assert unit.message == (
        "2024年10月31日 待办提醒：\n"
        "· “中小学校食堂采购问题专项治理”待报送月报：2024年10月\n"  # its project owes October
        "· 逾期未整改的问题 1 个\n· 今日到期的整改问题 1 个"
    )
    assert Notification.objects.filter(user=world.users["supervisor"]).count() == 1
    # other scopes have nothing due
    assert not Notification.objects.filter(user=world.users["unit_staff_other"]).exists()
    assert not Notification.objects.filter(user=world.users["commission_admin_other"]).exists()
    assert not Notification.objects.filter(user=world.users["citizen"]).exists()


def test_digest_command_is_idempotent_per_day(world: World) -> None:
    _problem(world, date(2024, 10, 8))

    call_command("send_staff_digest", "--date", "2024-10-31")
    count = Notification.objects.count()
    call_command("send_staff_digest", "--date", "2024-10-31")

    assert count > 0
    assert Notification.objects.count() == count
