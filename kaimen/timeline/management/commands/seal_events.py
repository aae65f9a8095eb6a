import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import close_old_connections

from kaimen.timeline.services import events_seal_all


class Command(BaseCommand):
    help = (
        "Link the committed events into the sealed chain. Once (on demand), or with --every "
        "SECONDS as a long-running process."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--every", type=float, metavar="SECONDS", help="keep sealing, pausing this long"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        every = options["every"]
        while True:
            sealed = events_seal_all()
            if every is None:
                self.stdout.write(f"{sealed} event(s) sealed.")
                return
            close_old_connections()
            time.sleep(every)
