"""`tour_import`: a published rectification progress report (巡视整改进展情况的通报) becomes a
Tour with its fed-back problems, measures and figures.

The importer (`kaimen.importer`) reads the report (`kind == "tour_progress"`); this writes it.
Importing the same report again changes nothing.
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kaimen.core.errors import ApplicationError
from kaimen.core.permissions import require
from kaimen.orgs.models import Organization
from kaimen.timeline.services import event_record
from kaimen.tours.announcement import parse_figures
from kaimen.tours.models import FeedbackItem, Measure, MeasureState, Tour

_NAME = re.compile(r"关于(?P<name>.+?(?:巡视|巡察))(?:反馈意见)?整改")
_FEEDBACK_DATE = re.compile(
    r"(?P<y>(?:19|20)\d{2})年(?P<m>\d{1,2})月(?P<d>\d{1,2})日[^。]{0,30}?反馈"
)
_HEADLINE = re.compile(r"^[^。；！？]*[。；！？]")
# the report does not give deadlines: the standard centralised rectification period
# (集中整改期) of two months after the feedback stands in until the office sets them
CENTRAL_PERIOD = timedelta(days=60)
_NAME_LIMIT = 100


@dataclass(frozen=True)
class TourImport:
    tour: Tour
    created: bool
    items: int
    measures: int


def _feedback_on(intro: str, today: date) -> tuple[date, bool]:
    """The feedback date the report states, or today (False: not stated)."""
    match = _FEEDBACK_DATE.search(intro)
    if match:
        try:
            return date(int(match["y"]), int(match["m"]), int(match["d"])), True
        except ValueError:
            pass
    return today, False


def _split(measure: str) -> tuple[str, str]:
    """A measure paragraph as (what was to be done, what was done so far)."""
    match = _HEADLINE.match(measure)
    if not match:
        return measure, ""
    return match.group(0), measure[match.end() :].strip()


@transaction.atomic
def tour_import(
    *, actor: Any, office: Organization, parsed: Mapping[str, Any], today: date | None = None
) -> TourImport:
    """Create the tour of a parsed progress report (or find the one imported before)."""
    require(actor, "tours.add_tour", office)
    if parsed.get("kind") != "tour_progress":
        raise ApplicationError(
            _("这不是巡视（巡察）整改进展情况的通报。"), code="not_a_tour_report", field="kind"
        )
    title = str(parsed.get("title") or "")
    match = _NAME.search(title)
    name = (match["name"] if match else title)[:_NAME_LIMIT].strip()
    party = str(parsed.get("issuer") or "")[:_NAME_LIMIT].strip()
    items = [item for item in parsed.get("feedback_items") or [] if item.get("title")]
    if not name or not party:
        raise ApplicationError(
            _("通报中没有识别出巡视名称或被巡视党组织，请在审核页补充。"),
            code="required",
            field="title" if not name else "issuer",
        )
    existing = Tour.objects.filter(office=office, name=name, inspected_party=party).first()
    if existing is not None:
        return TourImport(existing, False, existing.items.count(), 0)
    intro = str(parsed.get("intro") or "")
    feedback_on, stated = _feedback_on(intro, today or timezone.localdate())
    tour = Tour.objects.create(
        office=office,
        name=name,
        inspected_party=party,
        feedback_on=feedback_on,
        intro=intro,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
        **parse_figures(intro),
    )
    category = _("巡察反馈问题") if "巡察" in name else _("巡视反馈问题")
    count = 0
    for position, raw in enumerate(items, start=1):
        item = FeedbackItem.objects.create(
            tour=tour, category=category, position=position, title=str(raw["title"])[:200]
        )
        for number, measure in enumerate(raw.get("measures") or [], start=1):
            text, progress = _split(str(measure.get("text") or ""))
            Measure.objects.create(
                item=item,
                position=number,
                text=text,
                progress=progress,
                assigned_on=feedback_on,
                deadline=feedback_on + CENTRAL_PERIOD,
                state=MeasureState.IN_PROGRESS,
            )
            count += 1
    event_record(
        actor=actor,
        action="tour.imported",
        target=tour,
        organization=office,
        after={
            "name": name,
            "inspected_party": party,
            "feedback_on": feedback_on,
            "items": len(items),
            "measures": count,
        },
        reason=""
        if stated
        else _("通报未写明反馈日期，暂记为导入日期；整改时限暂按集中整改期两个月计，请核对。"),
    )
    return TourImport(tour, True, len(items), count)
