"""The generated draft reads like the seeds and parses back through the importer into the
structure of the records it was written from (round trip)."""

import copy
import re
from datetime import date
from decimal import Decimal
from functools import cache
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import World, make_user
from kaimen.accounts.models import User
from kaimen.campaigns.imports import announcement_import, announcement_to_json
from kaimen.campaigns.models import (
    Campaign,
    Institution,
    Outcome,
    Project,
    ProjectLeadUnit,
    ProjectState,
)
from kaimen.demo.management.commands.load_demo import seed_path
from kaimen.demo.world import demo_organizations
from kaimen.importer import Figure, extract_figures, parse_announcement
from kaimen.orgs.models import Level, Organization, OrganizationKind
from kaimen.publication.generate import (
    AnnouncedProject,
    announced_projects,
    announcement_text,
    announcement_title,
    lead_unit_label,
    project_text,
)
from kaimen.supervision.models import AccountabilityRecord, Measure
from kaimen.supervision.tests.factories import problem_in

# ---------------------------------------------------------------- from the records


def _outcomes(project: Project, items: list[tuple[str, str]]) -> None:
    for position, (headline, body) in enumerate(items, start=1):
        Outcome.objects.create(project=project, position=position, headline=headline, body=body)


def test_title_names_the_issuer_and_year_as_the_seeds_do(world: World) -> None:
    assert world.campaign is not None
    # when
    title = announcement_title(world.campaign)
    # then
    assert title == "定海区纪委监委公布2024年漠视侵害群众利益问题专项治理工作成果"


def test_lead_units_are_written_relative_to_the_issuers_region(world: World) -> None:
    # given
    issuer = world.orgs["dh_jiwei"]
    city_branch = Organization.objects.create(
        name="舟山市生态环境局定海分局",
        kind=OrganizationKind.DEPARTMENT,
        level=Level.COUNTY,
        parent=world.orgs["dinghai"],
        path="x/",
    )
    other = Organization(name="国网舟山供电公司", kind=OrganizationKind.COMPANY, level=Level.CITY)
    short = Organization(
        name="定海区教育局", short_name="教育局", kind="department", level="county"
    )
    # then
    assert lead_unit_label(world.orgs["dh_jiaoyu"], issuer) == "区教育局"
    assert lead_unit_label(city_branch, issuer) == "市生态环境局定海分局"
    assert lead_unit_label(other, issuer) == "国网舟山供电公司"
    assert lead_unit_label(short, issuer) == "教育局"


def test_draft_has_the_seed_sections_with_numbered_outcomes(world: World) -> None:
    # given
    assert world.campaign is not None
    published = world.projects["published"]
    _outcomes(
        published,
        [
            ("强化统筹，形成治理融合力", "成立专项治理工作专班，清理工作群713个。"),
            ("巩固成效。", "设立中小学2个日常监测点。"),
        ],
    )
    # when
    text = announcement_text(world.campaign)
    # then: only projects with outcomes reported are announced, numbered 一
    sections = text.split("\n\n")
    assert sections[0] == "定海区纪委监委公布2024年漠视侵害群众利益问题专项治理工作成果"
    assert sections[2] == (
        "一\n"
        "治理项目：中小学非教育教学事务进校园问题专项治理\n"
        "牵头单位：区教育局\n"
        "治理目标：中小学非教育教学事务进校园问题专项治理的治理目标\n"
        "治理成果：\n"
        "1.强化统筹，形成治理融合力。成立专项治理工作专班，清理工作群713个。\n"
        "2.巩固成效。设立中小学2个日常监测点。\n"
    )
    assert len(sections) == 3


