"""Print the demo logins: who they are, their role, and what each of them sees."""

import os
from typing import Any

from django.core.management.base import BaseCommand

from kaimen.demo.world import DEMO_LOGINS, DEMO_PASSWORD


def _width(text: str) -> int:
    """Display width: CJK characters take two columns in a terminal."""
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)  # noqa: PLR2004


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - _width(text))


class Command(BaseCommand):
    help = "列出演示账号。Print the demo logins and what each sees."

    def handle(self, *args: Any, **options: Any) -> None:
        rows = [("用户名", "角色", "所属单位", "能看到 / 能做")] + [
            (login.username, login.role_label, login.organization or "—", login.sees)
            for login in DEMO_LOGINS
        ]
        widths = [max(_width(row[i]) for row in rows) for i in range(3)]
        self.stdout.write(f"演示账号（密码均为 {DEMO_PASSWORD}）：")
        for index, row in enumerate(rows):
            cells = [_pad(cell, widths[i]) for i, cell in enumerate(row[:3])]
            self.stdout.write("  " + "  ".join([*cells, row[3]]))
            if index == 0:
                self.stdout.write("  " + "  ".join("-" * w for w in [*widths, 12]))
        base = f"http://127.0.0.1:{os.environ.get('PORT', '8000')}"
        self.stdout.write(f"门户：{base}/  工作台：{base}/staff/  导入公告：{base}/staff/imports/")
