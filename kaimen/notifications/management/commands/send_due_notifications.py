"""Cron, every few minutes: `manage.py send_due_notifications` retries failed e-mails/SMS."""

from typing import Any

from django.core.management.base import BaseCommand

from kaimen.notifications.services import deliveries_retry_due


class Command(BaseCommand):
    help = "重试发送失败或未发出的通知（电子邮件、短信）。"

    def handle(self, *args: Any, **options: Any) -> None:
        sent, failed = deliveries_retry_due()
        self.stdout.write(f"sent: {sent}, failed: {failed}")
