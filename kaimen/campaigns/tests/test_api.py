"""Campaigns and projects in the JSON API, role by role, through Django's test client.

Callers carry bearer tokens (as API clients do); the session and the token flow themselves are
covered in kaimen/api/tests/test_api_auth.py.
"""

import json
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import World, make_project
from kaimen.accounts.services import api_token_create
from kaimen.campaigns.models import (
    Campaign,
    CampaignState,
    Comparator,
    Metric,
    Outcome,
    Project,
    ProjectState,
    Target,
    Theme,
)
from kaimen.campaigns.services import openness_policy_set
from kaimen.timeline.models import Event

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse as Response


def _headers(world: World, role: str) -> dict[str, str]:
    if role == "anonymous":
        return {}
    return {"Authorization": f"Bearer {api_token_create(user=world.users[role])}"}


def _get(world: World, role: str, url: str) -> "Response":
    return Client().get(url, headers=_headers(world, role))


def _patch(world: World, role: str, project: Project, body: dict[str, Any]) -> "Response":
    return Client().patch(
        _project_url(project),
        data=json.dumps(body),
        content_type="application/json",
        headers=_headers(world, role),
    )


def _project_url(project: Project) -> str:
    return reverse("api:project_detail", kwargs={"id": project.pk})


def _campaign_url(campaign: Campaign | None) -> str:
    assert campaign is not None
    return reverse("api:campaign_detail", kwargs={"id": campaign.pk})


def _org(world: World, key: str) -> dict[str, Any]:
    return {"id": world.orgs[key].pk, "name": world.orgs[key].name}


def _updates(project: Project) -> int:
    return Event.objects.filter(action="project.updated", target_id=str(project.pk)).count()


# ---------------------------------------------------------------- GET /campaigns


@pytest.mark.parametrize(
    ("role", "dinghai_count", "putuo_count"),
    [
        # Published and running (approved) projects are public; drafts are not.
        ("anonymous", 2, 2),
        ("citizen", 2, 2),
        ("unit_staff_lead", 2, 2),
        ("unit_staff_other", 3, 2),  # + its own draft project
        ("commission_admin", 3, 2),  # everything of 定海
        ("viewer", 3, 2),
        ("commission_admin_other", 2, 2),
    ],
)
def test_campaign_list_counts_the_projects_the_caller_may_see(
    world: World, role: str, dinghai_count: int, putuo_count: int
) -> None:
    response = _get(world, role, reverse("api:campaign_list"))

    assert response.status_code == 200
    assert world.campaign is not None
    assert world.other_campaign is not None
    assert response.json() == [
        {
            "id": world.campaign.pk,
            "year": 2024,
            "issuer": _org(world, "dh_jiwei"),
            "title": "漠视侵害群众利益问题专项治理",
            "project_count": dinghai_count,
        },
        {
            "id": world.other_campaign.pk,
            "year": 2024,
            "issuer": _org(world, "pt_jiwei"),
            "title": "普陀区专项治理",
            "project_count": putuo_count,
        },
    ]


def test_campaign_list_filters_by_year(world: World) -> None:
    older = Campaign.objects.create(
        issuer=world.orgs["dh_jiwei"],
        year=2023,
        title="2023年专项治理",
        state=CampaignState.PUBLISHED,
    )

    response = _get(world, "anonymous", reverse("api:campaign_list") + "?year=2023")

    assert response.status_code == 200
    assert [campaign["id"] for campaign in response.json()] == [older.pk]


def test_campaign_list_with_a_bad_year_is_422_naming_it(world: World) -> None:
    response = _get(world, "anonymous", reverse("api:campaign_list") + "?year=abc")

    assert response.status_code == 422
    assert [error["loc"] for error in response.json()["detail"]] == [["query", "year"]]


def test_campaign_list_hides_draft_campaigns_from_the_public(world: World) -> None:
    draft = Campaign.objects.create(
        issuer=world.orgs["dh_jiwei"], year=2025, title="2025年专项治理", state=CampaignState.DRAFT
    )

    public = _get(world, "anonymous", reverse("api:campaign_list")).json()
    staff = _get(world, "commission_admin", reverse("api:campaign_list")).json()
    other = _get(world, "commission_admin_other", reverse("api:campaign_list")).json()

    assert draft.pk not in [c["id"] for c in public]
    assert draft.pk in [c["id"] for c in staff]
    assert draft.pk not in [c["id"] for c in other]


