"""Cron, nightly: `manage.py send_warnings` sends what each warning colour's escalation step
requires (reminders, 提示函, 督办函, 约谈通知书), once per problem, colour and deadline.

    30 1 * * *  cd /srv/kaimen && .venv/bin/python manage.py send_warnings

`--date` replays a given day; `--enqueue` hands the work to the task backend instead.
"""

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from kaimen.supervision.services.escalation import warnings_send
from kaimen.supervision.tasks import send_warnings_task
from kaimen.supervision.warnings import COLOUR_LABELS


class Command(BaseCommand):
    help = "发送预警督办文书（提示函、督办函等），可重复执行，不会重复发送。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--date", help="按指定日期计算预警（YYYY-MM-DD），默认今天")
        parser.add_argument("--enqueue", action="store_true", help="交由后台任务执行")

    def handle(self, *args: Any, **options: Any) -> None:
        day: str | None = options.get("date")
        if day:
            try:
                date.fromisoformat(day)
            except ValueError:
                raise CommandError(f"日期格式不正确：{day}（应为 YYYY-MM-DD）") from None
        if options.get("enqueue"):
            result = send_warnings_task.enqueue(day)
            self.stdout.write(f"已加入后台任务：{result.id}")
            return
        sent = warnings_send(today=date.fromisoformat(day) if day else None)
        parts = [f"{COLOUR_LABELS[c]} {n}" for c, n in sent.letters.items() if n]
        self.stdout.write(
            f"{sent.today:%Y-%m-%d}：发出预警文书 {sent.total} 件"
            + (f"（{'，'.join(parts)}）" if parts else "")
        )
