from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from pytest_django import DjangoAssertNumQueries

from conftest import World, make_project
from kaimen.campaigns.models import (
    Campaign,
    CampaignState,
    Comparator,
    Metric,
    Outcome,
    ProgressReport,
    Project,
    ProjectState,
    Target,
    Theme,
)
from kaimen.campaigns.services import openness_policy_set
from kaimen.timeline.services import event_record

# ---------------------------------------------------------------- helpers


def the_campaign(world: World) -> Campaign:
    """The running 2024 定海 campaign of the test world."""
    assert world.campaign is not None
    return world.campaign


def add_outcome(project: Project, position: int, headline: str, body: str) -> Outcome:
    return Outcome.objects.create(project=project, position=position, headline=headline, body=body)


def add_metric(
    *,
    label: str,
    value: str,
    unit: str,
    source: str = "",
    project: Project | None = None,
    outcome: Outcome | None = None,
    campaign: Campaign | None = None,
    normalized: tuple[str, str] | None = None,
    position: int = 0,
) -> Metric:
    normalized_value, normalized_unit = normalized or (value, unit)
    return Metric.objects.create(
        campaign=campaign,
        project=outcome.project if outcome else project,
        outcome=outcome,
        position=position,
        label=label,
        value=Decimal(value),
        unit=unit,
        normalized_value=Decimal(normalized_value),
        normalized_unit=normalized_unit,
        source_text=source,
    )


def anti_fraud(world: World) -> Project:
    """The seeds' 电信网络诈骗专项治理, published, with outcomes, figures, targets and events."""
    project = world.projects["published"]
    project.title = "电信网络诈骗专项治理"
    project.theme = Theme.ANTI_FRAUD
    project.goal = "全力压降电信网络诈骗发案。"
    project.save()
    outcome = add_outcome(
        project,
        1,
        "侦查打击更加有力",
        "抓获涉诈犯罪嫌疑人136人，追赃974.6万元，打击成效显著。",
    )
    add_metric(
        label="抓获涉诈犯罪嫌疑人",
        value="136",
        unit="人",
        source="抓获涉诈犯罪嫌疑人136人",
        outcome=outcome,
        position=1,
    )
    add_metric(
        label="追赃",
        value="974.6",
        unit="万元",
        source="追赃974.6万元",
        outcome=outcome,
        normalized=("9746000", "元"),
        position=2,
    )
    Target.objects.create(
        project=project,
        position=1,
        label="抓获涉诈犯罪嫌疑人",
        target_value=100,
        unit="人",
        actual_value=136,
    )
    Target.objects.create(
        project=project,
        position=2,
        label="追赃挽损",
        target_value=1000,
        unit="万元",
        actual_value=Decimal("974.6"),
    )
    Target.objects.create(
        project=project,
        position=3,
        label="案件数同比",
        comparator=Comparator.AT_MOST,
        target_value=0,
        unit="%",
    )
    return project


# ---------------------------------------------------------------- home


def test_home_lists_public_campaigns_by_year_with_their_totals(world: World) -> None:
    # given an older campaign and the 2024 totals
    older = Campaign.objects.create(
        issuer=world.orgs["dh_jiwei"],
        year=2023,
        title="漠视侵害群众利益问题专项治理",
        state=CampaignState.PUBLISHED,
    )
    add_metric(label="督导检查", value="646", unit="次", campaign=the_campaign(world))

    other = world.other_campaign
    assert other is not None

    # when
    response = world.client_for("anonymous").get(reverse("portal:home"), {"year": "all"})

    # then
    assert response.status_code == 200
    assert [c.pk for c in response.context["campaigns"]] == [
        the_campaign(world).pk,
        other.pk,
        older.pk,
    ]
    assert response.context["years"] == [2024, 2023]
    html = response.content.decode()
    assert "群众点题" in html
    assert html.index("2024年") < html.index("2023年</h2>")
    assert '<span class="value">646</span><span class="unit">次</span>' in html
    assert "已公布 <strong>1</strong> 个项目的治理成果" in html
    assert reverse("portal:campaign_detail", args=[the_campaign(world).pk]) in html


