"""The demo's inspection-tour rectification, built from seed 004 (定海区委's 巡视整改 progress
report): its sections become feedback items, the first measures of each become measures with
units, leaders and deadlines, their text becomes the progress, and the report's figures the
tour's. Nothing of the seed's text is kept in code. Idempotent: a tour already loaded is left
as it is.

Deadlines are set around today so that the four lists show every state and colour.
"""

import os
import re
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from kaimen.importer import decode_bytes
from kaimen.orgs.models import Organization
from kaimen.tours.announcement import MEASURE, parse_figures, parse_progress_report
from kaimen.tours.models import Measure, Tour
from kaimen.tours.services import (
    ItemData,
    MeasureData,
    feedback_items_add,
    measure_close,
    measure_progress,
    measures_add,
    tour_create,
    tour_report_create,
    tour_update,
)

SEED_PREFIX = "004_"
TOUR_NAME = re.compile(r"^关于(?P<name>.+?)整改进展情况的通报$")
MEASURES_PER_ITEM = 2
# Categories of the tour's feedback, by section (the report itself does not name them).
CATEGORIES = (
    (3, "上轮巡视整改落实"),
    (6, "贯彻落实党中央决策部署"),
    (7, "全面从严治党"),
    (8, "领导班子和干部队伍建设"),
)
# Which demo unit answers for a measure, by a word of its text (the first that matches).
UNIT_WORDS = (
    ("教育", "定海区教育局"),
    ("医疗", "定海区卫生健康局"),
    ("污水", "舟山市生态环境局定海分局"),
    ("环境", "舟山市生态环境局定海分局"),
    ("粮食", "定海区农业农村局"),
    ("集体经济", "定海区农业农村局"),
    ("产业", "定海区发改局"),
    ("自贸区", "定海区发改局"),
    ("线索", "定海区纪委监委"),
    ("纪委", "定海区纪委监委"),
    ("监督", "定海区纪委监委"),
    ("四风", "定海区纪委监委"),
    ("违纪", "定海区纪委监委"),
)
DEFAULT_UNIT = "定海区纪委监委"
INTRO = (
    "收到巡视反馈意见后，区委把巡视整改作为重大政治任务，成立整改工作领导小组，逐条制定整改措施，"
    "明确责任单位、责任领导和整改时限，建立跟踪督查、挂牌销号等制度，逐一对账销号。"
)
LEADERS = ("区委副书记", "区纪委书记、区监委主任", "区委常委、组织部部长", "副区长")
# Offsets of the deadlines from today and what has happened: done, long term, in progress
# (coloured by how far the deadline is), open.
PLAN = (
    ("done", -40),
    ("done", -20),
    ("progress", -35),  # red
    ("progress", -12),  # orange
    ("progress", -2),  # yellow
    ("progress", 2),  # blue
    ("long_term", 180),
    ("progress", 45),
    ("open", 60),
    ("done", -5),
)


def seed_path() -> Path | None:
    configured = os.environ.get("KAIMEN_SEEDS_DIR")
    folder = Path(configured) if configured else settings.BASE_DIR.parent / "shared" / "seeds"
    return next(iter(sorted(folder.glob(f"{SEED_PREFIX}*.txt"))), None)


def _category(position: int) -> str:
    return next(name for last, name in CATEGORIES if position <= last) if position <= 8 else "其他"  # noqa: PLR2004


def _unit(text: str, orgs: dict[str, Organization]) -> Organization:
    name = next((unit for word, unit in UNIT_WORDS if word in text), DEFAULT_UNIT)
    return orgs.get(name) or orgs[DEFAULT_UNIT]


def _split(paragraph: str) -> tuple[str, str]:
    """（一）Headline。Rest → (Headline。, the first two sentences of the rest)."""
    match = MEASURE.match(paragraph)
    text = match["text"] if match else paragraph
    sentences = re.findall(r"[^。]*。", text)
    if not sentences:
        return text, ""
    return sentences[0], "".join(sentences[1:3])


@transaction.atomic
def load_tour_demo(
    *, admin: Any, orgs: dict[str, Organization], today: date | None = None
) -> Tour | None:
    path = seed_path()
    if path is None:
        return None
    report = parse_progress_report(decode_bytes(path.read_bytes()))
    match = TOUR_NAME.match(report.title)
    if match is None or not report.sections:
        return None
    office = orgs[DEFAULT_UNIT]
    existing = Tour.objects.filter(office=office, name=match["name"]).first()
    if existing is not None:
        return existing
    today = today or timezone.localdate()
    feedback_on = today - timedelta(days=150)
    tour = tour_create(
        actor=admin,
        office=office,
        name=match["name"],
        inspected_party=report.issuer,
        feedback_on=feedback_on,
        inspecting_body="省委第一巡视组",
        today=today,
    )
    figures = parse_figures("".join(report.intro))
    tour = tour_update(
        actor=admin,
        tour=tour,
        version=tour.version,
        intro=INTRO,
        **figures,
    )
    items = feedback_items_add(
        actor=admin,
        tour=tour,
        items=[ItemData(category=_category(s.position), title=s.title) for s in report.sections],
    )
    step = 0
    for item, section in zip(items, report.sections, strict=True):
        data, progress = [], []
        for paragraph in section.measures[:MEASURES_PER_ITEM]:
            headline, rest = _split(paragraph)
            state, offset = PLAN[step % len(PLAN)]
            step += 1
            data.append(
                MeasureData(
                    text=headline,
                    units=[_unit(paragraph, orgs)],
                    deadline=today + timedelta(days=offset),
                    leader=LEADERS[step % len(LEADERS)],
                    long_term=state == "long_term",
                )
            )
            progress.append((state, rest))
        measures = measures_add(actor=admin, item=item, measures=data, today=feedback_on)
        for measure, (state, rest) in zip(measures, progress, strict=True):
            _advance(admin, measure, state, rest)
    tour_report_create(
        actor=admin,
        tour=tour,
        date=today - timedelta(days=30),
        text="召开巡视整改推进会，逐项盘点整改任务，对滞后事项督促责任单位制定赶超计划。",
        today=today,
    )
    return tour


def _advance(admin: Any, measure: Measure, state: str, rest: str) -> None:
    if state == "open" or not rest:
        return
    if state == "long_term":
        measure_progress(actor=admin, measure=measure, version=measure.version, progress=rest)
        return
    measure = measure_progress(actor=admin, measure=measure, version=measure.version, progress=rest)
    if state == "done":
        measure_close(
            actor=admin,
            measure=measure,
            version=measure.version,
            evidence=rest,
            ledger_checked=True,
        )