def test_intro_totals_are_counted_from_the_supervision_records(world: World) -> None:
    # given: a closed problem, an accountability record and an institution of the campaign
    assert world.campaign is not None
    problem_in(world, "closed")
    AccountabilityRecord.objects.create(
        commission=world.orgs["dh_jiwei"],
        project=world.projects["in_progress"],
        decided_on=date(2024, 10, 8),
        cases=2,
        persons=3,
        measure=Measure.values[0],
    )
    Institution.objects.create(
        project=world.projects["published"],
        organization=world.orgs["dh_jiaoyu"],
        title="进校园事项审批制度",
    )
    # when
    text = announcement_text(world.campaign)
    # then
    # 精选: the two projects approved (the draft is not), of one lead unit
    assert "会同1家单位精选2个项目，在全区组织开展漠视侵害群众利益问题专项治理。" in text
    assert (
        "全区各级纪检监察组织加强统筹协调，共查处腐败和作风问题2个，"
        "批评教育帮助和处理3人，推动职能部门整改问题1个，推动建立和完善制度1项，"
        "制发整改通知书1份。以上查处腐败和作风问题、批评教育帮助和处理、推动职能部门整改问题、"
        "推动建立和完善制度、制发整改通知书等数据，均根据纪检监察机关监督检查、问题整改和问责处理记录统计。"
    ) in text
    totals = [(f.label, f.value, f.unit) for f in parse_announcement(text).intro_totals]
    assert ("批评教育帮助和处理", Decimal(3), "人") in totals
    assert ("推动职能部门整改问题", Decimal(1), "个") in totals


def test_totals_nothing_was_recorded_for_are_left_out(world: World) -> None:
    assert world.campaign is not None
    # when
    text = announcement_text(world.campaign)
    # then
    assert "纪检监察组织" not in text
    assert "0次" not in text
    assert "为落实“开门治理”要求，现将专项治理成果公布如下" in text


def test_a_campaign_intro_is_kept_as_its_opening(world: World) -> None:
    # given
    assert world.campaign is not None
    Campaign.objects.filter(pk=world.campaign.pk).update(intro="2024年，区纪委区监委会同8家单位。")
    # when
    text = announcement_text(world.campaign)
    # then
    assert text.split("\n\n")[1].startswith("2024年，区纪委区监委会同8家单位。\n专项治理开展以来，")


def test_lead_units_keep_the_order_the_commission_gave(world: World) -> None:
    # given
    project = world.projects["published"]
    ProjectLeadUnit.objects.create(
        project=project, organization=world.orgs["dh_gongan"], position=0
    )
    assert world.campaign is not None
    # when
    [item] = announced_projects(world.campaign)
    # then
    assert [unit.name for unit in item.lead_units] == ["定海区公安分局", "定海区教育局"]


# ---------------------------------------------------------------- round trip on the seeds


@cache
def _seed_json(prefix: str) -> dict[str, Any]:
    path = seed_path(prefix)
    assert path is not None, f"seed {prefix} missing"
    return announcement_to_json(parse_announcement(path.read_text(encoding="utf-8")))


def _figures(figures: list[Figure]) -> list[tuple[str, Decimal, str]]:
    return [(f.label, f.normalized_value, f.normalized_unit) for f in figures]


def _record_figures(project: Project) -> list[tuple[str, Decimal, str]]:
    """What the importer reads from the project's own records, as written in the draft."""
    lines = [f"治理目标：{project.goal}"] if project.goal else []
    for outcome in project.outcomes.order_by("position"):
        lines.append(f"{outcome.headline}。{outcome.body}")
    return _figures([f for line in lines for f in extract_figures(line)])


@pytest.mark.parametrize(("prefix", "year"), [("001_", 2022), ("002_", 2023), ("000_", 2024)])
def test_generated_demo_announcement_parses_back_into_its_records(
    db: None, prefix: str, year: int
) -> None:
    # given: the demo campaign of that year, imported from its seed
    orgs = demo_organizations()
    admin: User = make_user("root", is_superuser=True)
    data = copy.deepcopy(_seed_json(prefix))
    data["year"] = data.get("year") or year
    announcement_import(
        actor=admin, issuer=orgs["定海区纪委监委"], parsed=data, create_orgs=True, dry_run=False
    )
    campaign = Campaign.objects.get(issuer=orgs["定海区纪委监委"], year=year)
    # when
    parsed = parse_announcement(announcement_text(campaign))
    # then
    projects = list(campaign.projects.order_by("position"))
    assert parsed.issuer == "定海区纪委监委"
    assert parsed.year == year
    assert parsed.warnings == []
    assert len(parsed.projects) == len(projects) == len(data["projects"])
    for read, project in zip(parsed.projects, projects, strict=True):
        units = ProjectLeadUnit.objects.filter(project=project).order_by("position", "pk")
        assert read.title == project.title
        assert read.lead_units == [
            lead_unit_label(link.organization, campaign.issuer) for link in units
        ]
        assert (read.goal or "") == project.goal
        assert [(o.headline, o.body) for o in read.outcomes] == [
            (o.headline, o.body) for o in project.outcomes.order_by("position")
        ]
        assert _figures(read.figures) == _record_figures(project)
    assert _figures(parsed.intro_totals) == [
        (m.label, m.normalized_value, m.normalized_unit)
        for m in campaign.metrics.order_by("position", "pk")
    ]