def test_home_shows_a_running_campaign_like_the_others_with_its_size(world: World) -> None:
    # given 普陀's running campaign without totals: one project published, one in progress
    other = world.other_campaign
    assert other is not None

    # when
    html = world.client_for("anonymous").get(reverse("portal:home")).content.decode()

    # then its title says it is running, and instead of results it gives projects and units
    assert "普陀区纪委监委2024年普陀区专项治理（治理中）</a>" in html
    assert (
        '<dt>治理项目</dt><dd><span class="value">2</span><span class="unit">个</span></dd>' in html
    )
    assert (
        '<dt>牵头单位</dt><dd><span class="value">1</span><span class="unit">家</span></dd>' in html
    )
    assert "已公布 <strong>1</strong> 个项目的治理成果" in html


def test_home_fits_a_phone(world: World) -> None:
    html = world.client_for("anonymous").get(reverse("portal:home")).content.decode()

    # the four steps are linked tiles, two a row on a phone, four from md up; years wrap
    assert '<ol class="loop-steps list-unstyled row row-cols-2 row-cols-md-4 g-2 mb-0">' in html
    assert html.count('<a class="loop-step" href="') == 4
    assert '<ul class="nav nav-pills gap-1 flex-wrap">' in html


def test_home_steps_lead_to_their_part_of_the_loop(world: World) -> None:
    html = world.client_for("anonymous").get(reverse("portal:home")).content.decode()

    running = reverse("portal:campaign_detail", args=[the_campaign(world).pk])
    assert f'<a class="loop-step" href="{reverse("participation:call_list")}">' in html
    assert f'<a class="loop-step" href="{running}#projects-heading">' in html
    assert f'<a class="loop-step" href="{reverse("portal_site:oversight")}">' in html
    assert '#published-heading">' in html


def test_home_shows_the_latest_year_by_default(world: World) -> None:
    Campaign.objects.create(
        issuer=world.orgs["dh_jiwei"], year=2023, title="专项治理", state=CampaignState.PUBLISHED
    )

    response = world.client_for("anonymous").get(reverse("portal:home"))

    assert {c.year for c in response.context["campaigns"]} == {2024}
    assert response.context["selected_year"] == 2024
    assert 'href="?year=2023"' in response.content.decode()  # one click away
    assert 'href="?year=all"' in response.content.decode()


def test_home_filters_by_region_and_remembers_it(world: World) -> None:
    client = world.client_for("anonymous")
    putuo = world.orgs["putuo"]

    chosen = client.get(reverse("portal:home"), {"region": str(putuo.pk), "year": "all"})
    later = client.get(reverse("portal:home"), {"year": "all"})
    city = client.get(reverse("portal:home"), {"region": str(world.orgs["zhoushan"].pk)})
    cleared = client.get(reverse("portal:home"), {"region": "all", "year": "all"})

    assert world.other_campaign is not None
    assert [c.pk for c in chosen.context["campaigns"]] == [world.other_campaign.pk]
    assert chosen.cookies["kaimen_region"].value == str(putuo.pk)
    assert [c.pk for c in later.context["campaigns"]] == [world.other_campaign.pk]
    assert len(city.context["campaigns"]) == 2  # a city holds its districts
    assert len(cleared.context["campaigns"]) == 2
    assert cleared.cookies["kaimen_region"].value == ""
    assert '<option value="' + str(putuo.pk) + '" selected>　　普陀区</option>' in (
        later.content.decode()
    )


def test_home_pages_through_many_campaigns(world: World) -> None:
    for year in range(1990, 2015):
        Campaign.objects.create(
            issuer=world.orgs["dh_jiwei"],
            year=year,
            title="专项治理",
            state=CampaignState.PUBLISHED,
        )
    client = world.client_for("anonymous")

    first = client.get(reverse("portal:home"), {"year": "all"})
    second = client.get(reverse("portal:home"), {"year": "all", "page": "2"})
    beyond = client.get(reverse("portal:home"), {"year": "all", "page": "99"})

    assert len(first.context["campaigns"]) == 20
    assert len(second.context["campaigns"]) == 7
    assert "第 1 / 2 页" in first.content.decode()
    assert 'href="?year=all&amp;page=2"' in first.content.decode()
    assert [c.pk for c in beyond.context["campaigns"]] == [
        c.pk for c in second.context["campaigns"]
    ]


def test_home_filters_by_year(world: World) -> None:
    Campaign.objects.create(
        issuer=world.orgs["dh_jiwei"], year=2023, title="专项治理", state=CampaignState.PUBLISHED
    )

    response = world.client_for("anonymous").get(reverse("portal:home"), {"year": "2023"})

    assert [c.year for c in response.context["campaigns"]] == [2023]
    assert response.context["selected_year"] == 2023


