"""The Word documents: A4, red header, number, 小标宋 title, 仿宋_GB2312 body, issuer and date."""

import io
from datetime import date

import docx
from docx.oxml.ns import qn

from conftest import World
from kaimen.core.format import cn_date
from kaimen.core.word import Paper
from kaimen.core.word import render_paper as render
from kaimen.supervision.services.problems import problem_notify
from kaimen.supervision.tests.factories import TODAY, problem_in


def _east_asian(paragraph: object) -> str:
    run = paragraph.runs[0]  # type: ignore[attr-defined]
    return str(run._element.rPr.rFonts.get(qn("w:eastAsia")))


def test_render_lays_out_an_official_document() -> None:
    paper = Paper(
        issuer="定海区纪委监委",
        number="定海区纪委监委整改通知〔2024〕1号",
        title="整改通知书",
        addressee="定海区教育局",
        paragraphs=["第一段。", "第二段。"],
        dated=date(2024, 9, 26),
    )

    document = docx.Document(io.BytesIO(render(paper)))

    section = document.sections[0]
    assert section.page_width is not None
    assert section.page_height is not None
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
    texts = [p.text for p in document.paragraphs if p.text]
    assert texts == [
        "定海区纪委监委",
        "定海区纪委监委整改通知〔2024〕1号",
        "整改通知书",
        "定海区教育局：",
        "第一段。",
        "第二段。",
        "定海区纪委监委",
        "2024年9月26日",
    ]
    header, _number, title, _to, body, *_rest = [p for p in document.paragraphs if p.text]
    assert str(header.runs[0].font.color.rgb) == "C00000"
    assert _east_asian(title) == "方正小标宋简体"  # GB/T 9704 §7.3.1: 2号小标宋体字
    assert _east_asian(body) == "仿宋_GB2312"


def test_cn_date() -> None:
    assert cn_date(date(2025, 1, 8)) == "2025年1月8日"


def test_notifying_stores_the_notice_with_its_number(world: World) -> None:
    problem = problem_in(world, "open")

    notice = problem_notify(
        actor=world.users["supervisor"], problem=problem, version=problem.version, today=TODAY
    )

    document = docx.Document(notice.document.open("rb"))
    text = "\n".join(p.text for p in document.paragraphs)
    assert notice.number == "定海区纪委监委整改通知〔2024〕1号"
    assert notice.number in text
    assert "定海区教育局：" in text
    assert "学校食堂大宗食材采购未公开招标" in text
    assert "2024年10月31日前完成整改" in text
