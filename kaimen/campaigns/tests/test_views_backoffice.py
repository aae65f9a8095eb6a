"""The staff back office for campaigns and projects, driven through the Django client."""

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from conftest import World
from kaimen.campaigns import services
from kaimen.campaigns.models import (
    Campaign,
    CampaignState,
    Metric,
    OpennessPolicy,
    Outcome,
    ProgressReport,
    Project,
    ProjectState,
)
from kaimen.campaigns.presentation import outcome_rows, report_month_due
from kaimen.campaigns.services import OutcomeData, TargetData
from kaimen.orgs.models import Level, OrganizationKind
from kaimen.orgs.services import organization_create
from kaimen.timeline.models import Event


def _url(name: str, *args: Any) -> str:
    return reverse(f"campaigns_staff:{name}", args=args)


def _answer_data(project: Project, **extra: str) -> dict[str, str]:
    data = {
        "version": str(project.version),
        "goal": "食堂采购全部公开招标",
        "plan": "一、排查\n二、整治",
        "targets-TOTAL_FORMS": "3",
        "targets-INITIAL_FORMS": "0",
        "targets-MIN_NUM_FORMS": "0",
        "targets-MAX_NUM_FORMS": "50",
        "targets-0-label": "公开招标覆盖率",
        "targets-0-comparator": "ge",
        "targets-0-target_value": "100",
        "targets-0-unit": "%",
        "targets-1-label": "开展财务审计",
        "targets-1-comparator": "ge",
        "targets-1-target_value": "60",
        "targets-1-unit": "所",
        "targets-1-actual_value": "71",
        "targets-2-label": "餐费结余率",
        "targets-2-comparator": "le",
        "targets-2-target_value": "5",
        "targets-2-unit": "%",
    }
    data.update(extra)
    return data


def _outcome_data(project: Project, items: list[tuple[str, str]]) -> dict[str, str]:
    data = {
        "version": str(project.version),
        "outcomes-TOTAL_FORMS": str(len(items)),
        "outcomes-INITIAL_FORMS": "0",
        "outcomes-MIN_NUM_FORMS": "0",
        "outcomes-MAX_NUM_FORMS": "100",
    }
    for index, (headline, body) in enumerate(items):
        data[f"outcomes-{index}-headline"] = headline
        data[f"outcomes-{index}-body"] = body
    return data


# ---------------------------------------------------------------- staff home


def test_home_tells_the_lead_unit_what_is_next(world: World) -> None:
    # given the unit's in-progress project has a goal but no targets, report or outcomes
    client = world.client_for("unit_staff_lead")

    # when
    response = client.get(reverse("backoffice:home"))

    # then
    content = response.content.decode()
    assert response.status_code == 200
    assert "定海区教育局 · 单位工作人员" in content
    assert "中小学校食堂采购问题专项治理" in content
    assert "待填写治理目标" in content
    assert "待报送2024年12月月报" in content  # the 2024 campaign's last month, never 2026's
    assert f"待报送{timezone.localdate().month}月月报" not in content
    assert "电信网络诈骗专项治理" not in content  # another unit's project


def test_home_of_the_commission_admin_lists_its_district_only(world: World) -> None:
    response = world.client_for("commission_admin").get(reverse("backoffice:home"))

    content = response.content.decode()
    assert "电信网络诈骗专项治理" in content
    assert "待确定项目" in content
    assert "养老服务补贴发放问题专项治理" not in content  # 普陀's
    assert "新建年度专项治理" in content


# ---------------------------------------------------------------- campaigns


def test_campaign_list_shows_campaigns_in_scope(world: World) -> None:
    response = world.client_for("commission_admin").get(_url("campaign_list"))

    assert list(response.context["campaigns"]) == [world.campaign]
    assert response.context["can_create"] is True


def test_campaign_list_offers_no_creation_to_a_unit(world: World) -> None:
    response = world.client_for("unit_staff_lead").get(_url("campaign_list"))

    assert response.context["can_create"] is False
    assert "新建年度专项治理" not in response.content.decode()


def test_campaign_create_offers_only_commissions_administered(world: World) -> None:
    response = world.client_for("commission_admin").get(_url("campaign_create"))

    assert list(response.context["form"].fields["issuer"].queryset) == [world.orgs["dh_jiwei"]]


