"""Unit tests of every write in kaimen/campaigns/services.py."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from conftest import World
from kaimen.campaigns import services
from kaimen.campaigns.models import (
    Campaign,
    CampaignState,
    Metric,
    ProgressReport,
    Project,
    ProjectState,
)
from kaimen.campaigns.services import OutcomeData, TargetData
from kaimen.core.errors import ApplicationError, ConflictError
from kaimen.timeline.models import Event


def _events(action: str) -> list[Event]:
    return list(Event.objects.filter(action=action).order_by("id"))


def _in_progress(world: World) -> Project:
    return world.projects["in_progress"]


# ---------------------------------------------------------------- campaign_create


def test_campaign_create_by_the_commission_admin(world: World) -> None:
    campaign = services.campaign_create(
        actor=world.users["commission_admin"],
        issuer=world.orgs["dh_jiwei"],
        year=2025,
        title=" 2025年专项治理 ",
        intro=" 导语 ",
    )

    assert (campaign.year, campaign.title, campaign.intro, campaign.state) == (
        2025,
        "2025年专项治理",
        "导语",
        CampaignState.DRAFT,
    )
    [event] = _events("campaign.created")
    assert event.actor == world.users["commission_admin"]
    assert event.organization == world.orgs["dh_jiwei"]
    assert event.after == {"year": 2025, "title": "2025年专项治理"}


@pytest.mark.parametrize(
    "role", ["supervisor", "viewer", "unit_staff_lead", "commission_admin_other", "citizen"]
)
def test_campaign_create_refused(world: World, role: str) -> None:
    with pytest.raises(PermissionDenied):
        services.campaign_create(
            actor=world.users[role], issuer=world.orgs["dh_jiwei"], year=2025, title="x"
        )

    assert not Campaign.objects.filter(year=2025).exists()
    assert _events("campaign.created") == []


def test_campaign_create_refuses_a_non_commission_issuer(world: World) -> None:
    with pytest.raises(PermissionDenied):
        services.campaign_create(
            actor=world.users["commission_admin"],
            issuer=world.orgs["dh_jiaoyu"],
            year=2025,
            title="x",
        )


def test_campaign_create_duplicate_year_names_the_year(world: World) -> None:
    with pytest.raises(ApplicationError) as caught:
        services.campaign_create(
            actor=world.users["commission_admin"],
            issuer=world.orgs["dh_jiwei"],
            year=2024,
            title="x",
        )

    assert (caught.value.code, caught.value.field) == ("duplicate", "year")
    assert Campaign.objects.filter(issuer=world.orgs["dh_jiwei"]).count() == 1


def test_campaign_create_blank_title_names_the_title(world: World) -> None:
    with pytest.raises(ApplicationError) as caught:
        services.campaign_create(
            actor=world.users["commission_admin"],
            issuer=world.orgs["dh_jiwei"],
            year=2025,
            title=" ",
        )

    assert (caught.value.code, caught.value.field) == ("required", "title")
    assert not Campaign.objects.filter(year=2025).exists()


def test_the_city_admin_may_issue_for_a_district_commission(world: World) -> None:
    campaign = services.campaign_create(
        actor=world.users["city_admin"], issuer=world.orgs["pt_jiwei"], year=2025, title="x"
    )

    assert campaign.issuer == world.orgs["pt_jiwei"]


# ---------------------------------------------------------------- campaign_update


def test_campaign_update_records_before_and_after(world: World) -> None:
    assert world.campaign is not None

    services.campaign_update(
        actor=world.users["commission_admin"],
        campaign=world.campaign,
        version=1,
        title="新标题",
        intro="",
    )

    world.campaign.refresh_from_db()
    assert (world.campaign.title, world.campaign.version) == ("新标题", 2)
    [event] = _events("campaign.updated")
    assert event.before == {"title": "漠视侵害群众利益问题专项治理"}
    assert event.after == {"title": "新标题"}


def test_campaign_update_stale_version_conflicts(world: World) -> None:
    assert world.campaign is not None
    admin = world.users["commission_admin"]
    services.campaign_update(actor=admin, campaign=world.campaign, version=1, title="一", intro="")

    with pytest.raises(ConflictError) as caught:
        services.campaign_update(
            actor=admin, campaign=world.campaign, version=1, title="二", intro=""
        )

    assert caught.value.code == "stale"
    assert caught.value.field == "version"
    world.campaign.refresh_from_db()
    assert world.campaign.title == "一"
    assert len(_events("campaign.updated")) == 1


def test_campaign_update_without_change_is_a_no_op(world: World) -> None:
    assert world.campaign is not None

    services.campaign_update(
        actor=world.users["commission_admin"],
        campaign=world.campaign,
        version=99,
        title=world.campaign.title,
        intro="",
    )

    world.campaign.refresh_from_db()
    assert world.campaign.version == 1
    assert _events("campaign.updated") == []


@pytest.mark.parametrize(
    "role", ["supervisor", "viewer", "unit_staff_lead", "commission_admin_other"]
)
def test_campaign_update_refused(world: World, role: str) -> None:
    assert world.campaign is not None

    with pytest.raises(PermissionDenied):
        services.campaign_update(
            actor=world.users[role], campaign=world.campaign, version=1, title="x", intro=""
        )

    world.campaign.refresh_from_db()
    assert (world.campaign.title, world.campaign.version) == ("漠视侵害群众利益问题专项治理", 1)


def test_campaign_update_blank_title_names_the_title(world: World) -> None:
    assert world.campaign is not None

    with pytest.raises(ApplicationError) as caught:
        services.campaign_update(
            actor=world.users["commission_admin"],
            campaign=world.campaign,
            version=1,
            title="",
            intro="",
        )

    assert caught.value.field == "title"


# ---------------------------------------------------------------- campaign_transition


def test_campaign_start_then_publish(world: World) -> None:
    admin = world.users["commission_admin"]
    campaign = services.campaign_create(
        actor=admin, issuer=world.orgs["dh_jiwei"], year=2025, title="x"
    )

    services.campaign_transition(actor=admin, campaign=campaign, action="start")
    assert campaign.state == CampaignState.RUNNING
    services.campaign_transition(actor=admin, campaign=campaign, action="publish")

    assert campaign.state == CampaignState.PUBLISHED
    assert [
        (e.before, e.after) for e in _events("campaign.start") + _events("campaign.publish")
    ] == [
        ({"state": "draft"}, {"state": "running"}),
        ({"state": "running"}, {"state": "published"}),
    ]


def test_campaign_transition_from_the_wrong_state_conflicts(world: World) -> None:
    assert world.campaign is not None

    with pytest.raises(ConflictError) as caught:
        services.campaign_transition(
            actor=world.users["commission_admin"], campaign=world.campaign, action="start"
        )

    assert caught.value.code == "invalid_transition"
    assert caught.value.allowed == ["publish"]
    world.campaign.refresh_from_db()
    assert world.campaign.state == CampaignState.RUNNING


def test_campaign_transition_unknown_action(world: World) -> None:
    assert world.campaign is not None

    with pytest.raises(ApplicationError) as caught:
        services.campaign_transition(
            actor=world.users["commission_admin"], campaign=world.campaign, action="explode"
        )

    assert (caught.value.code, caught.value.field) == ("unknown_action", "action")


def test_campaign_transition_refused_to_the_supervisor(world: World) -> None:
    assert world.campaign is not None

    with pytest.raises(PermissionDenied):
        services.campaign_transition(
            actor=world.users["supervisor"], campaign=world.campaign, action="publish"
        )

    world.campaign.refresh_from_db()
    assert world.campaign.state == CampaignState.RUNNING


# ---------------------------------------------------------------- project_create


def test_project_create_numbers_and_assigns(world: World) -> None:
    assert world.campaign is not None

    project = services.project_create(
        actor=world.users["commission_admin"],
        campaign=world.campaign,
        title=" 农村饮用水 ",
        lead_units=[world.orgs["dh_jiaoyu"], world.orgs["dh_gongan"]],
        theme="environment",
    )

    assert (project.position, project.title, project.state) == (4, "农村饮用水", ProjectState.DRAFT)
    assert [u.name for u in project.lead_units.all()] == ["定海区教育局", "定海区公安分局"]
    [event] = _events("project.created")
    assert event.after == {"title": "农村饮用水", "lead_units": ["定海区教育局", "定海区公安分局"]}


def test_project_create_requires_a_title(world: World) -> None:
    assert world.campaign is not None

    with pytest.raises(ApplicationError) as caught:
        services.project_create(
            actor=world.users["commission_admin"], campaign=world.campaign, title=" ", lead_units=[]
        )

    assert (caught.value.code, caught.value.field) == ("required", "title")


def test_project_create_twice_is_refused(world: World) -> None:
    assert world.campaign is not None

    with pytest.raises(ApplicationError) as caught:
        services.project_create(
            actor=world.users["commission_admin"],
            campaign=world.campaign,
            title="电信网络诈骗专项治理",
            lead_units=[],
        )

    assert (caught.value.code, caught.value.field) == ("duplicate", "title")
    assert world.campaign.projects.count() == 3


@pytest.mark.parametrize(
    "role", ["supervisor", "viewer", "unit_staff_lead", "commission_admin_other"]
)
def test_project_create_refused(world: World, role: str) -> None:
    assert world.campaign is not None

    with pytest.raises(PermissionDenied):
        services.project_create(
            actor=world.users[role], campaign=world.campaign, title="新项目", lead_units=[]
        )

    assert world.campaign.projects.count() == 3
    assert _events("project.created") == []


# ---------------------------------------------------------------- project_update


def test_unit_writes_goal_plan_and_targets(world: World) -> None:
    project = _in_progress(world)

    services.project_update(
        actor=world.users["unit_staff_lead"],
        project=project,
        version=1,
        goal="目标",
        plan="方案",
        targets=[TargetData("充电桩", "ge", Decimal(60), "个", Decimal(71))],
    )

    project.refresh_from_db()
    assert (project.goal, project.plan, project.version) == ("目标", "方案", 2)
    [target] = project.targets.all()
    assert (target.label, target.achieved, target.ratio) == ("充电桩", True, Decimal(118))
    [event] = _events("project.updated")
    assert event.after == {
        "goal": "目标",
        "plan": "方案",
        "targets": ["充电桩 ≥ 60个（完成 71个）"],
    }
    assert event.before == {
        "goal": "中小学校食堂采购问题专项治理的治理目标",
        "plan": "",
        "targets": [],
    }


def test_unit_cannot_change_title_or_lead_units(world: World) -> None:
    project = _in_progress(world)

    with pytest.raises(PermissionDenied):
        services.project_update(
            actor=world.users["unit_staff_lead"], project=project, version=1, title="改名"
        )
    with pytest.raises(PermissionDenied):
        services.project_update(
            actor=world.users["unit_staff_lead"], project=project, version=1, lead_units=[]
        )

    project.refresh_from_db()
    assert (project.title, project.version) == ("中小学校食堂采购问题专项治理", 1)


def test_admin_changes_lead_units(world: World) -> None:
    project = world.projects["draft"]

    services.project_update(
        actor=world.users["commission_admin"],
        project=project,
        version=1,
        lead_units=[world.orgs["dh_jiaoyu"]],
    )

    assert [u.name for u in project.lead_units.all()] == ["定海区教育局"]
    [event] = _events("project.updated")
    assert (event.before, event.after) == (
        {"lead_units": ["定海区公安分局"]},
        {"lead_units": ["定海区教育局"]},
    )


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"title": " "}, "title"),
        ({"theme": "nonsense"}, "theme"),
        ({"lead_units": []}, "lead_units"),
        ({"targets": [TargetData("", "ge", Decimal(1))]}, "targets.0.label"),
        (
            {"targets": [TargetData("a", "ge", Decimal(1)), TargetData("b", "gt", Decimal(1))]},
            "targets.1.comparator",
        ),
    ],
)
def test_project_update_validation_names_the_field(
    world: World, kwargs: dict[str, object], field: str
) -> None:
    project = world.projects["draft"]

    with pytest.raises(ApplicationError) as caught:
        services.project_update(
            actor=world.users["commission_admin"],
            project=project,
            version=1,
            **kwargs,  # type: ignore[arg-type]
        )

    assert caught.value.field == field
    project.refresh_from_db()
    assert project.version == 1


def test_project_update_stale_version_conflicts(world: World) -> None:
    project = _in_progress(world)
    unit = world.users["unit_staff_lead"]
    services.project_update(actor=unit, project=project, version=1, goal="一")

    with pytest.raises(ConflictError) as caught:
        services.project_update(actor=unit, project=project, version=1, goal="二")

    assert caught.value.code == "stale"
    assert "保存冲突" in caught.value.message
    project.refresh_from_db()
    assert project.goal == "一"


def test_project_update_without_change_is_a_no_op(world: World) -> None:
    project = _in_progress(world)
    unit = world.users["unit_staff_lead"]
    targets = [TargetData("指标", "le", Decimal("4275"), "元")]
    services.project_update(actor=unit, project=project, version=1, goal="一", targets=targets)

    services.project_update(actor=unit, project=project, version=1, goal="一", targets=targets)

    project.refresh_from_db()
    assert project.version == 2
    assert len(_events("project.updated")) == 1


@pytest.mark.parametrize(
    "role", ["supervisor", "viewer", "unit_staff_other", "commission_admin_other"]
)
def test_project_update_answer_refused(world: World, role: str) -> None:
    project = _in_progress(world)

    with pytest.raises(PermissionDenied):
        services.project_update(actor=world.users[role], project=project, version=1, goal="x")

    project.refresh_from_db()
    assert (project.goal, project.version) == ("中小学校食堂采购问题专项治理的治理目标", 1)


def test_published_project_answer_is_frozen(world: World) -> None:
    project = world.projects["published"]

    for role in ("unit_staff_lead", "commission_admin"):
        with pytest.raises(PermissionDenied):
            services.project_update(actor=world.users[role], project=project, version=1, goal="x")


# ---------------------------------------------------------------- transitions

ALL_STATES = [s.value for s in ProjectState]
# (action, role) → the states from which it is allowed; everything else is refused.
ALLOWED = {
    ("approve", "commission_admin"): {"draft"},
    ("start", "unit_staff_lead"): {"approved"},
    ("start", "commission_admin"): {"approved"},
    ("submit_outcomes", "unit_staff_lead"): {"in_progress"},
    ("submit_outcomes", "commission_admin"): {"in_progress"},
    ("return", "commission_admin"): {"outcomes_submitted"},
    ("publish", "commission_admin"): {"outcomes_submitted"},
    ("close", "commission_admin"): {"published"},
}
TARGET = {
    "approve": "approved",
    "start": "in_progress",
    "submit_outcomes": "outcomes_submitted",
    "return": "in_progress",
    "publish": "published",
    "close": "closed",
}
CASES = [
    (action, role, state)
    for action in TARGET
    for role in ("commission_admin", "unit_staff_lead", "supervisor", "viewer")
    for state in ALL_STATES
]


def _project_in(world: World, state: str) -> Project:
    project = _in_progress(world)
    services.outcomes_replace(project=project, outcomes=[OutcomeData("成果", "")])
    Project.objects.filter(pk=project.pk).update(state=state)
    project.refresh_from_db()
    return project


@pytest.mark.parametrize(("action", "role", "state"), CASES)
def test_project_transition(world: World, action: str, role: str, state: str) -> None:
    # given
    project = _project_in(world, state)
    allowed = state in ALLOWED.get((action, role), set())

    # when / then
    if allowed:
        services.project_transition(
            actor=world.users[role], project=project, action=action, version=1, reason="理由"
        )
        project.refresh_from_db()
        assert (project.state, project.version) == (TARGET[action], 2)
        [event] = _events(f"project.{action}")
        assert (event.before, event.after) == ({"state": state}, {"state": TARGET[action]})
        assert event.reason == "理由"
    else:
        with pytest.raises((PermissionDenied, ConflictError)):
            services.project_transition(
                actor=world.users[role], project=project, action=action, version=1, reason="理由"
            )
        project.refresh_from_db()
        assert (project.state, project.version) == (state, 1)
        assert _events(f"project.{action}") == []


@pytest.mark.parametrize(("action", "role", "state"), CASES)
def test_project_allowed_actions_match_the_transitions(
    world: World, action: str, role: str, state: str
) -> None:
    project = _project_in(world, state)

    actions = services.project_allowed_actions(user=world.users[role], project=project)

    assert (action in actions) == (state in ALLOWED.get((action, role), set()))


def test_return_needs_a_reason(world: World) -> None:
    project = _project_in(world, "outcomes_submitted")

    with pytest.raises(ApplicationError) as caught:
        services.project_transition(
            actor=world.users["commission_admin"], project=project, action="return", reason=" "
        )

    assert (caught.value.code, caught.value.field) == ("required", "reason")
    project.refresh_from_db()
    assert project.state == ProjectState.OUTCOMES_SUBMITTED


def test_submit_outcomes_needs_outcomes(world: World) -> None:
    project = _in_progress(world)

    with pytest.raises(ApplicationError) as caught:
        services.project_transition(
            actor=world.users["unit_staff_lead"], project=project, action="submit_outcomes"
        )

    assert (caught.value.code, caught.value.field) == ("no_outcomes", "outcomes")
    project.refresh_from_db()
    assert project.state == ProjectState.IN_PROGRESS


def test_transition_with_a_stale_version_conflicts(world: World) -> None:
    project = _project_in(world, "in_progress")
    Project.objects.filter(pk=project.pk).update(version=5)

    with pytest.raises(ConflictError) as caught:
        services.project_transition(
            actor=world.users["unit_staff_lead"],
            project=project,
            action="submit_outcomes",
            version=4,
        )

    assert caught.value.code == "stale"
    project.refresh_from_db()
    assert project.state == ProjectState.IN_PROGRESS


def test_transition_unknown_action(world: World) -> None:
    with pytest.raises(ApplicationError) as caught:
        services.project_transition(
            actor=world.users["commission_admin"], project=_in_progress(world), action="explode"
        )

    assert (caught.value.code, caught.value.field) == ("unknown_action", "action")


def test_the_other_district_cannot_transition(world: World) -> None:
    project = world.projects["draft"]

    with pytest.raises(PermissionDenied):
        services.project_transition(
            actor=world.users["commission_admin_other"], project=project, action="approve"
        )

    project.refresh_from_db()
    assert project.state == ProjectState.DRAFT


# ---------------------------------------------------------------- outcomes


def test_outcomes_save_numbers_items_and_records(world: World) -> None:
    project = _in_progress(world)

    services.project_outcomes_save(
        actor=world.users["unit_staff_lead"],
        project=project,
        version=1,
        outcomes=[OutcomeData(" 强化源头治理 ", "内容一"), OutcomeData("健全机制", "")],
    )

    assert [(o.position, o.headline, o.body) for o in project.outcomes.all()] == [
        (1, "强化源头治理", "内容一"),
        (2, "健全机制", ""),
    ]
    project.refresh_from_db()
    assert project.version == 2
    [event] = _events("project.outcomes_saved")
    assert (event.before, event.after) == (
        {"outcomes": []},
        {"outcomes": ["强化源头治理", "健全机制"]},
    )


def test_outcomes_save_reads_the_figures(world: World) -> None:
    project = _in_progress(world)

    services.project_outcomes_save(
        actor=world.users["unit_staff_lead"],
        project=project,
        version=1,
        outcomes=[OutcomeData("打击治理", "抓获犯罪嫌疑人136名，追赃挽损974.6万元。")],
    )

    values = {(m.value, m.unit) for m in Metric.objects.filter(project=project)}
    assert (Decimal("974.6"), "万元") in values
    assert all(m.outcome is not None for m in Metric.objects.filter(project=project))


def test_outcomes_save_headline_required_names_the_row(world: World) -> None:
    project = _in_progress(world)

    with pytest.raises(ApplicationError) as caught:
        services.project_outcomes_save(
            actor=world.users["unit_staff_lead"],
            project=project,
            version=1,
            outcomes=[OutcomeData("一", ""), OutcomeData(" ", "无标题")],
        )

    assert caught.value.field == "outcomes-1-headline"
    assert project.outcomes.count() == 0


def test_outcomes_save_stale_version_conflicts(world: World) -> None:
    project = _in_progress(world)
    unit = world.users["unit_staff_lead"]
    services.project_outcomes_save(
        actor=unit, project=project, version=1, outcomes=[OutcomeData("一", "")]
    )

    with pytest.raises(ConflictError):
        services.project_outcomes_save(
            actor=unit, project=project, version=1, outcomes=[OutcomeData("二", "")]
        )

    assert [o.headline for o in project.outcomes.all()] == ["一"]


def test_outcomes_save_without_change_is_a_no_op(world: World) -> None:
    project = _in_progress(world)
    unit = world.users["unit_staff_lead"]
    items = [OutcomeData("一", "内容")]
    services.project_outcomes_save(actor=unit, project=project, version=1, outcomes=items)

    services.project_outcomes_save(actor=unit, project=project, version=1, outcomes=items)

    assert len(_events("project.outcomes_saved")) == 1


@pytest.mark.parametrize("role", ["supervisor", "viewer", "unit_staff_other"])
def test_outcomes_save_refused(world: World, role: str) -> None:
    project = _in_progress(world)

    with pytest.raises(PermissionDenied):
        services.project_outcomes_save(
            actor=world.users[role], project=project, version=1, outcomes=[OutcomeData("x", "")]
        )

    assert project.outcomes.count() == 0


def test_outcomes_replace_writes_without_permission_or_event(world: World) -> None:
    # (shared with the importer, which checks permission itself)
    project = _in_progress(world)

    services.outcomes_replace(
        project=project, outcomes=[OutcomeData("一", ""), OutcomeData("二", "")]
    )
    services.outcomes_replace(project=project, outcomes=[OutcomeData("三", "")])

    assert [(o.position, o.headline) for o in project.outcomes.all()] == [(1, "三")]
    assert _events("project.outcomes_saved") == []


# ---------------------------------------------------------------- progress reports


def test_report_submit_then_revise(world: World) -> None:
    project = _in_progress(world)
    unit = world.users["unit_staff_lead"]

    services.progress_report_submit(
        actor=unit, project=project, month=date(2024, 5, 17), body=" 五月 "
    )
    report = services.progress_report_submit(
        actor=world.users["unit_admin_lead"],
        project=project,
        month=date(2024, 5, 1),
        body="五月（修订）",
    )

    assert list(ProgressReport.objects.values_list("month", "body")) == [
        (date(2024, 5, 1), "五月（修订）")
    ]
    assert report.submitted_by == world.users["unit_admin_lead"]
    assert [
        (e.action, e.after) for e in Event.objects.filter(action__startswith="project.report")
    ] == [
        ("project.report_submitted", {"month": "2024-05"}),
        ("project.report_revised", {"month": "2024-05"}),
    ]


def test_report_body_required(world: World) -> None:
    with pytest.raises(ApplicationError) as caught:
        services.progress_report_submit(
            actor=world.users["unit_staff_lead"],
            project=_in_progress(world),
            month=date(2024, 5, 1),
            body=" ",
        )

    assert (caught.value.code, caught.value.field) == ("required", "body")
    assert ProgressReport.objects.count() == 0


def test_report_for_a_future_month_refused(world: World) -> None:
    next_month = (timezone.localdate().replace(day=1) + timedelta(days=32)).replace(day=1)

    with pytest.raises(ApplicationError) as caught:
        services.progress_report_submit(
            actor=world.users["unit_staff_lead"],
            project=_in_progress(world),
            month=next_month,
            body="x",
        )

    assert (caught.value.code, caught.value.field) == ("future", "month")


@pytest.mark.parametrize(
    "role", ["supervisor", "viewer", "unit_staff_other", "commission_admin_other"]
)
def test_report_refused(world: World, role: str) -> None:
    with pytest.raises(PermissionDenied):
        services.progress_report_submit(
            actor=world.users[role], project=_in_progress(world), month=date(2024, 5, 1), body="x"
        )

    assert ProgressReport.objects.count() == 0
