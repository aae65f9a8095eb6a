from pathlib import Path
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from kaimen.core.backup import RestoreError, backup_restore


class Command(BaseCommand):
    help = "Replace the database's rows and the stored files by a backup, then verify the chain."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("source", type=Path, help="a .tar.gz written by `backup`")
        parser.add_argument(
            "--yes", action="store_true", help="confirm: every current row is replaced"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not options["yes"]:
            raise CommandError("restore replaces every row of this database: add --yes")
        try:
            manifest = backup_restore(options["source"])
        except RestoreError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"restored {manifest['rows']} rows and {manifest['files']} files")
        call_command("verify_events", stdout=self.stdout)
