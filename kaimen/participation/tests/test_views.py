"""Pages of 群众点题 and 社会评价: forms name their fields, free text comes back escaped."""

from typing import Any

import pytest
from django.urls import reverse

from conftest import World
from kaimen.participation import services
from kaimen.participation.models import Evaluation, Rating, Topic, TopicState
from kaimen.participation.selectors import project_satisfaction
from kaimen.participation.tests import factories as f

XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'
ESCAPED = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;"


def test_proposing_shows_the_error_next_to_the_region(world: World) -> None:
    client = world.client_for("citizen")
    url = reverse("participation:propose", args=[f.open_call(world).pk])

    response = client.post(url, {"title": "标题", "description": "描述", "category": "other"})

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["region"]
    assert Topic.objects.count() == 0


def test_a_proposal_lands_on_its_page(world: World) -> None:
    client = world.client_for("citizen")
    url = reverse("participation:propose", args=[f.open_call(world).pk])
    data = {"title": "路灯不亮", "description": "坏了半年", "region": world.orgs["dinghai"].pk}

    response = client.post(url, {**data, "category": "other"}, follow=True)

    topic = Topic.objects.get()
    assert response.redirect_chain == [
        (reverse("participation:topic_detail", args=[topic.pk]), 302)
    ]
    assert "该问题正在审核" in response.content.decode()


def test_similar_topics_are_suggested_while_typing(world: World) -> None:
    f.published_topic(world)
    url = reverse("participation:similar", args=[f.open_call(world).pk])

    response = world.client_for("anonymous").get(url, {"title": "小区电梯老是故障"})

    assert "老旧小区电梯频繁故障维修难" in response.content.decode()


def test_support_by_htmx_returns_the_new_count(world: World) -> None:
    topic = f.published_topic(world)

    response = world.client_for("citizen").post(
        reverse("participation:support", args=[topic.pk]), headers={"HX-Request": "true"}
    )

    page = response.content.decode()
    assert "<strong>1</strong>" in page
    assert "已支持" in page


def test_anonymous_support_goes_to_login_then_back_to_the_topic(world: World) -> None:
    topic = f.published_topic(world)

    response = world.client_for("anonymous").post(reverse("participation:support", args=[topic.pk]))

    assert response.status_code == 302
    assert response["Location"] == (f"{reverse('accounts:login')}?next=%2Ftopics%2F{topic.pk}%2F")


def test_mine_lists_own_topics_and_ratings(world: World) -> None:
    f.submitted_topic(world)
    services.evaluation_submit(
        actor=world.users["citizen"], project=world.projects["published"], rating=Rating.SATISFIED
    )

    page = world.client_for("citizen").get(reverse("participation:mine")).content.decode()

    assert "农贸市场缺斤短两" in page
    assert "待审核" in page
    assert world.projects["published"].title in page


def test_the_project_page_shows_rate_n_and_method(world: World) -> None:
    project = world.projects["published"]
    services.evaluation_submit(actor=world.users["citizen"], project=project, rating="satisfied")
    services.evaluation_submit(actor=f.other_citizen(world), project=project, rating="dissatisfied")

    page = (
        world.client_for("anonymous")
        .get(reverse("portal:project_detail", args=[project.pk]))
        .content.decode()
    )

    assert "50.0%" in page or "50%" in page
    assert "n = 2" in page
    assert "满意率 =（满意 + 基本满意）÷ 全部评价" in page


def test_satisfaction_rate_rounds_to_one_decimal(world: World) -> None:
    project = world.projects["published"]
    for index, rating in enumerate(["satisfied", "basically_satisfied", "dissatisfied"]):
        Evaluation.objects.create(
            project=project, citizen=f.make_citizen(index), rating=rating, comment=""
        )

    satisfaction = project_satisfaction(project)

    assert (satisfaction.n, str(satisfaction.rate)) == (3, "66.7")


def test_the_project_page_links_its_source_topic(world: World) -> None:
    topic = f.published_topic(world)
    Topic.objects.filter(pk=topic.pk).update(
        state=TopicState.SELECTED, project=world.projects["published"]
    )

    page = (
        world.client_for("anonymous")
        .get(reverse("portal:project_detail", args=[world.projects["published"].pk]))
        .content.decode()
    )

    assert "来源：群众点题" in page
    assert reverse("participation:topic_detail", args=[topic.pk]) in page


def test_staff_screen_and_select_from_the_topic_page(world: World) -> None:
    topic = f.published_topic(world)
    client = world.client_for("commission_admin")

    response = client.post(
        reverse("participation_staff:topic_select", args=[topic.pk]),
        {
            "campaign": world.campaign.pk,  # type: ignore[union-attr]
            "title": "电梯维修专项治理",
            "theme": "housing",
            "lead_units": [world.orgs["dh_jiaoyu"].pk],
        },
    )

    topic.refresh_from_db()
    assert response.status_code == 302
    assert topic.state == TopicState.SELECTED
    assert topic.project is not None
    assert topic.project.title == "电梯维修专项治理"


