"""Importing announcements: the seeds land with the right counts, twice changes nothing, a
changed text is planned and applied only when confirmed, unknown units are named."""

import copy
import io
from decimal import Decimal
from functools import cache
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.db.models import Max
from docx import Document

from conftest import World, make_user
from kaimen.accounts.models import User
from kaimen.campaigns.imports import (
    announcement_import,
    announcement_to_json,
    figure_normalize,
    import_run_correct,
    import_run_create,
    lead_unit_split,
    parsed_with_campaign,
    parsed_with_project,
    source_segments,
    unit_name_candidates,
)
from kaimen.campaigns.models import (
    Campaign,
    CampaignState,
    ImportRun,
    ImportState,
    Metric,
    Outcome,
    Project,
    ProjectState,
    Target,
    Theme,
)
from kaimen.campaigns.themes import theme_for_title
from kaimen.core.errors import ApplicationError, ConflictError
from kaimen.demo.management.commands.load_demo import seed_path
from kaimen.demo.world import DINGHAI_UNITS, demo_organizations
from kaimen.importer import parse_announcement
from kaimen.orgs.models import Organization, OrganizationKind
from kaimen.timeline.models import Event


@cache
def _seed_json(prefix: str) -> dict[str, Any]:
    path = seed_path(prefix)
    assert path is not None, f"seed {prefix} missing"
    return announcement_to_json(parse_announcement(path.read_text(encoding="utf-8")))


def seed(prefix: str) -> dict[str, Any]:
    """The parsed seed (000 = 2024, 001 = 2022, 002 = 2023), a fresh copy each time."""
    return copy.deepcopy(_seed_json(prefix))


@pytest.fixture
def orgs(db: None) -> dict[str, Organization]:
    return demo_organizations()


@pytest.fixture
def admin(db: None) -> User:
    return make_user("root", is_superuser=True)


def _import(admin: User, orgs: dict[str, Organization], parsed: dict[str, Any], **kw: Any) -> Any:
    options = {"create_orgs": False, "dry_run": False} | kw
    return announcement_import(actor=admin, issuer=orgs["定海区纪委监委"], parsed=parsed, **options)


def test_seeds_import_as_published_campaigns_with_their_projects(
    admin: User, orgs: dict[str, Organization]
) -> None:
    # when
    for prefix in ("001_", "002_", "000_"):
        _import(admin, orgs, seed(prefix))
    # then
    campaigns = Campaign.objects.filter(issuer=orgs["定海区纪委监委"]).order_by("year")
    assert [(c.year, c.projects.count()) for c in campaigns] == [(2022, 13), (2023, 12), (2024, 9)]
    assert {(c.state, c.imported) for c in campaigns} == {(CampaignState.PUBLISHED, True)}
    assert set(Project.objects.values_list("state", flat=True)) == {ProjectState.PUBLISHED}
    assert [c.metrics.count() for c in campaigns] == [5, 7, 7]
    assert campaigns[2].title == "漠视侵害群众利益问题专项治理"


def test_seed_2024_fraud_project_keeps_the_parsers_figures(
    admin: User, orgs: dict[str, Organization]
) -> None:
    # when
    _import(admin, orgs, seed("000_"))
    # then
    project = Project.objects.get(campaign__year=2024, position=2)
    assert project.title == "电信网络诈骗专项治理"
    assert project.theme == Theme.ANTI_FRAUD
    assert [u.name for u in project.lead_units.all()] == ["定海区公安分局"]
    assert list(project.outcomes.values_list("headline", flat=True)) == [
        "顶层设计更加完善",
        "侦查打击更加有力",
        "预警反制更加有效",
        "宣传防范更加到位",
    ]
    money = Metric.objects.get(project=project, label="追赃")
    assert (money.value, money.unit) == (Decimal("974.6"), "万元")
    assert (money.normalized_value, money.normalized_unit) == (Decimal(9746000), "元")
    assert money.outcome is not None
    assert money.outcome.headline == "侦查打击更加有力"
    suspects = Metric.objects.get(project=project, label="抓获涉诈犯罪嫌疑人")
    assert (suspects.value, suspects.unit) == (Decimal(136), "人")
    leaflets = Metric.objects.get(project=project, label="发放宣传资料")
    assert (leaflets.normalized_value, leaflets.qualifier) == (Decimal(600000), "余")
    total = Metric.objects.get(campaign=project.campaign, label="督导检查")
    assert (total.value, total.unit) == (Decimal(646), "次")


