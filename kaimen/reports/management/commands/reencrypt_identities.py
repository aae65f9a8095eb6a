"""Re-encrypt every stored reporter identity under the first key and the current algorithm.

Run after putting a new key first in KAIMEN_IDENTITY_KEYS (then the old key can be dropped) or
after turning KAIMEN_NATIONAL_CRYPTO on or off. Rows are done in batches, each in its own
transaction; running it again is harmless.
"""

from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

from kaimen.reports.identity import identity_rotate
from kaimen.reports.models import Report

BATCH = 500


class Command(BaseCommand):
    help = "Re-encrypt reporter identities under the first key and the current algorithm."

    def handle(self, *args: Any, **options: Any) -> None:
        done = 0
        last = 0
        while True:
            with transaction.atomic():
                batch = list(
                    Report.objects.select_for_update()
                    .filter(pk__gt=last)
                    .exclude(identity_token="")
                    .order_by("pk")[:BATCH]
                )
                for report in batch:
                    report.identity_token = identity_rotate(report.identity_token)
                Report.objects.bulk_update(batch, ["identity_token"])
            if not batch:
                break
            last = batch[-1].pk
            done += len(batch)
        self.stdout.write(f"re-encrypted {done} identities")
