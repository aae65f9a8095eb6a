"""Journey 8 in the back office: paste or upload → review with highlights → correct → confirm."""

import re
from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from conftest import World
from kaimen.campaigns.models import Campaign, ImportRun, ImportState
from kaimen.demo.management.commands.load_demo import seed_path
from kaimen.timeline.models import Event

Capture = Callable[..., AbstractContextManager[list[Callable[[], Any]]]]


def _seed_text(prefix: str = "001_") -> str:
    path = seed_path(prefix)
    assert path is not None
    return path.read_text(encoding="utf-8")


def _paste(world: World, text: str) -> Any:
    client = world.client_for("commission_admin")
    data = {"issuer": world.orgs["dh_jiwei"].pk, "text": text}
    return client.post(reverse("imports_staff:new"), data)


def test_upload_page_offers_only_the_admins_own_commission(world: World) -> None:
    response = world.client_for("commission_admin").get(reverse("imports_staff:new"))
    assert response.status_code == 200
    options = re.findall(r'<option value="(\d+)"', response.content.decode())
    assert options == [str(world.orgs["dh_jiwei"].pk)]


def test_pasting_an_announcement_leads_to_its_review(world: World) -> None:
    # when
    response = _paste(world, _seed_text())
    # then
    run = ImportRun.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("imports_staff:review", args=[run.pk])
    page = world.client_for("commission_admin").get(response["Location"]).content.decode()
    assert "新能源汽车充电难问题专项治理" in page
    assert "区发改局" in page
    assert '<mark id="src-p1-1" title="建成公共充电桩：71个">71个</mark>' in page
    assert (
        '<mark id="src-t2" class="import-mark-total" title="下沉式监督检查：97次">97次</mark>'
        in page
    )
    assert page.count("<mark id=") == 5 + sum(len(p["metrics"]) for p in run.parsed["projects"])
    assert re.search("新建牵头单位：[^<]*定海区发改局", page)
    assert 'name="create_orgs"' in page


def test_uploading_a_gb18030_file_works(world: World) -> None:
    client = world.client_for("commission_admin")
    upload = SimpleUploadedFile("2023.txt", _seed_text("002_").encode("gb18030"))
    response = client.post(
        reverse("imports_staff:new"), {"issuer": world.orgs["dh_jiwei"].pk, "file": upload}
    )
    assert response.status_code == 302
    assert ImportRun.objects.get().parsed["year"] == 2023


def test_empty_paste_shows_the_error_at_the_text_field(world: World) -> None:
    response = _paste(world, "  ")
    page = response.content.decode()
    assert response.status_code == 200
    assert "请上传公告文件或粘贴公告全文。" in page
    assert re.search(r'<textarea name="text"[^>]*class="form-control is-invalid"', page)
    assert not ImportRun.objects.exists()


