"""Cron, once each working morning: `manage.py send_staff_digest` (idempotent per day)."""

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from kaimen.notifications.digest import staff_digest_send


class Command(BaseCommand):
    help = "给工作人员发送每日待办提醒（今日到期和已逾期的事项）。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--date", type=date.fromisoformat, help="按该日期计算（YYYY-MM-DD）")

    def handle(self, *args: Any, **options: Any) -> None:
        today = options["date"] or timezone.localdate()
        sent = staff_digest_send(today=today)
        self.stdout.write(f"digests: {len(sent)}")