def test_home_ignores_a_malformed_year(world: World) -> None:
    response = world.client_for("anonymous").get(reverse("portal:home"), {"year": "二〇二四"})

    assert response.status_code == 200
    assert response.context["selected_year"] is None
    assert len(response.context["campaigns"]) == 2


def test_home_says_so_when_a_year_has_nothing(world: World) -> None:
    response = world.client_for("anonymous").get(reverse("portal:home"), {"year": "2019"})

    assert "2019年暂无公开的专项治理。" in response.content.decode()


def test_home_hides_draft_campaigns_from_the_public(world: World) -> None:
    Campaign.objects.create(
        issuer=world.orgs["dh_jiwei"], year=2025, title="筹备", state=CampaignState.DRAFT
    )

    response = world.client_for("anonymous").get(reverse("portal:home"))

    assert 2025 not in response.context["years"]
    assert all(c.year != 2025 for c in response.context["campaigns"])


# ---------------------------------------------------------------- campaign page


def test_campaign_page_shows_title_intro_totals_and_published_projects(world: World) -> None:
    campaign = the_campaign(world)
    campaign.state = CampaignState.PUBLISHED
    campaign.intro = "共组织督导检查646次。\n推动建立和完善制度7项。"
    campaign.save()
    add_metric(label="督导检查", value="646", unit="次", campaign=campaign)

    response = world.client_for("anonymous").get(
        reverse("portal:campaign_detail", args=[campaign.pk])
    )

    html = response.content.decode()
    assert "定海区纪委监委公布2024年漠视侵害群众利益问题专项治理工作成果" in html
    assert "<p>共组织督导检查646次。</p><p>推动建立和完善制度7项。</p>" in html
    assert '<div class="label">督导检查</div>' in html
    assert [p.pk for p in response.context["published_projects"]] == [
        world.projects["published"].pk
    ]
    assert "中小学非教育教学事务进校园问题专项治理" in html
    assert "牵头单位：</span>定海区教育局" in html
    # the project still in progress is listed apart, as running work; the draft not at all
    assert [p.pk for p in response.context["running_projects"]] == [
        world.projects["in_progress"].pk
    ]
    assert (
        html.index("正在治理")
        < html.index("中小学校食堂采购问题专项治理")
        < html.index('id="published-heading"')
    )
    assert "电信网络诈骗专项治理" not in html


def test_campaign_page_numbers_projects_in_chinese(world: World) -> None:
    for position in range(4, 15):
        make_project(
            the_campaign(world),
            position,
            f"项目{position}",
            ProjectState.PUBLISHED,
            [world.orgs["dh_jiaoyu"]],
        )

    html = (
        world.client_for("anonymous")
        .get(reverse("portal:campaign_detail", args=[the_campaign(world).pk]))
        .content.decode()
    )

    assert '<span class="numeral-badge" aria-hidden="true">一</span>' in html
    assert '<span class="numeral-badge" aria-hidden="true">十二</span>' in html


def test_campaign_page_shows_staff_their_unpublished_projects(world: World) -> None:
    response = world.client_for("commission_admin").get(
        reverse("portal:campaign_detail", args=[the_campaign(world).pk])
    )

    assert [p.pk for p in response.context["published_projects"]] == [
        world.projects["published"].pk
    ]
    assert [p.pk for p in response.context["running_projects"]] == [
        world.projects["in_progress"].pk,
        world.projects["draft"].pk,
    ]
    assert (
        '<span class="badge rounded-pill text-bg-warning">草拟</span>' in response.content.decode()
    )


def test_campaign_page_of_a_draft_campaign_is_not_found_for_the_public(world: World) -> None:
    draft = Campaign.objects.create(
        issuer=world.orgs["dh_jiwei"], year=2025, title="筹备", state=CampaignState.DRAFT
    )

    response = world.client_for("anonymous").get(reverse("portal:campaign_detail", args=[draft.pk]))

    assert response.status_code == 404


# ---------------------------------------------------------------- project page