def test_a_binary_upload_shows_the_error_at_the_file_field(world: World) -> None:
    client = world.client_for("commission_admin")
    upload = SimpleUploadedFile("scan.txt", b"%PDF-1.5 binary")
    response = client.post(
        reverse("imports_staff:new"), {"issuer": world.orgs["dh_jiwei"].pk, "file": upload}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "这是 PDF 二进制文件，不是纯文本" in page
    assert re.search(r'type="file" name="file"[^>]*class="form-control is-invalid"', page)
    assert not ImportRun.objects.exists()


def _run(world: World) -> ImportRun:
    _paste(world, _seed_text())
    return ImportRun.objects.get()


def _figure_post(
    run: ImportRun, position: int, changes: dict[int, dict[str, str]]
) -> dict[str, Any]:
    project = run.parsed["projects"][position - 1]
    metrics = project["metrics"]
    data: dict[str, Any] = {
        "title": project["title"],
        "lead_units": "、".join(project["lead_units"]),
        "goal": project["goal"] or "",
        "fig-TOTAL_FORMS": len(metrics) + 1,
        "fig-INITIAL_FORMS": len(metrics),
    }
    for index, metric in enumerate(metrics):
        row = {
            "label": metric["label"],
            "value": metric["written_value"],
            "unit": metric["written_unit"],
        }
        row |= changes.get(index, {})
        data |= {f"fig-{index}-{key}": value for key, value in row.items()}
    return data


def test_correcting_a_misread_figure(world: World) -> None:
    # given
    run = _run(world)
    client = world.client_for("commission_admin")
    url = reverse("imports_staff:project_edit", args=[run.pk, 1])
    assert "建成公共充电桩" in client.get(url).content.decode()
    # when
    response = client.post(url, _figure_post(run, 1, {1: {"value": "7.2", "unit": "万个"}}))
    # then
    assert response.status_code == 302
    assert response["Location"].endswith("#project-1")
    run.refresh_from_db()
    figure = run.parsed["projects"][0]["metrics"][1]
    assert (figure["label"], figure["value"], figure["unit"]) == ("建成公共充电桩", 72000, "个")
    page = client.get(reverse("imports_staff:review", args=[run.pk])).content.decode()
    assert "7.2万个" in page


def test_review_chips_show_figures_as_written(world: World) -> None:
    # given the 2023 announcement, which writes "避免群众损失5000余万元"
    run = _run(world)

    # when
    page = (
        world.client_for("commission_admin")
        .get(reverse("imports_staff:review", args=[run.pk]))
        .content.decode()
    )

    # then the chip keeps 余 before the 万 multiplier, as written
    assert "<strong>5000余万元</strong>" in page
    assert "5000万元余" not in page


def test_correction_table_names_every_figure_input(world: World) -> None:
    # given
    run = _run(world)
    label = run.parsed["projects"][0]["metrics"][0]["label"]

    # when
    page = (
        world.client_for("commission_admin")
        .get(reverse("imports_staff:project_edit", args=[run.pk, 1]))
        .content.decode()
    )

    # then each input of the first row has a label naming the figure and the field
    for field, words in (("label", "名称"), ("value", "数值"), ("unit", "单位")):
        assert (
            f'<label class="visually-hidden" for="id_fig-0-{field}">第1项数据“{label}”的{words}'
            "</label>" in page
        )
    assert (
        f'<label class="visually-hidden" for="id_fig-0-DELETE">删除第1项数据“{label}”</label>'
        in page
    )
    extra = len(run.parsed["projects"][0]["metrics"])  # the empty row for a missed figure
    assert (
        f'<label class="visually-hidden" for="id_fig-{extra}-value">第{extra + 1}项数据的数值'
        in page
    )


def test_deleting_a_figure_and_renaming_the_lead_unit(world: World) -> None:
    run = _run(world)
    data = _figure_post(run, 1, {0: {"DELETE": "on"}}) | {"lead_units": "区发展和改革局"}
    world.client_for("commission_admin").post(
        reverse("imports_staff:project_edit", args=[run.pk, 1]), data
    )
    run.refresh_from_db()
    project = run.parsed["projects"][0]
    assert project["lead_units"] == ["区发展和改革局"]
    assert [m["label"] for m in project["metrics"]][:1] == ["建成公共充电桩"]


def test_a_correction_without_title_shows_the_error_and_keeps_the_run(world: World) -> None:
    run = _run(world)
    before = run.parsed
    data = _figure_post(run, 2, {}) | {"title": ""}
    response = world.client_for("commission_admin").post(
        reverse("imports_staff:project_edit", args=[run.pk, 2]), data
    )
    assert response.status_code == 200
    assert "这个字段是必填项" in response.content.decode()
    run.refresh_from_db()
    assert run.parsed == before


def test_a_project_position_out_of_range_is_404(world: World) -> None:
    run = _run(world)
    client = world.client_for("commission_admin")
    assert client.get(reverse("imports_staff:project_edit", args=[run.pk, 14])).status_code == 404


def test_correcting_the_year(world: World) -> None:
    run = _run(world)
    totals = run.parsed["intro_totals"]
    data: dict[str, Any] = {
        "year": "2021",
        "title": "公告",
        "fig-TOTAL_FORMS": len(totals),
        "fig-INITIAL_FORMS": len(totals),
    }
    for i, t in enumerate(totals):
        data |= {
            f"fig-{i}-label": t["label"],
            f"fig-{i}-value": t["written_value"],
            f"fig-{i}-unit": t["written_unit"],
        }
    response = world.client_for("commission_admin").post(
        reverse("imports_staff:campaign_edit", args=[run.pk]), data
    )
    assert response.status_code == 302
    run.refresh_from_db()
    assert run.parsed["year"] == 2021


def test_confirming_runs_the_import_and_links_the_campaign(
    world: World, django_capture_on_commit_callbacks: Capture
) -> None:
    # given
    run = _run(world)
    client = world.client_for("commission_admin")
    # when
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("imports_staff:confirm", args=[run.pk]), {"create_orgs": "on"}
        )
    # then
    assert response.status_code == 302
    run.refresh_from_db()
    assert run.state == ImportState.DONE
    campaign = Campaign.objects.get(issuer=world.orgs["dh_jiwei"], year=2022)
    fragment = client.get(reverse("imports_staff:progress", args=[run.pk])).content.decode()
    assert reverse("portal:campaign_detail", args=[campaign.pk]) in fragment
    assert "hx-get" not in fragment
    assert "导入完成" in fragment


def test_progress_fragment_polls_while_queued(world: World) -> None:
    run = _run(world)
    world.client_for("commission_admin").post(reverse("imports_staff:confirm", args=[run.pk]))
    run.refresh_from_db()
    assert run.state == ImportState.QUEUED
    fragment = world.client_for("commission_admin").get(
        reverse("imports_staff:progress", args=[run.pk])
    )
    text = fragment.content.decode()
    assert 'hx-trigger="every 1s"' in text
    assert "<html" not in text
    assert '<progress class="import-progress w-100" max="100" value="0">' in text