def test_campaign_create_creates_and_redirects(world: World) -> None:
    client = world.client_for("commission_admin")

    response = client.post(
        _url("campaign_create"),
        {
            "issuer": world.orgs["dh_jiwei"].pk,
            "year": "2025",
            "title": "2025年专项治理",
            "intro": "",
        },
    )

    campaign = Campaign.objects.get(issuer=world.orgs["dh_jiwei"], year=2025)
    assert response.status_code == 302
    assert response["Location"] == _url("campaign_detail", campaign.pk)
    assert campaign.state == CampaignState.DRAFT
    assert campaign.title == "2025年专项治理"


def test_campaign_create_twice_for_a_year_names_the_year(world: World) -> None:
    client = world.client_for("commission_admin")

    response = client.post(
        _url("campaign_create"),
        {"issuer": world.orgs["dh_jiwei"].pk, "year": "2024", "title": "重复", "intro": ""},
    )

    assert response.status_code == 200
    assert "2024 年度专项治理已存在" in response.context["form"].errors["year"][0]
    assert Campaign.objects.filter(issuer=world.orgs["dh_jiwei"]).count() == 1


def test_campaign_update_with_a_stale_version_keeps_the_input(world: World) -> None:
    # given a colleague saved the campaign after this form was read
    assert world.campaign is not None
    services.campaign_update(
        actor=world.users["commission_admin"],
        campaign=world.campaign,
        version=1,
        title="同事的标题",
        intro="",
    )

    # when
    response = world.client_for("commission_admin").post(
        _url("campaign_update", world.campaign.pk),
        {"version": "1", "title": "我的标题", "intro": "我的导语"},
    )

    # then
    content = response.content.decode()
    assert response.status_code == 200
    assert "保存冲突" in content
    assert "我的导语" in content
    assert response.context["conflict"] is True
    world.campaign.refresh_from_db()
    assert world.campaign.title == "同事的标题"


def test_campaign_update_overwrite_after_conflict_is_deliberate(world: World) -> None:
    assert world.campaign is not None
    services.campaign_update(
        actor=world.users["commission_admin"],
        campaign=world.campaign,
        version=1,
        title="同事的标题",
        intro="",
    )

    response = world.client_for("commission_admin").post(
        _url("campaign_update", world.campaign.pk),
        {"version": "1", "overwrite": "2", "title": "我的标题", "intro": ""},
    )

    assert response.status_code == 302
    world.campaign.refresh_from_db()
    assert world.campaign.title == "我的标题"


def test_campaign_update_is_refused_to_the_supervisor(world: World) -> None:
    assert world.campaign is not None

    response = world.client_for("supervisor").post(
        _url("campaign_update", world.campaign.pk),
        {"version": "1", "title": "改", "intro": ""},
    )

    assert response.status_code == 403
    world.campaign.refresh_from_db()
    assert world.campaign.title == "漠视侵害群众利益问题专项治理"


def test_campaign_start_from_draft(world: World) -> None:
    campaign = services.campaign_create(
        actor=world.users["commission_admin"], issuer=world.orgs["dh_jiwei"], year=2025, title="新"
    )

    response = world.client_for("commission_admin").post(
        _url("campaign_transition", campaign.pk), {"action": "start"}
    )

    assert response.status_code == 302
    campaign.refresh_from_db()
    assert campaign.state == CampaignState.RUNNING


def test_draft_campaign_is_hidden_from_the_other_district(world: World) -> None:
    campaign = services.campaign_create(
        actor=world.users["commission_admin"], issuer=world.orgs["dh_jiwei"], year=2025, title="新"
    )

    response = world.client_for("commission_admin_other").get(_url("campaign_detail", campaign.pk))

    assert response.status_code == 404


# ---------------------------------------------------------------- projects (commission)


def test_project_create_assigns_lead_units_and_double_submit_is_harmless(world: World) -> None:
    assert world.campaign is not None
    client = world.client_for("commission_admin")
    data = {
        "title": "农村饮用水问题专项治理",
        "theme": "environment",
        "lead_units": [world.orgs["dh_jiaoyu"].pk],
    }

    first = client.post(_url("project_create", world.campaign.pk), data)
    second = client.post(_url("project_create", world.campaign.pk), data)

    projects = Project.objects.filter(campaign=world.campaign, title="农村饮用水问题专项治理")
    assert projects.count() == 1
    project = projects.get()
    assert first.status_code == 302
    assert first["Location"] == _url("project_detail", project.pk)
    assert [u.name for u in project.lead_units.all()] == ["定海区教育局"]
    assert second.status_code == 200
    assert "已有名为" in second.context["form"].errors["title"][0]


