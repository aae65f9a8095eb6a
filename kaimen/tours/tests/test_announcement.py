"""The generated progress report has seed 004's structure: title lines, the figures sentence,
"一、关于“…”问题的整改情况" sections numbered in order, "（一）…" measures within each."""

import io
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from docx import Document
from docx.oxml.ns import qn

from conftest import World
from kaimen.core.format import cn_numeral
from kaimen.tours.announcement import (
    MEASURE,
    SECTION,
    figures_sentence,
    parse_figures,
    parse_progress_report,
    report_docx,
    tour_report,
)
from kaimen.tours.models import Measure, Tour
from kaimen.tours.services import (
    ItemData,
    MeasureData,
    feedback_items_add,
    measure_close,
    measure_progress,
    measures_add,
    tour_update,
)
from kaimen.tours.tests.factories import FEEDBACK_ON, make_tour

SEEDS = settings.BASE_DIR.parent / "shared" / "seeds"


def _seed() -> str:
    path = next(iter(sorted(SEEDS.glob("004_*.txt"))), None)
    if path is None:
        pytest.skip("seed 004 is not available")
    return Path(path).read_text(encoding="utf-8")


def _structure(text: str) -> list[tuple[str, list[str]]]:
    """(section heading, [measure numerals]) in order, for any report text."""
    sections: list[tuple[str, list[str]]] = []
    for line in (line.strip() for line in text.splitlines()):
        if SECTION.match(line):
            sections.append((line, []))
        elif (match := MEASURE.match(line)) and sections:
            sections[-1][1].append(match["numeral"])
    return sections


def test_numerals() -> None:
    assert [cn_numeral(n) for n in (1, 2, 8, 10, 12)] == ["一", "二", "八", "十", "十二"]


def test_parse_seed_004() -> None:
    report = parse_progress_report(_seed())

    assert report.issuer == "中共舟山市定海区委"
    assert report.title == "关于十四届省委第十四轮巡视整改进展情况的通报"
    assert [s.position for s in report.sections] == [1, 2, 3, 4, 5, 6, 7, 8]
    assert report.sections[0].title == "落实整改主体责任不够到位"
    assert [len(s.measures) for s in report.sections] == [3, 3, 4, 2, 4, 2, 4, 3]
    # The paragraph the newspaper broke over a page is joined back to its measure.
    assert "定剩余隐性债务的化解方案" in report.sections[4].measures[3]


def test_figures_of_seed_004() -> None:
    figures = parse_figures(_seed())

    assert figures == {
        "party_discipline": 8,
        "government_sanction": 3,
        "organizational": 1,
        "admonition": 7,
        "reminder": 31,
        "institutions": 17,
        "refunded_wan": Decimal("4.49"),
    }


def test_figures_sentence_is_seed_004s_without_the_details() -> None:
    seed_sentence = next(line for line in _seed().splitlines() if "在巡视整改工作中" in line)
    tour = Tour(
        party_discipline=8,
        government_sanction=3,
        organizational=1,
        admonition=7,
        reminder=31,
        institutions=17,
        refunded_wan=Decimal("4.49"),
    )

    assert figures_sentence(tour) == re.sub(r"（[^）]*）", "", seed_sentence.strip())


def test_figures_sentence_leaves_out_zeros() -> None:
    assert figures_sentence(Tour(admonition=2, institutions=1)) == (
        "在巡视整改工作中，诫勉2人，建立完善制度1项。"
    )
    assert figures_sentence(Tour()) == ""


def _tour_from_seed(world: World) -> Tour:
    """Enter seed 004's sections and measures through the services, as an office would."""
    parsed = parse_progress_report(_seed())
    user = world.users["supervisor"]
    tour = make_tour(world)
    tour_update(actor=user, tour=tour, version=tour.version, **parse_figures(_seed()))
    items = feedback_items_add(
        actor=user,
        tour=tour,
        items=[ItemData("巡视反馈", section.title) for section in parsed.sections],
    )
    for item, section in zip(items, parsed.sections, strict=True):
        data = [
            MeasureData(
                text=MEASURE.match(text)["text"].split("。")[0] + "。",  # type: ignore[index]
                units=[world.orgs["dh_jiaoyu"]],
                deadline=FEEDBACK_ON,
            )
            for text in section.measures
        ]
        for added in measures_add(actor=user, item=item, measures=data, today=FEEDBACK_ON):
            measure = measure_progress(actor=user, measure=added, version=1, progress="已推进。")
            if measure.position == 1:
                measure_close(
                    actor=user,
                    measure=measure,
                    version=measure.version,
                    evidence="已完成整改。",
                    ledger_checked=True,
                )
    return tour


@pytest.mark.django_db
def test_generated_report_has_seed_004s_structure(world: World) -> None:
    tour = _tour_from_seed(world)

    report = tour_report(tour, tour.items.order_by("position"), list(_measures(tour)))
    text = report.text

    assert text.splitlines()[:2] == [
        "中共舟山市定海区委",
        "关于十四届省委第十四轮巡视整改进展情况的通报",
    ]
    assert _structure(text) == _structure(_seed())
    assert report.intro == [
        "在巡视整改工作中，给予党纪处分8人，政务处分3人；组织处理1人；诫勉7人，教育提醒31人，"
        "建立完善制度17项，清退款项4.49万元。"
    ]
    first = report.sections[0].paragraphs
    assert first[0] == "（一）区委全面落实巡视整改主体责任。已完成整改。"
    assert first[1] == "（二）层层压实领导干部巡视整改责任。已推进。"


def _measures(tour: Tour) -> list[Measure]:
    return list(Measure.objects.filter(item__tour=tour))


@pytest.mark.django_db
def test_items_without_measures_are_left_out_and_numbering_closes_up(world: World) -> None:
    user = world.users["supervisor"]
    tour = make_tour(world)
    items = feedback_items_add(
        actor=user,
        tour=tour,
        items=[
            ItemData("甲", "第一个问题"),
            ItemData("甲", "第二个问题"),
            ItemData("乙", "第三个问题"),
        ],
    )
    for item in (items[0], items[2]):
        measures_add(
            actor=user,
            item=item,
            measures=[MeasureData("措施", [world.orgs["dh_jiaoyu"]], FEEDBACK_ON)],
        )

    report = tour_report(tour, items, _measures(tour))

    assert [s.heading for s in report.sections] == [
        "一、关于“第一个问题”问题的整改情况",
        "二、关于“第三个问题”问题的整改情况",
    ]
    assert report.sections[0].paragraphs == ["（一）措施。"]


def _east_asian(run: Any) -> str | None:
    """The run's East Asian font name (w:rFonts/@w:eastAsia)."""
    fonts = run._element.find(qn("w:rPr")).find(qn("w:rFonts"))
    return None if fonts is None else str(fonts.get(qn("w:eastAsia")))


@pytest.mark.django_db
def test_word_file_reads_back_as_the_report_with_chinese_fonts(world: World) -> None:
    tour = _tour_from_seed(world)
    report = tour_report(tour, tour.items.order_by("position"), _measures(tour))

    document = Document(io.BytesIO(report_docx(report)))

    lines = [p.text for p in document.paragraphs]
    assert lines[:2] == [report.issuer, report.title]
    assert "\n".join(lines) + "\n" == report.text.replace("\n\n", "\n")
    heading = next(p for p in document.paragraphs if SECTION.match(p.text))
    assert _east_asian(heading.runs[0]) == "黑体"
    body = next(p for p in document.paragraphs if MEASURE.match(p.text))
    assert [_east_asian(r) for r in body.runs] == [
        "楷体_GB2312",
        "仿宋_GB2312",
    ]