# ---------------------------------------------------------------- GET /campaigns/{id}


def _summary(world: World, key: str) -> dict[str, Any]:
    project = world.projects[key]
    units = [{"id": u.pk, "name": u.name} for u in project.lead_units.order_by("name")]
    return {"id": project.pk, "title": project.title, "lead_units": units, "state": project.state}


@pytest.mark.parametrize(
    ("role", "keys"),
    [
        ("anonymous", ["published", "in_progress"]),
        ("citizen", ["published", "in_progress"]),
        ("unit_staff_lead", ["published", "in_progress"]),
        ("unit_staff_other", ["published", "in_progress", "draft"]),
        ("supervisor", ["published", "in_progress", "draft"]),
        ("commission_admin", ["published", "in_progress", "draft"]),
        ("commission_admin_other", ["published", "in_progress"]),
    ],
)
def test_campaign_detail_lists_the_projects_the_caller_may_see(
    world: World, role: str, keys: list[str]
) -> None:
    assert world.campaign is not None
    Campaign.objects.filter(pk=world.campaign.pk).update(intro="2024年，定海区纪委监委……")

    response = _get(world, role, _campaign_url(world.campaign))

    assert response.status_code == 200
    assert response.json() == {
        "id": world.campaign.pk,
        "year": 2024,
        "issuer": _org(world, "dh_jiwei"),
        "title": "漠视侵害群众利益问题专项治理",
        "intro": "2024年，定海区纪委监委……",
        "state": "running",
        "project_count": len(keys),
        "projects": [_summary(world, key) for key in keys],
    }


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("anonymous", 404),
        ("unit_staff_lead", 404),
        ("commission_admin", 200),
        ("city_admin", 200),  # the city commission watches its districts
        ("commission_admin_other", 404),
    ],
)
def test_campaign_detail_of_a_draft_campaign(world: World, role: str, status: int) -> None:
    draft = Campaign.objects.create(
        issuer=world.orgs["dh_jiwei"], year=2025, title="2025年专项治理", state=CampaignState.DRAFT
    )

    response = _get(world, role, _campaign_url(draft))

    assert response.status_code == status


def test_campaign_detail_of_a_missing_campaign_is_404(world: World) -> None:
    response = _get(world, "commission_admin", reverse("api:campaign_detail", kwargs={"id": 999}))

    assert response.status_code == 404
    assert response.json() == {"detail": "Not found"}


# ---------------------------------------------------------------- GET /projects/{id}


def _fill(project: Project) -> None:
    Target.objects.create(
        project=project,
        position=1,
        label="公共充电桩",
        comparator=Comparator.AT_LEAST,
        target_value=Decimal("60"),
        unit="个",
        actual_value=Decimal("71"),
    )
    Target.objects.create(
        project=project,
        position=2,
        label="单颗种植牙价格",
        comparator=Comparator.AT_MOST,
        target_value=Decimal("4275"),
        unit="元",
    )
    outcome = Outcome.objects.create(
        project=project,
        position=1,
        headline="开展督导检查",
        body="督导检查 646 次，追缴资金 974.6 万元。",
    )
    Metric.objects.create(
        project=project,
        outcome=outcome,
        position=1,
        label="追缴资金",
        value=Decimal("974.6"),
        unit="万元",
        normalized_value=Decimal("9746000"),
        normalized_unit="元",
    )