def test_project_create_offers_units_of_the_jurisdiction_only(world: World) -> None:
    assert world.campaign is not None
    town = organization_create(
        name="城东街道", kind=OrganizationKind.TOWN, level=Level.TOWN, parent=world.orgs["dinghai"]
    )
    organization_create(
        name="城东社区", kind=OrganizationKind.COMMUNITY, level=Level.VILLAGE, parent=town
    )

    response = world.client_for("commission_admin").get(_url("project_create", world.campaign.pk))

    names = [o.name for o in response.context["form"].fields["lead_units"].queryset]
    assert names == ["定海区公安分局", "定海区教育局", "城东街道"]  # no commission, no community
    html = response.content.decode()
    assert 'for=""' not in html
    assert '<legend class="form-label fw-semibold fs-6">牵头单位</legend>' in html
    assert html.index('<div class="choice-group-heading"') < html.index("定海区公安分局")
    assert html.index(">乡镇（街道）</div>") < html.index("城东街道")
    assert "data-choice-filter=" not in html  # three units need no filter box


def test_a_long_unit_list_gets_a_filter_box(world: World) -> None:
    assert world.campaign is not None
    for index in range(12):
        organization_create(
            name=f"定海区部门{index:02d}",
            kind=OrganizationKind.DEPARTMENT,
            level=Level.COUNTY,
            parent=world.orgs["dinghai"],
        )

    response = world.client_for("commission_admin").get(_url("project_create", world.campaign.pk))

    html = response.content.decode()
    assert 'data-choice-filter="id_lead_units"' in html
    assert 'aria-label="筛选牵头单位"' in html


def test_project_page_shows_the_admin_the_allowed_actions_only(world: World) -> None:
    response = world.client_for("commission_admin").get(
        _url("project_detail", world.projects["draft"].pk)
    )

    assert [a[0] for a in response.context["actions"]] == ["approve"]
    assert "确定项目" in response.content.decode()


def test_approve_then_the_unit_sees_its_new_project(world: World) -> None:
    project = world.projects["draft"]

    response = world.client_for("commission_admin").post(
        _url("project_transition", project.pk), {"action": "approve", "version": project.version}
    )

    project.refresh_from_db()
    assert response.status_code == 302
    assert project.state == ProjectState.APPROVED
    home = world.client_for("unit_staff_other").get(reverse("backoffice:home"))
    assert "电信网络诈骗专项治理" in home.content.decode()
    assert "待启动治理" in home.content.decode()


def test_approve_twice_is_harmless(world: World) -> None:
    project = world.projects["draft"]
    client = world.client_for("commission_admin")
    data = {"action": "approve", "version": str(project.version)}

    client.post(_url("project_transition", project.pk), data)
    response = client.post(_url("project_transition", project.pk), data, follow=True)

    project.refresh_from_db()
    assert project.state == ProjectState.APPROVED
    assert "该操作已完成" in response.content.decode()
    assert Event.objects.filter(action="project.approve").count() == 1


def test_return_needs_a_reason_and_shows_it_to_the_unit(world: World) -> None:
    project = world.projects["in_progress"]
    services.project_outcomes_save(
        actor=world.users["unit_staff_lead"],
        project=project,
        version=project.version,
        outcomes=[OutcomeData("成果一", "内容")],
    )
    services.project_transition(
        actor=world.users["unit_staff_lead"], project=project, action="submit_outcomes"
    )
    client = world.client_for("commission_admin")

    refused = client.post(
        _url("project_transition", project.pk), {"action": "return", "reason": " "}
    )
    project.refresh_from_db()
    assert refused.status_code == 302
    assert project.state == ProjectState.OUTCOMES_SUBMITTED

    client.post(
        _url("project_transition", project.pk), {"action": "return", "reason": "数据缺少来源"}
    )
    project.refresh_from_db()
    assert project.state == ProjectState.IN_PROGRESS
    page = world.client_for("unit_staff_lead").get(_url("project_detail", project.pk))
    assert "成果被退回修改" in page.content.decode()
    assert "数据缺少来源" in page.content.decode()