def test_two_lead_units_and_written_short_names_map_to_the_registered_units(
    admin: User, orgs: dict[str, Organization]
) -> None:
    # when
    _import(admin, orgs, seed("000_"))
    _import(admin, orgs, seed("002_"))
    # then
    canteen = Project.objects.get(campaign__year=2024, position=9)
    assert sorted(u.name for u in canteen.lead_units.all()) == [
        "定海区卫生健康局",
        "舟山市市场监管局定海分局",
    ]
    implants = Project.objects.get(campaign__year=2023, position=10)
    assert sorted(u.name for u in implants.lead_units.all()) == ["定海区医保局", "定海区卫生健康局"]
    dinghai = orgs["定海区"]
    departments = Organization.objects.filter(
        path__startswith=dinghai.path, kind=OrganizationKind.DEPARTMENT
    )
    assert departments.count() == len(DINGHAI_UNITS)


def test_import_records_one_event_per_campaign_and_per_project(
    admin: User, orgs: dict[str, Organization]
) -> None:
    # given
    before = Event.objects.aggregate(last=Max("id"))["last"] or 0
    # when
    _import(admin, orgs, seed("000_"))
    # then
    actions = list(Event.objects.filter(id__gt=before).values_list("action", flat=True))
    assert actions == ["campaign.imported"] + ["project.imported"] * 9
    event = Event.objects.get(action="campaign.imported")
    assert event.actor == admin
    assert event.organization == orgs["定海区纪委监委"]
    assert event.after["projects"] == 9


def test_importing_the_same_text_again_changes_nothing(
    admin: User, orgs: dict[str, Organization]
) -> None:
    # given
    _import(admin, orgs, seed("001_"))
    events, metrics, outcomes = (
        Event.objects.count(),
        Metric.objects.count(),
        Outcome.objects.count(),
    )
    # when
    plan = _import(admin, orgs, seed("001_"))
    # then
    assert not plan.has_changes
    assert not plan.applied
    assert plan.describe() == ["定海区纪委监委 2022年：与已导入的内容相同，无需更改。"]
    assert (Event.objects.count(), Metric.objects.count(), Outcome.objects.count()) == (
        events,
        metrics,
        outcomes,
    )


def _changed_2022() -> dict[str, Any]:
    parsed = seed("001_")
    parsed["projects"][1]["title"] = "教育收费专项治理"
    parsed["projects"][0]["metrics"][1]["value"] = 72
    del parsed["projects"][12]
    return parsed


def test_changed_text_gives_a_plan_and_needs_confirmation(
    admin: User, orgs: dict[str, Organization]
) -> None:
    # given
    _import(admin, orgs, seed("001_"))
    events = Event.objects.count()
    # when
    plan = _import(admin, orgs, _changed_2022(), dry_run=True)
    # then
    assert plan.updates_existing
    assert plan.added == []
    assert plan.removed == ["城区无食堂小学学生中餐就餐难专项治理"]
    assert [(c.position, c.fields) for c in plan.changed] == [(1, ["数据"]), (2, ["名称"])]
    with pytest.raises(ApplicationError) as error:
        _import(admin, orgs, _changed_2022())
    assert error.value.code == "needs_confirmation"
    assert "删除项目：城区无食堂小学学生中餐就餐难专项治理" in error.value.message
    assert Project.objects.filter(campaign__year=2022).count() == 13
    assert Event.objects.count() == events