def test_project_detail_shows_the_whole_project_with_numbers_as_numbers(world: World) -> None:
    # given a published project with targets, an outcome and a figure
    project = world.projects["published"]
    _fill(project)
    assert world.campaign is not None

    # when anyone reads it
    response = _get(world, "anonymous", _project_url(project))

    # then
    assert response.status_code == 200
    assert response.json() == {
        "id": project.pk,
        "campaign": {
            "id": world.campaign.pk,
            "year": 2024,
            "title": "漠视侵害群众利益问题专项治理",
        },
        "title": "中小学非教育教学事务进校园问题专项治理",
        "theme": "other",
        "lead_units": [_org(world, "dh_jiaoyu")],
        "goal": "中小学非教育教学事务进校园问题专项治理的治理目标",
        "plan": "",
        "state": "published",
        "targets": [
            {
                "label": "公共充电桩",
                "comparator": "ge",
                "target_value": 60,
                "unit": "个",
                "actual_value": 71,
                "achieved": True,
                "ratio": 118,
                "achievement": "71 / 60 = 118 %",
            },
            {
                "label": "单颗种植牙价格",
                "comparator": "le",
                "target_value": 4275,
                "unit": "元",
                "actual_value": None,
                "achieved": None,
                "ratio": None,
                "achievement": "",
            },
        ],
        "outcomes": [
            {
                "position": 1,
                "headline": "开展督导检查",
                "body": "督导检查 646 次，追缴资金 974.6 万元。",
            }
        ],
        "metrics": [
            {
                "label": "追缴资金",
                "value": 974.6,
                "unit": "万元",
                "normalized_value": 9746000,
                "normalized_unit": "元",
            }
        ],
        "version": 1,
    }
    assert '"value": 974.6' in response.content.decode()  # a JSON number, not a string


@pytest.mark.parametrize(
    ("role", "key", "status"),
    [
        ("anonymous", "published", 200),
        ("anonymous", "in_progress", 200),  # public from approval
        ("anonymous", "draft", 404),
        ("anonymous", "other_published", 200),
        ("citizen", "draft", 404),
        ("unit_staff_lead", "in_progress", 200),
        ("unit_staff_lead", "draft", 404),
        ("unit_staff_other", "in_progress", 200),
        ("unit_staff_other", "draft", 200),
        ("supervisor", "draft", 200),
        ("commission_admin", "in_progress", 200),
        ("commission_admin", "other_in_progress", 200),
        ("commission_admin_other", "draft", 404),
        ("commission_admin_other", "other_in_progress", 200),
        ("commission_admin_other", "published", 200),
    ],
)
def test_project_detail_by_role(world: World, role: str, key: str, status: int) -> None:
    response = _get(world, role, _project_url(world.projects[key]))

    assert response.status_code == status


def test_project_detail_of_a_public_project_in_a_draft_campaign_is_hidden(world: World) -> None:
    assert world.campaign is not None
    Campaign.objects.filter(pk=world.campaign.pk).update(state=CampaignState.DRAFT)

    response = _get(world, "anonymous", _project_url(world.projects["published"]))

    assert response.status_code == 404


def test_a_running_project_is_public_without_its_unpublished_outcomes(world: World) -> None:
    # given a project in progress with its targets and outcomes already written
    project = world.projects["in_progress"]
    _fill(project)

    # when the public reads it, and its lead unit does
    public = _get(world, "anonymous", _project_url(project)).json()
    unit = _get(world, "unit_staff_lead", _project_url(project)).json()

    # then both see the targets and their progress; only the unit sees the outcomes and figures
    assert [t["ratio"] for t in public["targets"]] == [118, None]
    assert (public["outcomes"], public["metrics"]) == ([], [])
    assert [o["headline"] for o in unit["outcomes"]] == ["开展督导检查"]
    assert len(unit["metrics"]) == 1


def test_a_commission_may_keep_its_running_projects_internal(world: World) -> None:
    # given 定海's commission chose not to open its projects before the results
    openness_policy_set(
        actor=world.users["commission_admin"],
        commission=world.orgs["dh_jiwei"],
        projects_public_on_approval=False,
        progress_reports_public=False,
    )

    # then the public no longer sees its running project, while 普陀's stays open
    assert _get(world, "anonymous", _project_url(world.projects["in_progress"])).status_code == 404
    assert _get(world, "anonymous", _project_url(world.projects["published"])).status_code == 200
    other = world.projects["other_in_progress"]
    assert _get(world, "anonymous", _project_url(other)).status_code == 200
    assert world.campaign is not None
    listed = _get(world, "anonymous", _campaign_url(world.campaign)).json()["projects"]
    assert [p["id"] for p in listed] == [world.projects["published"].pk]


# ---------------------------------------------------------------- PATCH /projects/{id}