def test_confirming_twice_shows_a_message_and_changes_nothing(world: World) -> None:
    run = _run(world)
    client = world.client_for("commission_admin")
    client.post(reverse("imports_staff:confirm", args=[run.pk]))
    response = client.post(reverse("imports_staff:confirm", args=[run.pk]), follow=True)
    assert "该导入已确认" in response.content.decode()


def test_the_list_shows_the_runs(world: World) -> None:
    run = _run(world)
    page = world.client_for("commission_admin").get(reverse("imports_staff:list")).content.decode()
    assert reverse("imports_staff:review", args=[run.pk]) in page
    other = world.client_for("commission_admin_other").get(reverse("imports_staff:list"))
    assert reverse("imports_staff:review", args=[run.pk]) not in other.content.decode()


NO_HEADINGS = (
    "区纪委监委通报专项治理进展\n"
    "2021年以来，区纪委监委聚焦群众急难愁盼，共督导检查120次，推动整改问题45个。\n"
    "养老服务：\n"
    "排查问题18个，已整改16个。\n"
    "农村饮水：\n"
    "完成改造工程12处，惠及群众3000人。\n"
)


def _structure(world: World, run: ImportRun, **data: Any) -> ImportRun:
    client = world.client_for("commission_admin")
    response = client.post(reverse("imports_staff:structure", args=[run.pk]), data)
    assert response.status_code == 302
    run.refresh_from_db()
    return run


def test_a_person_marks_titles_moves_a_figure_merges_and_splits_then_confirms(
    world: World, django_capture_on_commit_callbacks: Capture
) -> None:
    # given: a text whose projects the parser does not see
    _paste(world, NO_HEADINGS)
    run = ImportRun.objects.get()
    assert run.parsed["projects"] == []
    page = world.client_for("commission_admin").get(reverse("imports_staff:review", args=[run.pk]))
    assert "设为项目标题" in page.content.decode()
    # when: two lines are marked as project titles
    run = _structure(world, run, operation="title_line", line=2)
    run = _structure(world, run, operation="title_line", line=4)
    # then: each project took the figures under it; the intro keeps its own
    projects = run.parsed["projects"]
    assert [p["title"] for p in projects] == ["养老服务", "农村饮水"]
    assert [m["value"] for m in projects[0]["metrics"]] == [18, 16]
    assert [m["value"] for m in run.parsed["intro_totals"]] == [120, 45]
    # when: a figure moves to the other project, and back to the totals
    run = _structure(world, run, operation="move", figure="1:1", target=2)
    assert [m["value"] for m in run.parsed["projects"][1]["metrics"]] == [16, 12, 3000]
    run = _structure(world, run, operation="move", figure="2:0", target=0)
    assert [m["value"] for m in run.parsed["intro_totals"]] == [120, 45, 16]
    # when: the two projects are merged, then split again at the second outcome item
    run = _structure(world, run, operation="merge", position=1)
    assert len(run.parsed["projects"]) == 1
    run = _structure(world, run, operation="split", position=1, outcome=2)
    assert [p["title"] for p in run.parsed["projects"]] == [
        "养老服务",
        "完成改造工程12处，惠及群众3000人",
    ]
    assert Event.objects.filter(action="import_run.corrected").count() == 6
    # when: confirmed, the projects are imported without lead units
    client = world.client_for("commission_admin")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("imports_staff:confirm", args=[run.pk]), {})
    run.refresh_from_db()
    assert run.state == ImportState.DONE, run.message
    campaign = Campaign.objects.get(issuer=world.orgs["dh_jiwei"], year=2021)
    assert campaign.projects.count() == 2


def test_a_structure_correction_that_does_not_fit_shows_a_message(world: World) -> None:
    _paste(world, NO_HEADINGS)
    run = ImportRun.objects.get()
    client = world.client_for("commission_admin")
    response = client.post(
        reverse("imports_staff:structure", args=[run.pk]),
        {"operation": "merge", "position": 3},
        follow=True,
    )
    assert "没有第 3 个项目" in response.content.decode()
    assert run.parsed == ImportRun.objects.get().parsed


def test_warnings_are_shown_in_the_readers_language_only(world: World) -> None:
    _paste(world, NO_HEADINGS)
    run = ImportRun.objects.get()
    client = world.client_for("commission_admin")
    url = reverse("imports_staff:review", args=[run.pk])
    chinese = client.get(url).content.decode()
    assert "未识别到任何治理项目" in chinese
    assert "No projects found" not in chinese
    english = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "No projects found" in english
    assert "未识别到任何治理项目" not in english
