"""Import a published rectification progress report (巡视整改进展情况的通报) as a Tour.

manage.py import_tour_report report.txt --office 定海区纪委监委
(`import_announcement` hands tour progress reports over to this command.)
"""

import getpass
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from kaimen.campaigns.imports import OperatorActor
from kaimen.core.errors import ApplicationError
from kaimen.importer import (
    MAX_BYTES,
    AnnouncementInputError,
    decode_bytes,
    docx_to_text,
    parse_announcement,
)
from kaimen.orgs.models import Organization, OrganizationKind
from kaimen.tours.imports import tour_import


def _office(value: str) -> Organization:
    offices = Organization.objects.exclude(kind=OrganizationKind.REGION)
    found = (
        offices.filter(pk=int(value)).first()
        if value.strip().isdigit()
        else offices.filter(name=value.strip()).first()
    )
    if found is None:
        raise CommandError(f"没有名为（或编号为）“{value}”的机关。")
    return found


def _text(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as error:
        raise CommandError(f"{path}: 无法读取文件：{error.strerror}") from None
    if len(data) > MAX_BYTES:
        raise CommandError(f"{path}: 文件过大，上限为 {MAX_BYTES // 1024 // 1024} MB。")
    try:
        return docx_to_text(data) if path.suffix.lower() == ".docx" else decode_bytes(data)
    except AnnouncementInputError as error:
        raise CommandError(f"{path}: {error}") from None


class Command(BaseCommand):
    help = (
        "导入巡视（巡察）整改进展情况的通报，建立巡视整改（反馈问题、整改措施、数据）。"
        " Import a tour progress report as a tour."
    )
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, metavar="PATH")
        parser.add_argument("--office", required=True, help="整改牵头机关：名称或编号")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["path"]
        office = _office(options["office"])
        parsed = parse_announcement(_text(path))
        data = {**parsed.to_json_dict(), "title": parsed.title, "intro": parsed.intro}
        actor = OperatorActor(f"manage.py import_tour_report ({getpass.getuser()})")
        try:
            result = tour_import(actor=actor, office=office, parsed=data)
        except ApplicationError as error:
            raise CommandError(f"{path}: {error.message}") from None
        if result.created:
            self.stdout.write(
                f"{path.name}: 新建巡视整改“{result.tour.name}”（{result.tour.inspected_party}），"
                f"{result.items} 个反馈问题，{result.measures} 条整改措施。"
            )
        else:
            self.stdout.write(f"{path.name}: “{result.tour.name}”已导入，无需更改。")
