from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from kaimen.core.backup import backup_write


class Command(BaseCommand):
    help = "Write the database's rows, the stored files and the key ids (never keys) to a .tar.gz."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("target", type=Path, help="the .tar.gz to write")

    def handle(self, *args: Any, **options: Any) -> None:
        manifest = backup_write(options["target"])
        self.stdout.write(
            f"backup {options['target']}: {manifest['rows']} rows, {manifest['files']} files"
        )