def test_changed_text_applies_when_confirmed(admin: User, orgs: dict[str, Organization]) -> None:
    # given
    _import(admin, orgs, seed("001_"))
    events = Event.objects.aggregate(last=Max("id"))["last"] or 0
    # when
    plan = _import(admin, orgs, _changed_2022(), allow_update=True)
    # then
    assert plan.applied
    projects = Project.objects.filter(campaign__year=2022)
    assert projects.count() == 12
    assert projects.get(position=2).title == "教育收费专项治理"
    charger = Metric.objects.get(project__campaign__year=2022, label="建成公共充电桩")
    assert charger.normalized_value == Decimal(72)
    actions = list(Event.objects.filter(id__gt=events).values_list("action", flat=True))
    assert actions == [
        "campaign.reimported",
        "project.reimported",
        "project.reimported",
        "project.import_removed",
    ]
    assert not _import(admin, orgs, _changed_2022()).has_changes


def test_a_project_added_to_the_text_is_planned_as_added(
    admin: User, orgs: dict[str, Organization]
) -> None:
    # given
    shorter = seed("001_")
    del shorter["projects"][12]
    _import(admin, orgs, shorter)
    # when
    plan = _import(admin, orgs, seed("001_"), dry_run=True)
    # then
    assert plan.added == ["城区无食堂小学学生中餐就餐难专项治理"]
    assert plan.changed == []


def test_unknown_lead_units_are_listed_and_nothing_is_written(world: World) -> None:
    # given: the test world's 定海 has only 教育局 and 公安分局
    campaigns, orgs = Campaign.objects.count(), Organization.objects.count()
    # when
    with pytest.raises(ApplicationError) as error:
        announcement_import(
            actor=world.users["commission_admin"],
            issuer=world.orgs["dh_jiwei"],
            parsed=seed("001_"),
            create_orgs=False,
            dry_run=False,
        )
    # then
    assert error.value.code == "unknown_units"
    assert error.value.field == "lead_units"
    assert "区发改局" in error.value.message
    assert "区综合行政执法局" in error.value.message
    assert "区教育局" not in error.value.message.replace("定海区教育局", "")
    assert (Campaign.objects.count(), Organization.objects.count()) == (campaigns, orgs)


def test_create_orgs_adds_the_missing_lead_units_under_the_region(world: World) -> None:
    # when
    plan = announcement_import(
        actor=world.users["commission_admin"],
        issuer=world.orgs["dh_jiwei"],
        parsed=seed("001_"),
        create_orgs=True,
        dry_run=False,
    )
    # then
    assert "定海区发改局" in plan.new_units
    unit = Organization.objects.get(name="定海区发改局")
    assert (unit.parent, unit.kind) == (world.orgs["dinghai"], OrganizationKind.DEPARTMENT)
    assert Event.objects.filter(action="organization.created", target_id=str(unit.pk)).exists()
    education = Project.objects.get(campaign__year=2022, position=2)
    assert list(education.lead_units.all()) == [world.orgs["dh_jiaoyu"]]


def test_a_campaign_built_in_the_system_is_not_overwritten(world: World) -> None:
    # given: 定海 2024 is the test world's running campaign
    # when
    with pytest.raises(ApplicationError) as error:
        announcement_import(
            actor=world.users["commission_admin"],
            issuer=world.orgs["dh_jiwei"],
            parsed=seed("000_"),
            create_orgs=True,
            dry_run=True,
        )
    # then
    assert error.value.code == "exists"
    assert world.campaign is not None
    assert world.campaign.projects.count() == 3