def test_the_unit_cannot_approve(world: World) -> None:
    project = world.projects["in_progress"]

    response = world.client_for("unit_staff_lead").post(
        _url("project_transition", project.pk), {"action": "publish"}
    )

    project.refresh_from_db()
    assert response.status_code == 403
    assert project.state == ProjectState.IN_PROGRESS


def test_project_manage_changes_lead_units(world: World) -> None:
    project = world.projects["draft"]

    response = world.client_for("commission_admin").post(
        _url("project_manage", project.pk),
        {
            "version": str(project.version),
            "title": project.title,
            "theme": "anti_fraud",
            "lead_units": [world.orgs["dh_gongan"].pk, world.orgs["dh_jiaoyu"].pk],
        },
    )

    project.refresh_from_db()
    assert response.status_code == 302
    assert project.theme == "anti_fraud"
    assert {u.name for u in project.lead_units.all()} == {"定海区公安分局", "定海区教育局"}


def test_the_unit_cannot_manage_its_project(world: World) -> None:
    project = world.projects["in_progress"]

    response = world.client_for("unit_staff_lead").get(_url("project_manage", project.pk))

    assert response.status_code == 403


# ---------------------------------------------------------------- the lead unit's answer


def test_unit_saves_goal_plan_and_targets_together(world: World) -> None:
    project = world.projects["in_progress"]

    response = world.client_for("unit_staff_lead").post(
        _url("project_answer", project.pk), _answer_data(project)
    )

    project.refresh_from_db()
    assert response.status_code == 302
    assert project.goal == "食堂采购全部公开招标"
    assert project.plan == "一、排查\n二、整治"
    assert [
        (t.label, t.comparator, t.target_value, t.actual_value) for t in project.targets.all()
    ] == [
        ("公开招标覆盖率", "ge", Decimal(100), None),
        ("开展财务审计", "ge", Decimal(60), Decimal(71)),
        ("餐费结余率", "le", Decimal(5), None),
    ]
    page = world.client_for("unit_staff_lead").get(_url("project_detail", project.pk))
    assert "118%" in page.content.decode()


def test_a_target_without_value_is_named_and_nothing_is_saved(world: World) -> None:
    project = world.projects["in_progress"]

    response = world.client_for("unit_staff_lead").post(
        _url("project_answer", project.pk), _answer_data(project, **{"targets-1-target_value": ""})
    )

    project.refresh_from_db()
    assert response.status_code == 200
    assert response.context["formset"].forms[1].errors["target_value"] == ["请填写目标值。"]
    assert project.goal == "中小学校食堂采购问题专项治理的治理目标"
    assert project.targets.count() == 0


def test_a_stale_answer_shows_a_conflict_and_keeps_the_input(world: World) -> None:
    # given a colleague saved the goal after this form was read at version 1
    project = world.projects["in_progress"]
    services.project_update(
        actor=world.users["unit_admin_lead"], project=project, version=1, goal="同事的目标"
    )

    # when
    response = world.client_for("unit_staff_lead").post(
        _url("project_answer", project.pk), _answer_data(project, version="1", goal="我的目标")
    )

    # then
    content = response.content.decode()
    assert response.status_code == 200
    assert "保存冲突" in content
    assert "我的目标" in content
    assert "同事的目标" in content  # shown for comparison
    project.refresh_from_db()
    assert project.goal == "同事的目标"
    assert project.targets.count() == 0


def test_a_repeated_answer_is_not_a_conflict(world: World) -> None:
    project = world.projects["in_progress"]
    client = world.client_for("unit_staff_lead")
    data = _answer_data(project)

    client.post(_url("project_answer", project.pk), data)
    again = client.post(_url("project_answer", project.pk), data)

    assert again.status_code == 302
    assert Event.objects.filter(action="project.updated").count() == 1


def test_the_viewer_reads_but_cannot_answer(world: World) -> None:
    project = world.projects["in_progress"]
    client = world.client_for("viewer")

    page = client.get(_url("project_detail", project.pk))
    refused = client.post(_url("project_answer", project.pk), _answer_data(project))

    assert page.status_code == 200
    assert page.context["actions"] == []
    assert page.context["can_answer"] is False
    assert "填写目标与指标" not in page.content.decode()
    assert refused.status_code == 403
    project.refresh_from_db()
    assert project.targets.count() == 0


