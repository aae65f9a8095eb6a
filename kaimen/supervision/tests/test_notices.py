"""One 整改通知书 per inspection and unit: drafted, previewed and edited, issued under one
number for every problem it lists, all or none."""

import io
from datetime import date
from typing import Any

import docx
import pytest
from django.core.exceptions import PermissionDenied
from docx.oxml.ns import qn

from conftest import World
from kaimen.core.errors import ApplicationError, ConflictError
from kaimen.supervision.models import Inspection, InspectionKind, Notice, Problem, ProblemState
from kaimen.supervision.services.problems import notice_issue
from kaimen.supervision.tests.factories import TODAY, file_problem, problem_in
from kaimen.timeline.models import Event


def _inspection(world: World, *units: str) -> tuple[Inspection, list[Problem]]:
    inspection = Inspection.objects.create(
        commission=world.orgs["dh_jiwei"], date=date(2024, 9, 25), kind=InspectionKind.UNANNOUNCED
    )
    problems = []
    for index, unit in enumerate(units):
        problem = file_problem(world, unit=unit, description=f"检查发现的问题{index + 1}")
        problem.inspection = inspection
        problem.save(update_fields=["inspection"])
        problems.append(problem)
    return inspection, problems


def test_one_notice_lists_every_problem_under_one_number(world: World) -> None:
    _, problems = _inspection(world, "dh_jiaoyu", "dh_jiaoyu", "dh_jiaoyu")
    body = "经督导检查，发现你单位存在以下问题：\n一、问题一\n二、问题二\n三、问题三（已修改）"
    notice = notice_issue(
        actor=world.users["supervisor"],
        problems=problems,
        versions={p.pk: p.version for p in problems},
        body=body,
        today=TODAY,
    )
    assert notice.number == "定海区纪委监委整改通知〔2024〕1号"
    assert Notice.objects.count() == 1
    assert sorted(notice.problems.values_list("pk", flat=True)) == sorted(p.pk for p in problems)
    assert set(Problem.objects.values_list("state", flat=True)) == {ProblemState.NOTIFIED}
    events = Event.objects.filter(action="problem.notify")
    assert [e.after["notice"] for e in events] == [notice.number] * 3
    text = [p.text for p in docx.Document(notice.document.open("rb")).paragraphs if p.text]
    assert "三、问题三（已修改）" in text  # the edited text is the one frozen in the file
    assert "定海区教育局：" in text


def test_the_draft_says_how_the_problems_were_found_and_numbers_them_once(world: World) -> None:
    inspection, problems = _inspection(world, "dh_jiaoyu", "dh_jiaoyu")
    body = (
        world.client_for("supervisor")
        .get(f"/staff/supervision/notices/new/?problem={problems[0].pk}&problem={problems[1].pk}")
        .content.decode()
    )
    assert "2024年9月25日，我委对你单位开展督导检查（四不两直），发现存在以下问题：" in body
    assert "一、第2024-0001号问题" in body
    assert "二、第2024-0002号问题" in body
    assert "文号在确认下发时编定" in body
    # the inspection page offers the draft per unit
    page = world.client_for("supervisor").get(f"/staff/supervision/inspections/{inspection.pk}/")
    assert f"problem={problems[0].pk}&amp;problem={problems[1].pk}" in page.content.decode()


def test_issuing_from_the_page_redirects_to_the_inspection(world: World) -> None:
    inspection, problems = _inspection(world, "dh_jiaoyu", "dh_jiaoyu")
    data = {
        "problem": [str(p.pk) for p in problems],
        "body": "我委对你单位开展督导检查，发现存在以下问题：\n一、甲\n二、乙",
        **{f"version_{p.pk}": str(p.version) for p in problems},
    }
    client = world.client_for("supervisor")
    response = client.post("/staff/supervision/notices/new/", data)
    assert response.status_code == 302
    assert response["Location"] == f"/staff/supervision/inspections/{inspection.pk}/"
    assert Notice.objects.get().body.endswith("二、乙")
    page = client.get(response["Location"]).content.decode()
    assert "已下发整改通知书" in page
    # posting the same draft again (a refresh) is refused by the versions, and redirected
    again = client.post("/staff/supervision/notices/new/", data)
    assert again.status_code == 302
    assert Notice.objects.count() == 1


def test_all_or_nothing_with_each_refused_problem_named(world: World) -> None:
    _, problems = _inspection(world, "dh_jiaoyu", "dh_jiaoyu")
    versions = {p.pk: p.version for p in problems}
    stale = problems[1]
    Problem.objects.filter(pk=stale.pk).update(version=stale.version + 1)
    stale.refresh_from_db()
    with pytest.raises(ConflictError) as error:
        notice_issue(
            actor=world.users["supervisor"], problems=problems, versions=versions, body="正文"
        )
    assert stale.number in error.value.message
    assert problems[0].number not in error.value.message
    assert Notice.objects.count() == 0
    assert not Event.objects.filter(action="problem.notify").exists()
    assert Problem.objects.get(pk=problems[0].pk).state == ProblemState.OPEN


def test_a_notice_goes_to_one_unit(world: World) -> None:
    _, problems = _inspection(world, "dh_jiaoyu", "dh_gongan")
    with pytest.raises(ApplicationError, match="一个责任单位"):
        notice_issue(
            actor=world.users["supervisor"],
            problems=problems,
            versions={p.pk: p.version for p in problems},
            body="正文",
        )
    page = world.client_for("supervisor").get(
        f"/staff/supervision/notices/new/?problem={problems[0].pk}&problem={problems[1].pk}"
    )
    assert "一份整改通知书只能发给一个责任单位" in page.content.decode()


def test_units_and_other_commissions_cannot_issue(world: World) -> None:
    problem = problem_in(world, "open")
    with pytest.raises(PermissionDenied):
        notice_issue(
            actor=world.users["unit_staff_lead"],
            problems=[problem],
            versions={problem.pk: problem.version},
            body="正文",
        )
    url = f"/staff/supervision/notices/new/?problem={problem.pk}"
    assert world.client_for("commission_admin_other").get(url).status_code == 404
    assert world.client_for("unit_staff_lead").get(url).status_code == 403


def test_the_notice_file_is_a4_with_official_margins_and_fonts(world: World) -> None:
    _, problems = _inspection(world, "dh_jiaoyu")
    notice = notice_issue(
        actor=world.users["supervisor"],
        problems=problems,
        versions={p.pk: p.version for p in problems},
        body="第一段。\n第二段。",
        today=TODAY,
    )
    document = docx.Document(io.BytesIO(notice.document.open("rb").read()))
    section = document.sections[0]
    sizes = [section.page_width, section.page_height, section.top_margin, section.left_margin]
    assert [round(s.cm, 1) for s in sizes if s is not None] == [21.0, 29.7, 3.7, 2.8]
    body = next(p for p in document.paragraphs if p.text == "第一段。")
    fonts: Any = body.runs[0]._element.rPr.rFonts  # type: ignore[union-attr]
    assert fonts.get(qn("w:eastAsia")) == "仿宋_GB2312"
