"""Announced beside recorded: each figure of a campaign as the commission announced it and as
its records count it (the figure registry, `supervision.figures`).

Announced means the intro figures of an imported announcement (kept as Metrics), else of the
campaign's current published announcement version, else — for the staff before publishing — of
the draft they are about to publish. A figure announced but not counted by the registry has no
recorded value; a registered figure nothing announced has no announced value.
"""

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Sum
from django.utils.translation import gettext_lazy as _

from kaimen.campaigns.indicators import BY_CODE, INDICATORS, code_for
from kaimen.campaigns.models import Campaign, Metric
from kaimen.importer import AnnouncementInputError, parse_announcement
from kaimen.publication.models import AnnouncementVersion, VersionState
from kaimen.supervision.figures import FIGURES, Values, recorded_figures, recorded_for

# Where the announced figures come from.
IMPORTED, PUBLISHED, DRAFT = "imported", "published", "draft"
SOURCE_NOTES = {
    IMPORTED: _("历史年度由公告导入：公布数为当年公告所载数字，按公告原文照录。"),
    PUBLISHED: _("公布数取自已公布的成果公告，记录数由系统内的记录统计。"),
    DRAFT: _("公布数取自待公布的公告草稿，记录数由系统内的记录统计。"),
    "": _("尚未公布成果公告，仅有记录数。"),
}


@dataclass(frozen=True)
class FigureRow:
    code: str
    label: str
    unit: str
    announced: Decimal | None
    recorded: Decimal | None
    described: str  # what the registry counts ("" when it does not count this figure)

    @property
    def differs(self) -> bool:
        return (
            self.announced is not None
            and self.recorded is not None
            and self.announced != self.recorded
        )


@dataclass(frozen=True)
class CampaignFigures:
    campaign: Campaign
    rows: list[FigureRow]
    source: str  # IMPORTED, PUBLISHED, DRAFT or ""

    @property
    def note(self) -> str:
        return str(SOURCE_NOTES[self.source])

    @property
    def differences(self) -> list[FigureRow]:
        return [row for row in self.rows if row.differs]


def announced_in_text(text: str) -> Values:
    """The intro figures an announcement's text states, by code (unknown figures left out)."""
    try:
        parsed = parse_announcement(text)
    except AnnouncementInputError:
        return {}
    values: Values = {}
    for figure in parsed.intro_totals:
        code = code_for(figure.label, figure.normalized_unit)
        if code:
            values[code] = values.get(code, Decimal(0)) + Decimal(figure.normalized_value)
    return values


def _imported(campaigns: Sequence[Campaign]) -> dict[int, Values]:
    """The announced intro figures of imported campaigns, by code (one query)."""
    values: dict[int, Values] = defaultdict(dict)
    rows = (
        Metric.objects.filter(campaign__in=[c.pk for c in campaigns if c.imported])
        .exclude(code="")
        .order_by()
        .values("campaign_id", "code")
        .annotate(total=Sum("normalized_value"))
    )
    for row in rows:
        values[row["campaign_id"]][row["code"]] = row["total"]
    return values


def _published(campaigns: Sequence[Campaign]) -> dict[int, Values]:
    """The intro figures of the current published version of each other campaign (one query)."""
    current: dict[int, str] = {}
    versions = (
        AnnouncementVersion.objects.filter(
            announcement__campaign__in=[c.pk for c in campaigns if not c.imported],
            state=VersionState.PUBLISHED,
        )
        .order_by("announcement__campaign_id", "-number")
        .values_list("announcement__campaign_id", "text")
    )
    for campaign_id, text in versions:
        current.setdefault(campaign_id, text)
    return {pk: announced_in_text(text) for pk, text in current.items()}


def figure_rows(recorded: Values, announced: Values) -> list[FigureRow]:
    """Every registered figure and every announced one, in the dictionary's order."""
    codes = [i.code for i in INDICATORS if i.code in recorded or i.code in announced]
    return [
        FigureRow(
            code=code,
            label=str(BY_CODE[code].label),
            unit=BY_CODE[code].unit,
            announced=announced.get(code),
            recorded=recorded.get(code),
            described=FIGURES[code].described if code in FIGURES else "",
        )
        for code in codes
    ]


def campaigns_figures(campaigns: Sequence[Campaign]) -> dict[int, CampaignFigures]:
    """Announced beside recorded for many campaigns: a constant number of queries."""
    recorded = recorded_figures(campaigns)
    imported, published = _imported(campaigns), _published(campaigns)
    result = {}
    for campaign in campaigns:
        if campaign.imported:
            announced, source = imported.get(campaign.pk, {}), IMPORTED
        elif campaign.pk in published:
            announced, source = published[campaign.pk], PUBLISHED
        else:
            announced, source = {}, ""
        rows = figure_rows(recorded[campaign.pk], announced)
        result[campaign.pk] = CampaignFigures(campaign, rows, source)
    return result


def campaign_figures(campaign: Campaign) -> CampaignFigures:
    return campaigns_figures([campaign])[campaign.pk]


def draft_figures(campaign: Campaign, text: str) -> CampaignFigures:
    """The figures of a draft about to be published beside the records (for the staff)."""
    rows = figure_rows(recorded_for(campaign), announced_in_text(text))
    return CampaignFigures(campaign, rows, DRAFT)


def number(value: Decimal | None) -> int | float | None:
    """A figure as a JSON number: 646, 38600, 0.5; None stays null."""
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)