@pytest.mark.parametrize("role", ["commission_admin_other", "supervisor", "unit_staff_lead"])
def test_only_the_issuers_commission_admin_may_import(world: World, role: str) -> None:
    # given
    campaigns, events = Campaign.objects.count(), Event.objects.count()
    # when
    with pytest.raises(PermissionDenied):
        announcement_import(
            actor=world.users[role],
            issuer=world.orgs["dh_jiwei"],
            parsed=seed("001_"),
            create_orgs=True,
            dry_run=False,
        )
    # then
    assert (Campaign.objects.count(), Event.objects.count()) == (campaigns, events)


def test_a_parse_without_year_names_the_year_field(
    admin: User, orgs: dict[str, Organization]
) -> None:
    parsed = seed("001_")
    parsed["year"] = None
    with pytest.raises(ApplicationError) as error:
        _import(admin, orgs, parsed, dry_run=True)
    assert error.value.field == "year"


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("区教育局", "定海区教育局"),
        ("定海区教育局", "定海区教育局"),
        ("区卫健局", "定海区卫生健康局"),
        ("市生态环境局定海分局", "舟山市生态环境局定海分局"),
        ("市市场监管局定海分局", "舟山市市场监管局定海分局"),
        ("市场监管局定海分局", "舟山市市场监管局定海分局"),
        ("市资源规划局定海分局", "舟山市自然资源和规划局定海分局"),
        ("区“菜篮子”领导小组办公室", "定海区“菜篮子”领导小组办公室"),
    ],
)
def test_unit_names_resolve_to_full_names_of_the_region(
    orgs: dict[str, Organization], written: str, expected: str
) -> None:
    candidates = unit_name_candidates(written, orgs["定海区"])
    assert candidates[0] == written
    assert candidates[-1] == expected


def test_joint_lead_unit_is_split() -> None:
    assert lead_unit_split("区卫健局（区医保局）") == ["区卫健局", "区医保局"]
    assert lead_unit_split("区教育局") == ["区教育局"]
    assert lead_unit_split("镇（街道）办事处") == ["镇（街道）办事处"]


@pytest.mark.parametrize(
    ("title", "theme"),
    [
        ("中小学非教育教学事务进校园问题专项治理", Theme.EDUCATION),
        ("城区无食堂小学学生中餐就餐难专项治理", Theme.EDUCATION),
        ("电信网络诈骗专项治理", Theme.ANTI_FRAUD),
        ("镇（街道）居家养老服务中心第三方运营不规范问题专项治理", Theme.ELDERLY_CARE),
        ("基层医疗卫生服务问题专项治理", Theme.HEALTH),
        ("口腔种植医疗服务提质降费专项治理", Theme.HEALTH),
        ("医疗急救抢救领域专项治理", Theme.HEALTH),
        ("新能源汽车充电难问题专项治理", Theme.ENERGY),
        ("物业管理难题专项整治", Theme.HOUSING),
        ("小区公共收益管理不规范问题专项治理", Theme.HOUSING),
        ("农村回迁安置慢专项治理", Theme.LAND_RESETTLEMENT),
        ("征地拆迁补偿问题专项治理", Theme.LAND_RESETTLEMENT),
        ("噪声污染专项治理", Theme.ENVIRONMENT),
        ("工伤领域突出问题专项治理", Theme.SOCIAL_INSURANCE),
        ("职业技能培训领域突出问题专项治理", Theme.EMPLOYMENT),
        ("燃油加油机计量准确性问题专项治理", Theme.MARKET_REGULATION),
        ("村经济合作社运行问题专项治理", Theme.AGRICULTURE),
        ("某某问题专项治理", Theme.OTHER),
    ],
)
def test_theme_for_title(title: str, theme: Theme) -> None:
    assert theme_for_title(title) == theme


@pytest.mark.parametrize(
    ("value", "unit", "expected"),
    [
        ("974.6", "万元", (Decimal("9746000"), "元")),
        ("2.4", "万人次", (Decimal("24000"), "人次")),
        ("14.8", "亿元", (Decimal("1480000000"), "元")),
        ("136", "人", (Decimal("136"), "人")),
        ("5", "千元", (Decimal("5000"), "元")),
    ],
)
def test_figure_normalize(value: str, unit: str, expected: tuple[Decimal, str]) -> None:
    assert figure_normalize(Decimal(value), unit) == expected