def test_another_district_gets_404_for_an_unpublished_project(world: World) -> None:
    response = world.client_for("commission_admin_other").get(
        _url("project_detail", world.projects["in_progress"].pk)
    )

    assert response.status_code == 404


def test_report_form_defaults_to_the_month_due_within_the_campaign_year(world: World) -> None:
    # given the 2024 project, today being after 2024
    assert timezone.localdate().year > 2024

    response = world.client_for("unit_staff_lead").get(
        _url("report_submit", world.projects["in_progress"].pk)
    )

    assert 'value="2024-12"' in response.content.decode()


def test_report_resubmitted_for_a_month_revises_it(world: World) -> None:
    project = world.projects["in_progress"]
    client = world.client_for("unit_staff_lead")

    client.post(_url("report_submit", project.pk), {"month": "2024-05", "body": "排查52所学校"})
    response = client.post(
        _url("report_submit", project.pk), {"month": "2024-05", "body": "排查52所学校，整改9个"}
    )

    assert response.status_code == 302
    assert list(ProgressReport.objects.filter(project=project).values_list("month", "body")) == [
        (date(2024, 5, 1), "排查52所学校，整改9个")
    ]


def test_report_with_a_bad_month_names_the_month(world: World) -> None:
    response = world.client_for("unit_staff_lead").post(
        _url("report_submit", world.projects["in_progress"].pk), {"month": "2024-13", "body": "x"}
    )

    assert response.status_code == 200
    assert "month" in response.context["form"].errors
    assert ProgressReport.objects.count() == 0


def test_outcomes_saved_then_submitted(world: World) -> None:
    project = world.projects["in_progress"]
    client = world.client_for("unit_staff_lead")

    saved = client.post(
        _url("project_outcomes", project.pk),
        _outcome_data(
            project, [("强化源头治理", "查处问题136个"), ("健全长效机制", "出台制度3项")]
        ),
    )
    project.refresh_from_db()
    submitted = client.post(
        _url("project_transition", project.pk),
        {"action": "submit_outcomes", "version": str(project.version)},
    )

    project.refresh_from_db()
    assert saved.status_code == 302
    assert submitted.status_code == 302
    assert [o.headline for o in project.outcomes.all()] == ["强化源头治理", "健全长效机制"]
    assert project.state == ProjectState.OUTCOMES_SUBMITTED


def test_an_outcome_without_headline_is_named(world: World) -> None:
    project = world.projects["in_progress"]

    response = world.client_for("unit_staff_lead").post(
        _url("project_outcomes", project.pk), _outcome_data(project, [("", "只有内容")])
    )

    assert response.status_code == 200
    assert response.context["formset"].forms[0].errors["headline"] == ["请填写成果标题。"]
    assert project.outcomes.count() == 0


def test_stale_outcomes_show_a_conflict(world: World) -> None:
    project = world.projects["in_progress"]
    services.project_outcomes_save(
        actor=world.users["unit_admin_lead"],
        project=project,
        version=1,
        outcomes=[OutcomeData("同事的成果", "")],
    )

    response = world.client_for("unit_staff_lead").post(
        _url("project_outcomes", project.pk),
        {**_outcome_data(project, [("我的成果", "")]), "version": "1"},
    )

    assert response.status_code == 200
    assert "保存冲突" in response.content.decode()
    assert "我的成果" in response.content.decode()
    assert [o.headline for o in project.outcomes.all()] == ["同事的成果"]


def test_project_page_shows_targets_reports_outcomes_and_timeline(world: World) -> None:
    project = world.projects["in_progress"]
    unit = world.users["unit_staff_lead"]
    services.project_update(
        actor=unit,
        project=project,
        version=project.version,
        targets=[TargetData("新建充电桩", "ge", Decimal(60), "个", Decimal(71))],
    )
    services.progress_report_submit(
        actor=unit, project=project, month=date(2024, 5, 1), body="五月进展"
    )

    response = world.client_for("supervisor").get(_url("project_detail", project.pk))

    content = response.content.decode()
    assert "新建充电桩" in content
    assert "≥ 60个" in content
    assert "2024年5月" in content
    assert "五月进展" in content
    assert "报送工作月报" in content  # the timeline, in Chinese
    assert "unit_staff_lead" in content


