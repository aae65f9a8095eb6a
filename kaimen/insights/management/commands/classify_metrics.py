"""Give every figure its indicator code (for campaigns imported before the dictionary existed,
or after the dictionary changed). Idempotent."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from kaimen.campaigns.models import Campaign
from kaimen.insights.services import metric_codes_assign


class Command(BaseCommand):
    help = "按指标字典为全部数据标注指标代码。Classify every figure into the indicator dictionary."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--overwrite", action="store_true", help="重新标注已有代码的数据 (re-classify all)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        changed = 0
        campaigns = Campaign.objects.select_related("issuer").order_by("pk")
        for campaign in campaigns.iterator(chunk_size=200):
            changed += metric_codes_assign(
                actor=None, campaign=campaign, overwrite=options["overwrite"]
            )
        self.stdout.write(self.style.SUCCESS(f"已标注 {changed} 条数据的指标代码。"))