def test_decline_without_reason_names_the_field(world: World) -> None:
    topic = f.submitted_topic(world)

    response = world.client_for("commission_admin").post(
        reverse("participation_staff:topic_decline", args=[topic.pk]), {"reason": ""}
    )

    assert response.status_code == 400
    assert list(response.context["decline_form"].errors) == ["reason"]


# ---------------------------------------------------------------- XSS


@pytest.fixture
def hostile(world: World) -> dict[str, Any]:
    """Every free-text field of the app filled with a script payload."""
    topic = f.topic(world, TopicState.PUBLISHED, title=f"标题{XSS}"[:100], description=XSS)
    declined = f.submitted_topic(world)
    call = f.open_call(world)
    call.intro = XSS
    call.title = f"征集{XSS}"
    call.save()
    admin = world.users["commission_admin"]
    services.topic_answer(actor=admin, topic=topic, answer=XSS, organization=world.orgs["dh_jiwei"])
    services.topic_decline(actor=admin, topic=declined, reason=XSS)
    evaluation = services.evaluation_submit(
        actor=world.users["citizen"],
        project=world.projects["published"],
        rating="satisfied",
        comment=XSS,
    )[0]
    return {"call": call, "topic": topic, "declined": declined, "evaluation": evaluation}


def _pages(world: World, objs: dict[str, Any]) -> list[tuple[str, str]]:
    return [
        ("anonymous", reverse("participation:call_list")),
        ("anonymous", reverse("participation:call_detail", args=[objs["call"].pk])),
        (
            "anonymous",
            reverse("participation:call_detail", args=[objs["call"].pk]) + "?tab=declined",
        ),
        ("anonymous", reverse("participation:topic_detail", args=[objs["topic"].pk])),
        ("anonymous", reverse("participation:topic_detail", args=[objs["declined"].pk])),
        ("anonymous", reverse("portal:project_detail", args=[world.projects["published"].pk])),
        ("citizen", reverse("participation:mine")),
        ("commission_admin", reverse("participation_staff:call_list")),
        ("commission_admin", reverse("participation_staff:topic_detail", args=[objs["topic"].pk])),
        (
            "commission_admin",
            reverse("participation_staff:topic_detail", args=[objs["declined"].pk]),
        ),
    ]


def test_script_payloads_come_back_escaped(world: World, hostile: dict[str, Any]) -> None:
    for role, url in _pages(world, hostile):
        page = world.client_for(role).get(url).content.decode()
        assert "<script>alert" not in page, url
        assert "<img src=x" not in page, url
    detail = world.client_for("anonymous").get(
        reverse("participation:topic_detail", args=[hostile["topic"].pk])
    )
    assert ESCAPED in detail.content.decode()


def test_script_payloads_are_escaped_in_the_similar_hints(
    world: World, hostile: dict[str, Any]
) -> None:
    url = reverse("participation:similar", args=[hostile["call"].pk])

    page = (
        world.client_for("anonymous")
        .get(url, {"title": hostile["topic"].title, "description": XSS})
        .content.decode()
    )

    assert "标题&lt;script&gt;" in page
    assert "<script>alert" not in page


def test_flagged_comments_leave_the_page_until_kept(world: World, settings: Any) -> None:
    settings.KAIMEN_EVALUATION_FLAGS_TO_HIDE = 1
    evaluation = f.commented_evaluation(world)
    url = reverse("portal:project_detail", args=[world.projects["published"].pk])

    world.client_for("citizen").post(reverse("participation:flag", args=[evaluation.pk]))
    hidden = world.client_for("anonymous").get(url).content.decode()
    services.evaluation_moderate(
        actor=world.users["commission_admin"], evaluation=evaluation, keep=True
    )
    shown = world.client_for("anonymous").get(url).content.decode()

    assert "学校减负明显" not in hidden
    assert "学校减负明显" in shown


def test_anonymous_visitors_get_a_sign_in_link_and_staff_no_button(world: World) -> None:
    topic = f.published_topic(world)
    url = reverse("participation:topic_detail", args=[topic.pk])

    anonymous = world.client_for("anonymous").get(url).content.decode()
    staff = world.client_for("commission_admin").get(url).content.decode()
    citizen = world.client_for("citizen").get(url).content.decode()

    assert "登录后支持" in anonymous
    assert reverse("participation:support", args=[topic.pk]) not in anonymous
    assert reverse("participation:support", args=[topic.pk]) not in staff
    assert reverse("participation:support", args=[topic.pk]) in citizen


def test_units_find_the_topics_assigned_to_them(world: World) -> None:
    topic = f.assigned_topic(world)

    response = world.client_for("unit_staff_lead").get(
        reverse("participation_staff:call_list"), follow=True
    )
    other = world.client_for("unit_staff_other").get(reverse("participation_staff:assigned"))

    assert response.redirect_chain == [(reverse("participation_staff:assigned"), 302)]
    assert topic.title in response.content.decode()
    assert topic.title not in other.content.decode()