@pytest.mark.parametrize(
    "role", ["supervisor", "viewer", "unit_staff_other", "commission_admin_other"]
)
def test_only_answerers_submit_reports(world: World, role: str) -> None:
    response = world.client_for(role).post(
        _url("report_submit", world.projects["in_progress"].pk), {"month": "2024-05", "body": "x"}
    )

    assert response.status_code in (403, 404)
    assert ProgressReport.objects.count() == 0


# ---------------------------------------------------------------- presentation helpers


def test_outcome_rows_show_each_figure_as_written(world: World) -> None:
    # given an outcome whose figures put 余 before and after the multiplier
    project = world.projects["published"]
    outcome = Outcome.objects.create(project=project, position=1, headline="宣传", body="")
    for position, (label, value, unit, source) in enumerate(
        [
            ("发放宣传资料", "60", "万份", "发放宣传资料60万余份"),
            ("避免群众损失", "5000", "万元", "避免群众损失5000余万元"),
            ("培训", "1200", "人次", "培训1200余人次"),
        ]
    ):
        Metric.objects.create(
            project=project,
            outcome=outcome,
            position=position,
            label=label,
            value=Decimal(value),
            unit=unit,
            normalized_value=Decimal(value),
            normalized_unit=unit,
            qualifier="余",
            source_text=source,
        )

    # when
    rows = outcome_rows(project)

    # then
    assert rows == [
        (outcome, ["发放宣传资料 60万余份", "避免群众损失 5000余万元", "培训 1200余人次"])
    ]


def _report(project: Project, world: World, month: date) -> None:
    ProgressReport.objects.create(
        project=project, month=month, body="进展", submitted_by=world.users["unit_staff_lead"]
    )


def test_report_month_due_stays_within_the_campaign_year(world: World) -> None:
    # given the 2024 project in progress
    project = world.projects["in_progress"]

    # then: during 2024 the current month, afterwards December 2024, before 2024 nothing
    assert report_month_due(project, date(2024, 5, 20)) == date(2024, 5, 1)
    assert report_month_due(project, date(2026, 11, 22)) == date(2024, 12, 1)
    assert report_month_due(project, date(2023, 12, 1)) is None


def test_report_month_due_is_settled_by_that_months_report(world: World) -> None:
    project = world.projects["in_progress"]
    _report(project, world, date(2024, 11, 1))
    assert report_month_due(project, date(2026, 11, 22)) == date(2024, 12, 1)

    _report(project, world, date(2024, 12, 1))
    assert report_month_due(project, date(2026, 11, 22)) is None


def test_no_report_is_due_once_the_outcomes_are_submitted(world: World) -> None:
    project = world.projects["in_progress"]
    project.state = ProjectState.OUTCOMES_SUBMITTED
    project.save()

    assert report_month_due(project, date(2024, 5, 20)) is None


# ---------------------------------------------------------------- openness


def test_the_commission_chooses_what_of_its_running_year_is_public(world: World) -> None:
    # given the commission's admin on its campaign page: all open by default
    assert world.campaign is not None
    admin = world.client_for("commission_admin")
    page = admin.get(_url("campaign_detail", world.campaign.pk)).content.decode()
    assert (
        'name="projects_public_on_approval" class="form-check-input" id="id_projects_public_on_approval" checked'
        in page
    )

    # when it keeps its running projects internal
    response = admin.post(_url("openness_policy", world.campaign.pk), {})

    # then it is saved with an Event, and the public no longer reads the running project
    assert response.status_code == 302
    policy = OpennessPolicy.objects.get(commission=world.orgs["dh_jiwei"])
    assert (policy.projects_public_on_approval, policy.progress_reports_public) == (False, False)
    event = Event.objects.get(action="campaigns.openness_policy_set")
    assert event.after == {"projects_public_on_approval": False, "progress_reports_public": False}
    url = reverse("portal:project_detail", args=[world.projects["in_progress"].pk])
    assert world.client_for("anonymous").get(url).status_code == 404


def test_only_the_commission_admin_sets_the_openness(world: World) -> None:
    assert world.campaign is not None
    url = _url("openness_policy", world.campaign.pk)

    assert world.client_for("supervisor").post(url, {}).status_code == 403
    assert world.client_for("unit_staff_lead").post(url, {}).status_code == 403
    assert not OpennessPolicy.objects.exists()
    page = world.client_for("supervisor").get(_url("campaign_detail", world.campaign.pk))
    assert "projects_public_on_approval" not in page.content.decode()