def test_project_page_shows_goal_targets_outcomes_and_figures(world: World) -> None:
    project = anti_fraud(world)

    response = world.client_for("anonymous").get(
        reverse("portal:project_detail", args=[project.pk])
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "电信网络诈骗专项治理</h1>" in html
    assert "定海区教育局" in html
    assert 'href="/themes/anti_fraud/"' in html  # the theme badge leads to the years' figures
    assert "反诈</span>" in html
    assert "<p>全力压降电信网络诈骗发案。</p>" in html
    assert "136%" in html
    assert "97%" in html
    assert html.count("已完成</span>") == 1
    assert html.count("未完成</span>") == 1
    assert html.count("待填报</span>") == 1
    assert '<span class="outcome-number">1.</span>侦查打击更加有力' in html
    assert '<mark class="figure-chip" title="抓获涉诈犯罪嫌疑人">136人</mark>' in html
    assert '<mark class="figure-chip" title="追赃">974.6万元</mark>' in html
    assert '<span class="value">974.6</span><span class="unit">万元</span>' in html
    assert "合 9,746,000 元" in html
    assert "该项目尚未公布" not in html


def test_project_page_timeline_shows_public_steps_by_organization_never_username(
    world: World,
) -> None:
    # given the project's history, internal steps included
    project = world.projects["published"]
    admin = world.users["commission_admin"]
    unit_user = world.users["unit_staff_lead"]
    issuer = world.orgs["dh_jiwei"]
    event_record(actor=admin, action="project.created", target=project, organization=issuer)
    event_record(actor=admin, action="project.approve", target=project, organization=issuer)
    event_record(
        actor=unit_user,
        action="project.report_submitted",
        target=project,
        organization=issuer,
        after={"month": "2024-05"},
    )
    event_record(
        actor=admin, action="project.return", target=project, organization=issuer, reason="数据不实"
    )
    event_record(actor=admin, action="project.publish", target=project, organization=issuer)

    # when
    response = world.client_for("anonymous").get(
        reverse("portal:project_detail", args=[project.pk])
    )

    # then
    timeline = response.context["timeline"]
    assert [(e.label, e.by, e.detail) for e in timeline] == [
        ("确定治理项目", "定海区纪委监委", ""),
        ("报送工作月报", "定海区教育局", "2024年5月"),
        ("成果公布", "定海区纪委监委", ""),
    ]
    html = response.content.decode()
    assert "commission_admin" not in html
    assert "unit_staff_lead" not in html
    assert "数据不实" not in html


def test_an_imported_project_says_its_timeline_entry_was_entered_later(world: World) -> None:
    # given a 2024 project imported from the published announcement today
    project = world.projects["published"]
    event_record(
        actor=world.users["commission_admin"],
        action="project.imported",
        target=project,
        organization=world.orgs["dh_jiwei"],
    )

    # when
    response = world.client_for("anonymous").get(
        reverse("portal:project_detail", args=[project.pk])
    )

    # then the entry names the 2024 results and shows today only as the entry date
    [entry] = response.context["timeline"]
    assert (entry.label, entry.detail, entry.entered) == (
        "2024年度治理成果",
        "根据已公布的成果公告录入",
        True,
    )
    html = response.content.decode()
    assert '<span class="d-block small text-body-secondary">系统录入</span>' in html
    assert "<strong>2024年度治理成果</strong>" in html
    assert "（根据已公布的成果公告录入，录入时间：<time " in html
    assert '<time class="d-block' not in html  # no date heading the entry as if it happened then


def test_unpublished_project_is_not_found_for_the_public(world: World) -> None:
    url = reverse("portal:project_detail", args=[world.projects["draft"].pk])

    assert world.client_for("anonymous").get(url).status_code == 404
    assert world.client_for("citizen").get(url).status_code == 404


def test_staff_in_scope_read_a_draft_project_with_a_notice(world: World) -> None:
    url = reverse("portal:project_detail", args=[world.projects["draft"].pk])

    response = world.client_for("unit_staff_other").get(url)

    assert response.status_code == 200
    assert "该项目尚未公布，仅您所在范围的工作人员可以看到本页。" in response.content.decode()


def test_the_public_reads_a_running_project_its_targets_and_reports_not_its_outcomes(
    world: World,
) -> None:
    # given a project in progress with a target, a monthly report and an outcome not yet published
    project = world.projects["in_progress"]
    Target.objects.create(
        project=project, label="食堂检查", target_value=10, unit="次", actual_value=4
    )
    ProgressReport.objects.create(
        project=project,
        month=date(2024, 5, 1),
        body="检查学校食堂12所。",
        next_steps="开展第二轮检查。",
        submitted_by=world.users["unit_staff_lead"],
    )
    Outcome.objects.create(project=project, position=1, headline="尚未公布的成果")
    url = reverse("portal:project_detail", args=[project.pk])

    # when anyone reads its page
    response = world.client_for("anonymous").get(url)

    # then it is public, marked as running work, with its progress but without the outcome
    assert response.status_code == 200
    html = response.content.decode()
    assert "该项目尚未公布" not in html
    assert "治理进行中" in html
    assert "量化指标及当前进度" in html
    assert 'value="40"' in html  # the bar: 4 of 10
    # mid-year, a target not reached yet is not a failure
    assert "尚未达到</span>" in html
    assert "未完成</span>" not in html
    assert "检查学校食堂12所。" in html
    assert "开展第二轮检查。" in html
    assert "尚未公布的成果" not in html
    assert "治理进行中，成果尚未公布。" in html
    # the lead unit reads its outcome on the same page
    staff_html = world.client_for("unit_staff_lead").get(url).content.decode()
    assert "尚未公布的成果" in staff_html


def test_a_commission_may_keep_its_monthly_reports_internal(world: World) -> None:
    project = world.projects["in_progress"]
    ProgressReport.objects.create(
        project=project,
        month=date(2024, 5, 1),
        body="检查学校食堂12所。",
        submitted_by=world.users["unit_staff_lead"],
    )
    openness_policy_set(
        actor=world.users["commission_admin"],
        commission=world.orgs["dh_jiwei"],
        projects_public_on_approval=True,
        progress_reports_public=False,
    )
    url = reverse("portal:project_detail", args=[project.pk])

    assert "检查学校食堂12所。" not in world.client_for("anonymous").get(url).content.decode()
    assert "检查学校食堂12所。" in world.client_for("unit_staff_lead").get(url).content.decode()


def test_staff_link_points_to_the_back_office_only_for_staff(world: World) -> None:
    url = reverse("portal:project_detail", args=[world.projects["published"].pk])

    public = world.client_for("anonymous").get(url)
    staff = world.client_for("commission_admin").get(url)

    assert public.context["staff_url"] is None
    try:
        expected = reverse("campaigns_staff:project_detail", args=[world.projects["published"].pk])
    except Exception:  # the back-office page is not there yet
        expected = None
    assert staff.context["staff_url"] == expected


# ---------------------------------------------------------------- query counts


def fill_campaign(world: World, count: int) -> Project:
    """`count` published projects in the 2024 campaign, each with an outcome, a figure, a target."""
    project = world.projects["published"]
    for position in range(2, count + 1):
        make_project(
            the_campaign(world),
            position + 10,
            f"项目{position}",
            ProjectState.PUBLISHED,
            [world.orgs["dh_jiaoyu"], world.orgs["dh_gongan"]],
        )
    for position in range(1, count + 1):
        outcome = add_outcome(project, position, f"成果{position}", f"检查{position}次。")
        add_metric(
            label="检查",
            value=str(position),
            unit="次",
            source=f"检查{position}次",
            outcome=outcome,
        )
        Target.objects.create(
            project=project,
            position=position,
            label=f"指标{position}",
            target_value=10,
            actual_value=position,
        )
        add_metric(
            label=f"总数{position}",
            value="1",
            unit="个",
            campaign=the_campaign(world),
            position=position,
        )
        event_record(
            actor=world.users["commission_admin"],
            action="project.publish",
            target=project,
            organization=world.orgs["dh_jiwei"],
        )
    return project


@pytest.mark.parametrize("role", ["anonymous", "commission_admin"])
@pytest.mark.parametrize("count", [1, 20])
def test_pages_take_a_constant_number_of_queries(
    world: World, django_assert_max_num_queries: DjangoAssertNumQueries, role: str, count: int
) -> None:
    project = fill_campaign(world, count)
    client = world.client_for(role)
    urls = {
        # signed-in users add session, user, memberships and the notification count
        # +1 for the region picker's regions, +1 for the page count, +1 for the newest
        # results announcements.
        "home": (reverse("portal:home"), 10),
        # 8: the last one asks whether a results announcement is published (publication app);
        # +7 for the commission's supervision figures (one per registered figure shown), +1 for
        # the signed-in user's notification count, +1 for the targets of the running projects.
        "campaign": (reverse("portal:campaign_detail", args=[the_campaign(world).pk]), 17),
        # +4 for the public's part (participation): source topics, ratings, surveys, publication
        # time; signed-in users add session, user, memberships and the notification count.
        # +1 for its published monthly reports, +1 for the targets' monthly values (the curve).
        "project": (reverse("portal:project_detail", args=[project.pk]), 17),
    }
    for url, limit in urls.values():
        with django_assert_max_num_queries(limit):
            response = client.get(url)
        assert response.status_code == 200