def test_lead_unit_writes_its_answer(world: World) -> None:
    # given the lead unit's staff and its project in progress
    project = world.projects["in_progress"]

    # when they write the goal, the plan and the targets
    response = _patch(
        world,
        "unit_staff_lead",
        project,
        {
            "version": 1,
            "goal": "  食堂大宗食材统一采购率达到100%  ",
            "plan": "三月底前完成摸排。",
            "targets": [
                {
                    "label": "统一采购学校",
                    "comparator": "ge",
                    "target_value": 60,
                    "unit": "所",
                    "actual_value": "71",
                },
                {"label": "采购价格偏差", "comparator": "le", "target_value": 2.5, "unit": "%"},
            ],
        },
    )

    # then it is saved, answered with the new version, and recorded once
    assert response.status_code == 200
    body = response.json()
    assert body["goal"] == "食堂大宗食材统一采购率达到100%"
    assert body["plan"] == "三月底前完成摸排。"
    assert body["version"] == 2
    assert body["targets"] == [
        {
            "label": "统一采购学校",
            "comparator": "ge",
            "target_value": 60,
            "unit": "所",
            "actual_value": 71,
            "achieved": True,
            "ratio": 118,
            "achievement": "71 / 60 = 118 %",
        },
        {
            "label": "采购价格偏差",
            "comparator": "le",
            "target_value": 2.5,
            "unit": "%",
            "actual_value": None,
            "achieved": None,
            "ratio": None,
            "achievement": "",
        },
    ]
    project.refresh_from_db()
    assert (project.goal, project.version) == ("食堂大宗食材统一采购率达到100%", 2)
    assert list(project.targets.values_list("label", "target_value")) == [
        ("统一采购学校", Decimal("60")),
        ("采购价格偏差", Decimal("2.5")),
    ]
    assert _updates(project) == 1


def test_commission_admin_sets_title_theme_and_lead_units(world: World) -> None:
    project = world.projects["in_progress"]
    units = [world.orgs["dh_gongan"].pk, world.orgs["dh_jiaoyu"].pk]

    response = _patch(
        world,
        "commission_admin",
        project,
        {"version": 1, "title": "校园食品安全专项治理", "theme": "education", "lead_units": units},
    )

    assert response.status_code == 200
    body = response.json()
    assert (body["title"], body["theme"], body["version"]) == (
        "校园食品安全专项治理",
        "education",
        2,
    )
    assert {unit["id"] for unit in body["lead_units"]} == set(units)
    project.refresh_from_db()
    assert (project.title, project.theme) == ("校园食品安全专项治理", Theme.EDUCATION)
    assert set(project.lead_units.values_list("pk", flat=True)) == set(units)


@pytest.mark.parametrize(
    ("role", "key", "body", "status"),
    [
        # may see the project, may not change this
        ("unit_staff_lead", "in_progress", {"title": "改名"}, 403),
        ("unit_staff_lead", "in_progress", {"lead_units": []}, 403),
        ("unit_staff_lead", "published", {"goal": "公布后修改"}, 403),
        ("unit_staff_other", "published", {"goal": "他人修改"}, 403),
        ("supervisor", "in_progress", {"goal": "监督修改"}, 403),
        ("viewer", "in_progress", {"title": "查阅修改"}, 403),
        ("citizen", "published", {"goal": "群众修改"}, 403),
        ("commission_admin_other", "published", {"title": "外区修改"}, 403),
        ("commission_admin", "published", {"goal": "公布后修改"}, 403),
        # may not even see it
        ("unit_staff_other", "in_progress", {"goal": "他人修改"}, 403),  # public, not theirs
        ("commission_admin_other", "in_progress", {"title": "外区修改"}, 403),
        ("commission_admin_other", "draft", {"title": "外区修改"}, 404),
        ("citizen", "draft", {"goal": "群众修改"}, 404),
    ],
)
def test_patch_denied_changes_nothing(
    world: World, role: str, key: str, body: dict[str, Any], status: int
) -> None:
    project = world.projects[key]
    before = (project.title, project.goal, project.version)

    response = _patch(world, role, project, {"version": 1, **body})

    assert response.status_code == status
    project.refresh_from_db()
    assert (project.title, project.goal, project.version) == before
    assert list(project.lead_units.all()) == [world.projects[key].lead_units.get()]
    assert _updates(project) == 0