def test_source_segments_cut_around_figures_and_skip_overlaps() -> None:
    segments = source_segments(
        "检查646次，整改18个。", [(2, 6, "t0", "检查", "total"), (3, 5, "x", "", "")]
    )
    assert [(s.text, s.figure_id) for s in segments] == [
        ("检查", ""),
        ("646次", "t0"),
        ("，整改18个。", ""),
    ]


# ---------------------------------------------------------------- import runs


def test_import_run_create_from_pasted_text(world: World) -> None:
    # given
    path = seed_path("001_")
    assert path is not None
    # when
    run = import_run_create(
        actor=world.users["commission_admin"],
        issuer=world.orgs["dh_jiwei"],
        source_name="",
        data=None,
        text=path.read_text(encoding="utf-8"),
    )
    # then
    assert run.state == ImportState.PARSED
    assert run.source_name == "粘贴的文本"
    assert run.parsed["year"] == 2022
    assert len(run.parsed["projects"]) == 13
    figure = run.parsed["intro_totals"][2]
    assert run.source_text[figure["start"] : figure["end"]] == "97次"
    assert Event.objects.filter(action="import_run.created", target_id=str(run.pk)).exists()


def _docx(text: str) -> bytes:
    document = Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_import_run_create_reads_a_word_document(world: World) -> None:
    path = seed_path("000_")
    assert path is not None
    run = import_run_create(
        actor=world.users["commission_admin"],
        issuer=world.orgs["dh_jiwei"],
        source_name="2024年成果.docx",
        data=_docx(path.read_text(encoding="utf-8")),
        text=None,
    )
    assert len(run.parsed["projects"]) == 9


@pytest.mark.parametrize(
    ("data", "text", "field", "words"),
    [
        (None, "   ", "text", "请上传公告文件或粘贴公告全文"),
        (b"", None, "file", "文件为空"),
        (b"%PDF-1.7 \x00\x01", None, "file", "PDF"),
        (b"PK\x03\x04not really a docx", None, "file", ""),
        (b"x" * (5 * 1024 * 1024 + 1), None, "file", "上限为 5 MB"),
    ],
)
def test_import_run_create_rejects_bad_input_naming_the_field(
    world: World, data: bytes | None, text: str | None, field: str, words: str
) -> None:
    with pytest.raises(ApplicationError) as error:
        import_run_create(
            actor=world.users["commission_admin"],
            issuer=world.orgs["dh_jiwei"],
            source_name="a.txt",
            data=data,
            text=text,
        )
    assert error.value.field == field
    assert words in error.value.message
    assert not ImportRun.objects.exists()


def _run(world: World) -> ImportRun:
    path = seed_path("001_")
    assert path is not None
    return import_run_create(
        actor=world.users["commission_admin"],
        issuer=world.orgs["dh_jiwei"],
        source_name="2022.txt",
        data=path.read_bytes(),
        text=None,
    )


def test_import_run_correct_stores_a_corrected_figure(world: World) -> None:
    # given
    run = _run(world)
    project = run.parsed["projects"][0]
    rows = [
        {"label": m["label"], "value": m["written_value"], "unit": m["written_unit"]}
        for m in project["metrics"]
    ]
    rows[1] = {"label": "建成公共充电桩", "value": Decimal("7.1"), "unit": "万个"}
    # when
    parsed = parsed_with_project(
        run.parsed,
        0,
        title=project["title"],
        lead_units=["区发改局"],
        goal="",
        figures=rows,
    )
    import_run_correct(actor=world.users["commission_admin"], run=run, parsed=parsed)
    # then
    run.refresh_from_db()
    figure = run.parsed["projects"][0]["metrics"][1]
    assert (figure["value"], figure["unit"]) == (71000, "个")
    assert (figure["written_value"], figure["written_unit"]) == ("7.1", "万个")
    assert figure["start"] == project["metrics"][1]["start"]
    assert Event.objects.filter(action="import_run.corrected").count() == 1