# ---------------------------------------------------------------- round trip, generated


_CJK = st.sampled_from(
    list("群众治理问题整改服务监督检查社区学校医疗养老资金安全环境住房交通就业农村")
)
_phrase = st.lists(_CJK, min_size=4, max_size=14).map("".join)
_unit_stem = st.lists(_CJK, min_size=2, max_size=5).map("".join)
_count = st.integers(min_value=1, max_value=9999)


@st.composite
def _outcome(draw: st.DrawFn) -> tuple[str, str]:
    headline = f"{draw(_phrase)}，{draw(_phrase)}"
    figure = draw(_count)
    body = f"{draw(_phrase)}{figure}个，{draw(_phrase)}。"
    return headline, body


@st.composite
def _project(draw: st.DrawFn) -> tuple[str, list[str], str, list[tuple[str, str]]]:
    title = draw(_phrase) + "问题专项治理"
    units = [f"定海区{stem}局" for stem in draw(st.lists(_unit_stem, min_size=1, max_size=3))]
    goal = draw(st.one_of(st.just(""), _phrase.map(lambda p: f"聚焦{p}，切实解决群众急难愁盼。")))
    outcomes = draw(st.lists(_outcome(), min_size=1, max_size=5))
    return title, list(dict.fromkeys(units)), goal, outcomes


def _unsaved_item(
    region: Organization, title: str, units: list[str], goal: str, items: list[tuple[str, str]]
) -> AnnouncedProject:
    project = Project(title=title, goal=goal, state=ProjectState.PUBLISHED)
    organizations = [
        Organization(name=name, kind=OrganizationKind.DEPARTMENT, level="county", parent=region)
        for name in units
    ]
    outcomes = [Outcome(position=i, headline=h, body=b) for i, (h, b) in enumerate(items, 1)]
    return AnnouncedProject(project, organizations, outcomes)


@settings(max_examples=40, deadline=None)
@given(projects=st.lists(_project(), min_size=1, max_size=13))
def test_generated_sections_parse_back_into_the_same_structure(
    projects: list[tuple[str, list[str], str, list[tuple[str, str]]]],
) -> None:
    # given: a campaign's projects (not saved: the sections are written from the objects)
    region = Organization(name="定海区", kind=OrganizationKind.REGION, level="county")
    issuer = Organization(name="定海区纪委监委", kind="commission", level="county", parent=region)
    items = [_unsaved_item(region, *project) for project in projects]
    intro = (
        "2024年，定海区纪委监委会同8家单位精选9个项目，开展漠视侵害群众利益问题专项治理。\n"
        "全区各级纪检监察组织共组织督导检查646次，推动建立和完善制度7项。"
    )
    sections = [project_text(i, item, issuer) for i, item in enumerate(items, start=1)]
    text = "\n\n".join(
        ["定海区纪委监委公布2024年漠视侵害群众利益问题专项治理工作成果", intro, *sections]
    )
    # when
    parsed = parse_announcement(text)
    # then
    assert (parsed.issuer, parsed.year) == ("定海区纪委监委", 2024)
    assert [p.title for p in parsed.projects] == [p[0] for p in projects]
    assert [p.lead_units for p in parsed.projects] == [
        [re.sub("^定海区", "区", u) for u in p[1]] for p in projects
    ]
    assert [p.goal or "" for p in parsed.projects] == [p[2] for p in projects]
    assert [[(o.headline, o.body) for o in p.outcomes] for p in parsed.projects] == [
        p[3] for p in projects
    ]
    assert [sorted(f.value for f in p.figures) for p in parsed.projects] == [
        sorted(f.value for f in _figure_list(p[2], p[3])) for p in projects
    ]


def _figure_list(goal: str, outcomes: list[tuple[str, str]]) -> list[Figure]:
    lines = [goal] if goal else []
    return [
        f for line in [*lines, *(f"{h}。{b}" for h, b in outcomes)] for f in extract_figures(line)
    ]