def test_patch_with_a_stale_version_is_409_and_saves_nothing_of_it(world: World) -> None:
    # given two callers who both read version 1
    project = world.projects["in_progress"]
    first, second = "commission_admin", "unit_staff_lead"
    assert _get(world, first, _project_url(project)).json()["version"] == 1
    assert _get(world, second, _project_url(project)).json()["version"] == 1

    # when the first saves, then the second saves on top of what it read
    won = _patch(world, first, project, {"version": 1, "title": "校园食堂采购专项治理"})
    lost = _patch(
        world,
        second,
        project,
        {
            "version": 1,
            "goal": "乙的目标",
            "targets": [{"label": "乙的指标", "comparator": "ge", "target_value": 1}],
        },
    )

    # then the first wins and nothing of the second is saved
    assert won.status_code == 200
    assert won.json()["version"] == 2
    assert lost.status_code == 409
    assert lost.json() == {
        "detail": "保存冲突：在您编辑期间，他人已修改此内容。请刷新页面查看最新内容后再保存。",
        "code": "stale",
    }
    project.refresh_from_db()
    assert (project.title, project.goal, project.version) == (
        "校园食堂采购专项治理",
        "中小学校食堂采购问题专项治理的治理目标",
        2,
    )
    assert project.targets.count() == 0
    assert _updates(project) == 1


@pytest.mark.parametrize(
    ("body", "field", "code"),
    [
        ({"title": "   "}, "title", "required"),
        ({"lead_units": []}, "lead_units", "required"),
        ({"targets": [{"label": " ", "target_value": 1}]}, "targets.0.label", "required"),
    ],
)
def test_patch_refused_by_the_service_is_400_naming_the_field(
    world: World, body: dict[str, Any], field: str, code: str
) -> None:
    project = world.projects["in_progress"]

    response = _patch(world, "commission_admin", project, {"version": 1, **body})

    assert response.status_code == 400
    assert response.json()["field"] == field
    assert response.json()["code"] == code
    project.refresh_from_db()
    assert project.version == 1
    assert _updates(project) == 0


def test_patch_naming_a_lead_unit_out_of_scope_is_400(world: World) -> None:
    project = world.projects["in_progress"]
    elsewhere = world.orgs["pt_minzheng"].pk

    response = _patch(world, "commission_admin", project, {"version": 1, "lead_units": [elsewhere]})

    assert response.status_code == 400
    assert response.json() == {
        "detail": f"牵头单位无效：{elsewhere}",
        "code": "invalid",
        "field": "lead_units",
    }
    assert list(project.lead_units.all()) == [world.orgs["dh_jiaoyu"]]


@pytest.mark.parametrize(
    ("body", "loc"),
    [
        ({"goal": "没有版本"}, ["body", "payload", "version"]),
        ({"version": 1, "theme": "nonsense"}, ["body", "payload", "theme"]),
        ({"version": 1, "title": "长" * 201}, ["body", "payload", "title"]),
        (
            {"version": 1, "targets": [{"label": "x", "target_value": 1, "comparator": "gt"}]},
            ["body", "payload", "targets", 0, "comparator"],
        ),
        (
            {"version": 1, "targets": [{"label": "x", "target_value": "0.00001"}]},
            ["body", "payload", "targets", 0, "target_value"],
        ),
        ({"version": 1, "lead_units": ["教育局"]}, ["body", "payload", "lead_units", 0]),
    ],
)
def test_patch_that_does_not_fit_the_schema_is_422_naming_the_field(
    world: World, body: dict[str, Any], loc: list[str | int]
) -> None:
    project = world.projects["in_progress"]

    response = _patch(world, "commission_admin", project, body)

    assert response.status_code == 422
    assert [error["loc"] for error in response.json()["detail"]] == [loc]
    project.refresh_from_db()
    assert project.version == 1


# ---------------------------------------------------------------- query counts


def _count_queries(world: World, role: str, method: str, url: str, body: Any = None) -> int:
    client = Client()
    headers = _headers(world, role)
    with CaptureQueriesContext(connection) as queries:
        if method == "get":
            response = client.get(url, headers=headers)
        else:
            response = client.patch(
                url, data=json.dumps(body), content_type="application/json", headers=headers
            )
    assert response.status_code == 200, response.content
    return len(queries)


def _grow_campaign(world: World, campaign: Campaign, count: int) -> None:
    start = campaign.projects.count() + 1
    for position in range(start, start + count):
        project = make_project(
            campaign,
            position,
            f"项目{position}",
            ProjectState.PUBLISHED,
            [world.orgs["dh_jiaoyu"], world.orgs["dh_gongan"]],
        )
        _fill(project)