def test_import_run_correct_refuses_a_project_without_title(world: World) -> None:
    # given
    run = _run(world)
    before = copy.deepcopy(run.parsed)
    parsed = copy.deepcopy(run.parsed)
    parsed["projects"][3]["title"] = " "
    # when
    with pytest.raises(ApplicationError) as error:
        import_run_correct(actor=world.users["commission_admin"], run=run, parsed=parsed)
    # then
    assert error.value.field == "projects.3.title"
    run.refresh_from_db()
    assert run.parsed == before


def test_campaign_correction_sets_the_year(world: World) -> None:
    run = _run(world)
    totals = [{"label": "督导检查", "value": "97", "unit": "次"}]
    parsed = parsed_with_campaign(run.parsed, year=2021, title="标题", totals=totals)
    import_run_correct(actor=world.users["commission_admin"], run=run, parsed=parsed)
    run.refresh_from_db()
    assert run.parsed["year"] == 2021
    assert [(t["label"], t["value"]) for t in run.parsed["intro_totals"]] == [("督导检查", 97)]


def test_a_confirmed_run_can_no_longer_be_corrected(world: World) -> None:
    run = _run(world)
    run.state = ImportState.DONE
    run.save()
    with pytest.raises(ConflictError):
        import_run_correct(actor=world.users["commission_admin"], run=run, parsed=run.parsed)


def test_other_commission_cannot_correct_a_run(world: World) -> None:
    run = _run(world)
    with pytest.raises(PermissionDenied):
        import_run_correct(actor=world.users["commission_admin_other"], run=run, parsed={})


def test_import_creates_targets_with_their_actual_values_and_keeps_them_on_reimport(
    admin: User, orgs: dict[str, Organization]
) -> None:
    # when
    _import(admin, orgs, seed("001_"))
    # then: seed 001's chargers (完成…确定目标(60个)的118%, 建成公共充电桩71个)
    charger = Target.objects.get(project__campaign__year=2022, target_value=60)
    assert (charger.unit, charger.actual_value, charger.ratio) == ("个", Decimal(71), Decimal(118))
    assert charger.label == "建成公共充电桩"
    # when: the same text again changes nothing, the row stays
    plan = _import(admin, orgs, seed("001_"))
    assert not plan.has_changes
    assert Target.objects.get(pk=charger.pk).actual_value == 71


def test_a_text_without_projects_imports_its_totals(
    admin: User, orgs: dict[str, Organization]
) -> None:
    # given: a news report of results (no project sections)
    text = (
        "区纪委监委通报集中整治进展\n"
        "截至2021年11月底，共受理群众反映问题线索256件，已办结249件；查处群众身边腐败和作风问题"
        "64起，批评教育帮助和处理97人。\n"
    )
    parsed = announcement_to_json(parse_announcement(text))
    assert parsed["projects"] == []
    # when
    plan = _import(admin, orgs, parsed)
    # then
    campaign = Campaign.objects.get(issuer=orgs["定海区纪委监委"], year=2021)
    assert plan.applied
    assert not campaign.projects.exists()
    stored = [(m.label, m.normalized_value) for m in Metric.objects.filter(campaign=campaign)]
    assert stored[:2] == [("受理群众反映问题线索", Decimal(256)), ("办结", Decimal(249))]


def test_a_text_with_nothing_to_import_is_refused_with_a_clear_message(
    admin: User, orgs: dict[str, Organization]
) -> None:
    parsed = announcement_to_json(parse_announcement("区纪委监委通报\n2021年，工作有序推进。\n"))
    with pytest.raises(ApplicationError) as caught:
        _import(admin, orgs, parsed)
    assert caught.value.code == "nothing_to_import"
