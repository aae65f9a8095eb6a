from typing import Any

from django.core.management.base import BaseCommand, CommandError

from kaimen.timeline.services import chain_verify


class Command(BaseCommand):
    help = "Verify the hash chain of the event log; exit non-zero naming the first broken event."

    def handle(self, *args: Any, **options: Any) -> None:
        intact, event, problem = chain_verify()
        if not intact:
            raise CommandError(f"Event chain broken: {problem}" + (f" ({event})" if event else ""))
        self.stdout.write(self.style.SUCCESS("Event chain intact."))