@pytest.mark.parametrize("role", ["anonymous", "unit_staff_lead", "commission_admin"])
def test_campaign_reads_take_a_constant_number_of_queries(world: World, role: str) -> None:
    # given a campaign with one project
    campaign = Campaign.objects.create(
        issuer=world.orgs["dh_jiwei"],
        year=2023,
        title="2023年专项治理",
        state=CampaignState.PUBLISHED,
    )
    _grow_campaign(world, campaign, 1)
    list_url, detail_url = reverse("api:campaign_list"), _campaign_url(campaign)
    small = (
        _count_queries(world, role, "get", list_url),
        _count_queries(world, role, "get", detail_url),
    )

    # when it grows to twenty projects (and another campaign appears)
    _grow_campaign(world, campaign, 19)
    more = Campaign.objects.create(
        issuer=world.orgs["dh_jiwei"],
        year=2022,
        title="2022年专项治理",
        state=CampaignState.PUBLISHED,
    )
    _grow_campaign(world, more, 5)
    large = (
        _count_queries(world, role, "get", list_url),
        _count_queries(world, role, "get", detail_url),
    )

    # then the same number of queries answers
    assert len(_get(world, role, detail_url).json()["projects"]) == 20
    assert large == small


@pytest.mark.parametrize("role", ["anonymous", "commission_admin"])
def test_project_read_takes_a_constant_number_of_queries(world: World, role: str) -> None:
    project = world.projects["published"]
    _fill(project)
    small = _count_queries(world, role, "get", _project_url(project))

    for position in range(3, 23):
        Target.objects.create(
            project=project, position=position, label=f"指标{position}", target_value=Decimal(1)
        )
        outcome = Outcome.objects.create(
            project=project, position=position, headline=f"成果{position}"
        )
        Metric.objects.create(
            project=project,
            outcome=outcome,
            label=f"数据{position}",
            value=Decimal(position),
            normalized_value=Decimal(position),
        )
    large = _count_queries(world, role, "get", _project_url(project))

    assert large == small


def test_project_patch_takes_a_constant_number_of_queries(world: World) -> None:
    # given a project already edited once (the first event ever written sets up the chain)
    project = world.projects["in_progress"]
    url = _project_url(project)
    _count_queries(world, "commission_admin", "patch", url, {"version": 1, "goal": "先改一次"})

    def targets(count: int) -> list[dict[str, Any]]:
        return [{"label": f"指标{n}", "target_value": n} for n in range(1, count + 1)]

    # when lead units and one target, then lead units and twenty targets, are written
    jiaoyu, gongan = world.orgs["dh_jiaoyu"].pk, world.orgs["dh_gongan"].pk
    small = _count_queries(
        world,
        "commission_admin",
        "patch",
        url,
        {"version": 2, "lead_units": [jiaoyu, gongan], "targets": targets(1)},
    )
    large = _count_queries(
        world,
        "commission_admin",
        "patch",
        url,
        {"version": 3, "lead_units": [gongan], "targets": targets(20)},
    )

    # then both take the same number of queries
    assert project.targets.count() == 20
    assert large == small


def test_campaign_list_takes_a_page_with_limit_and_offset(world: World) -> None:
    older = [
        Campaign.objects.create(
            issuer=world.orgs["dh_jiwei"],
            year=year,
            title=f"{year}年",
            state=CampaignState.PUBLISHED,
        )
        for year in (2023, 2022, 2021)
    ]
    url = reverse("api:campaign_list")
    everything = [c["id"] for c in _get(world, "anonymous", url).json()]

    page = _get(world, "anonymous", url + "?limit=2&offset=1").json()
    rest = _get(world, "anonymous", url + "?offset=3").json()

    assert len(everything) == 5
    assert everything[2:] == [c.pk for c in older]
    assert [c["id"] for c in page] == everything[1:3]
    assert [c["id"] for c in rest] == everything[3:]
    assert set(page[0]) == {"id", "year", "issuer", "title", "project_count"}


@pytest.mark.parametrize("query", ["limit=0", "limit=501", "offset=-1", "limit=x"])
def test_campaign_list_refuses_a_bad_page_with_422(world: World, query: str) -> None:
    response = _get(world, "anonymous", reverse("api:campaign_list") + "?" + query)

    assert response.status_code == 422
