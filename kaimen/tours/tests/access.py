"""Access-matrix rows for the 巡视整改 pages (/staff/tours/…).

The fixture tour belongs to 定海区纪委监委; its measures are 定海区教育局's (so the lead unit
reads it, 公安分局 does not), one of them already closed (for the reopen row).
"""

from datetime import date
from typing import Any

from django.urls import reverse

from kaimen.campaigns.tests.access_imports import dinghai_run
from kaimen.core.access import (
    COMMISSION_ADMIN,
    COMMISSION_ADMIN_OTHER,
    DINGHAI_COMMISSION,
    STAFF,
    SUPERVISOR,
    UNIT_LEAD,
    Row,
)
from kaimen.tours.models import FeedbackItem, Measure, MeasureState, Tour

OFFICE = frozenset({SUPERVISOR, COMMISSION_ADMIN})
READERS = DINGHAI_COMMISSION | {UNIT_LEAD}


def access_tour(w: Any) -> Tour:
    """Made directly (rows only need records), once per world."""
    tour, created = Tour.objects.get_or_create(
        office=w.orgs["dh_jiwei"],
        name="十四届省委第十四轮巡视",
        defaults={"inspected_party": "中共舟山市定海区委", "feedback_on": date(2024, 6, 3)},
    )
    if created:
        item = FeedbackItem.objects.create(
            tour=tour, category="落实整改主体责任", position=1, title="落实整改主体责任不够到位"
        )
        for position, state in ((1, MeasureState.OPEN), (2, MeasureState.DONE)):
            measure = Measure.objects.create(
                item=item,
                position=position,
                text="区委全面落实巡视整改主体责任。",
                assigned_on=date(2024, 6, 3),
                deadline=date(2024, 10, 31),
                state=state,
                ledger_checked=state == MeasureState.DONE,
            )
            measure.units.set([w.orgs["dh_jiaoyu"]])
    return tour


def _measure(w: Any, position: int = 1) -> Measure:
    return Measure.objects.get(item__tour=access_tour(w), position=position)


def _tour_url(name: str) -> Any:
    return lambda w: reverse(name, args=[access_tour(w).pk])


def _measure_url(name: str, position: int = 1) -> Any:
    return lambda w: reverse(name, args=[_measure(w, position).pk])


ROWS: list[Row] = [
    Row("tours:tour_list", lambda w: reverse("tours:tour_list"), STAFF),
    Row(
        "tours:tour_import_run",
        lambda w: reverse("tours:tour_import_run", args=[dinghai_run(w).pk]),
        frozenset({COMMISSION_ADMIN}),
        method="post",
        data=lambda w: {},
    ),
    Row(
        "tours:tour_create",
        lambda w: reverse("tours:tour_create"),
        OFFICE | {COMMISSION_ADMIN_OTHER},
    ),
    Row("tours:tour_detail", _tour_url("tours:tour_detail"), READERS),
    Row("tours:tour_update", _tour_url("tours:tour_update"), OFFICE),
    Row(
        "tours:tour_lists",
        lambda w: reverse("tours:tour_lists", args=[access_tour(w).pk, "deadlines"]),
        READERS,
    ),
    Row("tours:items_add", _tour_url("tours:items_add"), OFFICE),
    Row(
        "tours:report_create",
        _tour_url("tours:report_create"),
        OFFICE,
        method="post",
        data=lambda w: {"date": "2024-09-01", "text": "召开整改推进会。"},
    ),
    Row("tours:measures_xlsx", _tour_url("tours:measures_xlsx"), READERS),
    Row("tours:announcement", _tour_url("tours:announcement"), OFFICE),
    Row("tours:announcement_docx", _tour_url("tours:announcement_docx"), OFFICE),
    Row("tours:announcement_text", _tour_url("tours:announcement_text"), OFFICE),
    Row(
        "tours:measures_add",
        lambda w: reverse("tours:measures_add", args=[access_tour(w).items.get().pk]),
        OFFICE,
    ),
    Row("tours:measure_detail", _measure_url("tours:measure_detail"), READERS),
    Row(
        "tours:measure_progress",
        _measure_url("tours:measure_progress"),
        OFFICE | {UNIT_LEAD},
        method="post",
        data=lambda w: {"version": 1, "progress": "召开专题会议。"},
    ),
    Row(
        "tours:measure_close",
        _measure_url("tours:measure_close"),
        OFFICE,
        method="post",
        data=lambda w: {"version": 1, "evidence": "已整改到位。", "ledger_checked": "on"},
    ),
    Row(
        "tours:measure_reopen",
        _measure_url("tours:measure_reopen", 2),
        OFFICE,
        method="post",
        data=lambda w: {"version": 1, "reason": "回头看发现反弹。"},
    ),
    Row(
        "tours:measure_edit",
        _measure_url("tours:measure_edit"),
        OFFICE,
        method="post",
        data=lambda w: {
            "version": 1,
            "text": "区委全面落实巡视整改主体责任。",
            "units": [w.orgs["dh_jiaoyu"].pk],
            "leader": "区委副书记",
            "deadline": "2024-11-30",
        },
    ),
]
