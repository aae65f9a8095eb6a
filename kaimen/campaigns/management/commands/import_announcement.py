"""Read published results announcements: print them as JSON, or import them as campaigns.

manage.py import_announcement a.txt b.docx --json
manage.py import_announcement a.txt --issuer-org 定海区纪委监委 [--create-orgs --region 定海区] [--yes]

A tour progress report (巡视整改进展情况的通报) is imported as a tour of the tours app, run by
the organisation named by --issuer-org (`import_tour_report`).
"""

import getpass
import json
import sys
from pathlib import Path
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from kaimen.campaigns.imports import (
    OperatorActor,
    announcement_import,
    announcement_to_json,
    import_issuer_get,
    source_text_read,
)
from kaimen.core.errors import ApplicationError
from kaimen.importer import MAX_BYTES, ParsedAnnouncement, parse_announcement
from kaimen.orgs.models import Organization


def read_announcement(path: Path) -> ParsedAnnouncement:
    """Parse one file (.txt in UTF-8/GB18030/UTF-16, or .docx); ApplicationError when unreadable."""
    try:
        size = path.stat().st_size
    except OSError as error:
        raise ApplicationError(f"无法读取文件：{error.strerror}", field="file") from None
    if not path.is_file():
        raise ApplicationError("不是文件。", field="file")
    if size > MAX_BYTES:
        raise ApplicationError(
            f"文件过大（{size / 1024 / 1024:.1f} MB），上限为 {MAX_BYTES // 1024 // 1024} MB。",
            code="too_large",
            field="file",
        )
    text, _field = source_text_read(source_name=path.name, data=path.read_bytes(), text=None)
    if not text.strip():
        raise ApplicationError("文件中没有文字。", code="empty", field="file")
    return parse_announcement(text)


class Command(BaseCommand):
    help = (
        "读取成果公告：--json 输出解析结果（不写数据库）；否则导入为专项治理。"
        " Read results announcements: print them as JSON, or import them."
    )
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="+", type=Path, metavar="PATH")
        parser.add_argument("--json", action="store_true", help="每个文件输出一行 JSON，不写数据库")
        parser.add_argument("--issuer-org", help="发布公告的纪委监委：名称或编号")
        parser.add_argument("--region", help="与 --create-orgs 一起：纪委监委所在的行政区名称")
        parser.add_argument(
            "--create-orgs", action="store_true", help="新建缺少的纪委监委和牵头单位"
        )
        parser.add_argument("--yes", action="store_true", help="确认用新文本更新已导入的专项治理")

    def handle(self, *args: Any, **options: Any) -> None:
        paths: list[Path] = options["paths"]
        if not options["json"] and not options["issuer_org"]:
            raise CommandError("导入需要 --issuer-org（或用 --json 只输出解析结果）。")
        actor = OperatorActor(f"manage.py import_announcement ({getpass.getuser()})")
        issuer = None
        if not options["json"]:
            try:
                issuer = import_issuer_get(
                    actor=actor,
                    issuer=options["issuer_org"],
                    region=options["region"],
                    create=options["create_orgs"],
                )
            except ApplicationError as error:
                raise CommandError(error.message) from None
        failed: list[str] = []
        pending: list[str] = []
        for path in tqdm(paths, disable=len(paths) < 2, file=sys.stderr, unit="件"):  # noqa: PLR2004
            try:
                parsed = read_announcement(path)
                if issuer is None:
                    self.stdout.write(json.dumps(parsed.to_json_dict(), ensure_ascii=False))
                elif not self._import(actor, issuer, parsed, path, options):
                    pending.append(path.name)
            except ApplicationError as error:
                if len(paths) == 1:
                    raise CommandError(f"{path}: {error.message}") from None
                self.stderr.write(f"{path}: {error.message}")
                failed.append(path.name)
        if failed:
            raise CommandError(f"{len(failed)} 个文件未能处理：{'、'.join(failed)}")
        if pending:
            raise CommandError(f"{len(pending)} 个文件与已导入的内容不同，确认更新请加 --yes。")

    def _import(
        self,
        actor: OperatorActor,
        issuer: Organization,
        parsed: ParsedAnnouncement,
        path: Path,
        options: dict[str, Any],
    ) -> bool:
        """Import one announcement; False when it changes an earlier import without --yes."""
        if parsed.kind == "tour_progress":
            # a tour progress report becomes a tour (the tours app's own command writes it)
            call_command("import_tour_report", str(path), office=str(issuer.pk), stdout=self.stdout)
            return True
        data = announcement_to_json(parsed)
        plan = announcement_import(
            actor=actor, issuer=issuer, parsed=data, create_orgs=False, dry_run=True
        )
        if plan.updates_existing and not options["yes"]:
            self.stdout.write(f"{path.name}:")
            for line in plan.describe():
                self.stdout.write(f"  {line}")
            return False
        if plan.has_changes:
            plan = announcement_import(
                actor=actor,
                issuer=issuer,
                parsed=data,
                create_orgs=options["create_orgs"],
                dry_run=False,
                allow_update=options["yes"],
            )
        for line in plan.describe():
            self.stdout.write(f"{path.name}: {line}")
        return True
