import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from kaimen.timeline.models import DailySeal
from kaimen.timeline.services import chain_verify, digests_check, unsealed_overdue


class Command(BaseCommand):
    help = (
        "Verify the sealed event chain: every seal, the published day seals, and that no event "
        "waits unsealed too long; exit non-zero naming the first problem."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--against",
            metavar="FILE",
            type=Path,
            help="day seals saved elsewhere (the JSON of GET /api/v1/chain/seals) to check too",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        intact, event, problem = chain_verify()
        if not intact:
            raise CommandError(f"Event chain broken: {problem}" + (f" ({event})" if event else ""))
        saved: list[Mapping[str, Any]] = list(DailySeal.objects.values("day", "sequence", "hash"))
        if options["against"] is not None:
            saved += self._read(options["against"])
        differences = digests_check(saved)
        if differences:
            raise CommandError("Event chain broken: " + "; ".join(differences))
        late, oldest = unsealed_overdue()
        if late:
            raise CommandError(
                f"{late} event(s) left unsealed too long, the oldest recorded "
                f"{oldest.created_at.isoformat() if oldest else '?'}: is seal_events running?"
            )
        self.stdout.write(self.style.SUCCESS("Event chain intact."))

    def _read(self, path: Path) -> list[dict[str, Any]]:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise CommandError(f"cannot read {path}: {exc}") from exc
        seals = data.get("seals") if isinstance(data, dict) else data
        if not isinstance(seals, list) or not all(
            isinstance(s, dict) and {"day", "sequence", "hash"} <= s.keys() for s in seals
        ):
            raise CommandError(f"{path}: expected the day seals (day, sequence, hash)")
        return seals
