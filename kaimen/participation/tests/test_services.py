from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied

from conftest import World
from kaimen.campaigns.models import Project, ProjectState
from kaimen.core.errors import ApplicationError, ConflictError
from kaimen.notifications.models import Notification
from kaimen.participation import services
from kaimen.participation.models import (
    CommentState,
    Evaluation,
    Rating,
    Support,
    Survey,
    SurveyMethod,
    Topic,
    TopicState,
)
from kaimen.participation.tests import factories as f
from kaimen.timeline.models import Event


def _propose(w: World, **extra: Any) -> Topic:
    data = {
        "title": "公交站台缺少遮雨棚",
        "description": "盐仓街道多个公交站台没有遮雨棚。",
        "region": w.orgs["dinghai"],
        "category": "transport",
        **extra,
    }
    return services.topic_propose(actor=w.users["citizen"], call=f.open_call(w), **data)


def test_a_citizen_proposes_a_topic_that_waits_for_screening(world: World) -> None:
    topic = _propose(world)

    assert topic.state == TopicState.SUBMITTED
    assert topic.proposer == world.users["citizen"]
    assert Event.objects.filter(action="topic.proposed", target_id=str(topic.pk)).count() == 1


def test_proposing_twice_the_same_title_creates_one_topic(world: World) -> None:
    first = _propose(world)
    second = _propose(world)

    assert first.pk == second.pk
    assert Topic.objects.count() == 1


def test_staff_cannot_propose_and_nothing_is_created(world: World) -> None:
    with pytest.raises(PermissionDenied):
        services.topic_propose(
            actor=world.users["commission_admin"],
            call=f.open_call(world),
            title="标题",
            description="描述",
            region=world.orgs["dinghai"],
        )
    assert Topic.objects.count() == 0


def test_a_region_outside_the_commissions_area_is_refused(world: World) -> None:
    with pytest.raises(ApplicationError) as caught:
        _propose(world, region=world.orgs["putuo"])

    assert caught.value.field == "region"
    assert Topic.objects.count() == 0


def test_an_empty_description_names_the_field(world: World) -> None:
    with pytest.raises(ApplicationError) as caught:
        _propose(world, description="  ")

    assert caught.value.field == "description"


def test_publish_then_support_once_per_citizen(world: World) -> None:
    topic = _propose(world)
    services.topic_publish(actor=world.users["commission_admin"], topic=topic)
    supporter = f.other_citizen(world)

    first = services.support_add(actor=supporter, topic=topic)
    again = services.support_add(actor=supporter, topic=topic)

    assert first[1:] == (True, 1)
    assert again == (first[0], False, 1)
    assert Support.objects.filter(topic=topic).count() == 1


def test_an_unscreened_topic_cannot_be_supported(world: World) -> None:
    topic = _propose(world)

    with pytest.raises(PermissionDenied):
        services.support_add(actor=f.other_citizen(world), topic=topic)
    assert Support.objects.count() == 0


def test_only_the_jurisdictions_admin_screens(world: World) -> None:
    topic = _propose(world)

    for role in ("supervisor", "viewer", "commission_admin_other", "unit_staff_lead"):
        with pytest.raises(PermissionDenied):
            services.topic_publish(actor=world.users[role], topic=topic)
    topic.refresh_from_db()
    assert topic.state == TopicState.SUBMITTED


def test_merge_links_the_duplicate_and_answers_it(world: World) -> None:
    target = f.published_topic(world)
    duplicate = _propose(world, title="电梯老是坏")

    services.topic_merge(actor=world.users["commission_admin"], topic=duplicate, into=target)

    duplicate.refresh_from_db()
    assert duplicate.state == TopicState.MERGED
    assert duplicate.merged_into == target
    assert duplicate.answer == f"该问题与《{target.title}》反映的内容相同，已合并办理。"
    assert duplicate.answered_by == world.orgs["dh_jiwei"]


def test_merging_into_itself_is_refused(world: World) -> None:
    topic = f.published_topic(world)

    with pytest.raises(ApplicationError) as caught:
        services.topic_merge(actor=world.users["commission_admin"], topic=topic, into=topic)
    assert caught.value.field == "into"


def test_decline_needs_a_reason_which_becomes_the_public_answer(world: World) -> None:
    topic = _propose(world)
    admin = world.users["commission_admin"]
    with pytest.raises(ApplicationError):
        services.topic_decline(actor=admin, topic=topic, reason=" ")

    services.topic_decline(actor=admin, topic=topic, reason="属于个人诉求，已转12345热线。")

    topic.refresh_from_db()
    assert topic.state == TopicState.DECLINED
    assert topic.answer == "属于个人诉求，已转12345热线。"
    assert Event.objects.get(action="topic.declined").reason == "属于个人诉求，已转12345热线。"


def test_a_decided_topic_cannot_be_declined_again(world: World) -> None:
    topic = _propose(world)
    admin = world.users["commission_admin"]
    services.topic_decline(actor=admin, topic=topic, reason="理由")

    with pytest.raises(ConflictError):
        services.topic_decline(actor=admin, topic=topic, reason="再次")


def test_select_creates_the_project_and_links_it(world: World) -> None:
    topic = f.published_topic(world)
    admin = world.users["commission_admin"]

    services.topic_select(
        actor=admin,
        topic=topic,
        campaign=world.campaign,  # type: ignore[arg-type]
        lead_units=[world.orgs["dh_jiaoyu"]],
        title="老旧小区电梯维修问题专项治理",
    )

    topic.refresh_from_db()
    project = Project.objects.get(title="老旧小区电梯维修问题专项治理")
    assert topic.state == TopicState.SELECTED
    assert topic.project == project
    assert project.state == ProjectState.DRAFT
    assert project.theme == "housing"
    assert list(project.lead_units.all()) == [world.orgs["dh_jiaoyu"]]
    assert "老旧小区电梯维修问题专项治理" in topic.answer


def test_select_into_another_commissions_campaign_is_refused(world: World) -> None:
    topic = f.published_topic(world)

    with pytest.raises(ApplicationError) as caught:
        services.topic_select(
            actor=world.users["commission_admin"],
            topic=topic,
            campaign=world.other_campaign,  # type: ignore[arg-type]
            lead_units=[],
        )
    assert caught.value.field == "campaign"
    assert Project.objects.count() == 5


def test_answer_by_a_unit_of_the_jurisdiction(world: World) -> None:
    topic = f.published_topic(world)

    services.topic_answer(
        actor=world.users["commission_admin"],
        topic=topic,
        answer="已纳入明年计划。",
        organization=world.orgs["dh_jiaoyu"],
    )

    topic.refresh_from_db()
    assert (topic.answer, topic.answered_by) == ("已纳入明年计划。", world.orgs["dh_jiaoyu"])


def test_answer_by_an_organization_outside_is_refused(world: World) -> None:
    topic = f.published_topic(world)

    with pytest.raises(ApplicationError) as caught:
        services.topic_answer(
            actor=world.users["commission_admin"],
            topic=topic,
            answer="答复",
            organization=world.orgs["pt_minzheng"],
        )
    assert caught.value.field == "organization"


def test_followers_are_told_when_the_topic_is_published(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    topic = _propose(world)

    with django_capture_on_commit_callbacks(execute=True):
        services.topic_publish(actor=world.users["commission_admin"], topic=topic)

    assert list(
        Notification.objects.filter(user=world.users["citizen"]).values_list("verb", flat=True)
    ) == ["topic.published"]


def test_the_proposer_withdraws_a_pending_topic(world: World) -> None:
    topic = _propose(world)

    services.topic_withdraw(actor=world.users["citizen"], topic=topic)

    topic.refresh_from_db()
    assert topic.state == TopicState.WITHDRAWN


def test_someone_else_cannot_withdraw(world: World) -> None:
    topic = _propose(world)

    with pytest.raises(PermissionDenied):
        services.topic_withdraw(actor=f.other_citizen(world), topic=topic)
    topic.refresh_from_db()
    assert topic.state == TopicState.SUBMITTED


# ---------------------------------------------------------------- evaluations


def test_a_citizen_rates_then_changes_the_rating(world: World) -> None:
    project = world.projects["published"]
    citizen = world.users["citizen"]

    created = services.evaluation_submit(actor=citizen, project=project, rating=Rating.SATISFIED)
    changed = services.evaluation_submit(
        actor=citizen, project=project, rating=Rating.DISSATISFIED, comment="食堂还是贵"
    )

    assert created[1] is True
    assert changed[1] is False
    assert Evaluation.objects.get().rating == Rating.DISSATISFIED
    assert Event.objects.filter(action="evaluation.changed").count() == 1


def test_an_unpublished_project_cannot_be_rated(world: World) -> None:
    with pytest.raises(PermissionDenied):
        services.evaluation_submit(
            actor=world.users["citizen"],
            project=world.projects["in_progress"],
            rating=Rating.SATISFIED,
        )
    assert Evaluation.objects.count() == 0


def test_the_window_closes_after_the_configured_days(world: World, settings: Any) -> None:
    settings.KAIMEN_EVALUATION_DAYS = 0

    with pytest.raises(PermissionDenied):
        services.evaluation_submit(
            actor=world.users["citizen"], project=world.projects["published"], rating="satisfied"
        )


def test_enough_flags_hide_a_comment_until_staff_decide(world: World, settings: Any) -> None:
    settings.KAIMEN_EVALUATION_FLAGS_TO_HIDE = 2
    evaluation = f.commented_evaluation(world)

    services.evaluation_flag(actor=world.users["citizen"], evaluation=evaluation)
    assert evaluation.comment_state == CommentState.VISIBLE
    services.evaluation_flag(actor=world.users["viewer"], evaluation=evaluation)
    assert evaluation.comment_state == CommentState.FLAGGED

    services.evaluation_moderate(
        actor=world.users["commission_admin"], evaluation=evaluation, keep=False, reason="人身攻击"
    )
    evaluation.refresh_from_db()
    assert evaluation.comment_state == CommentState.REMOVED
    assert evaluation.comment == "学校减负明显"  # the original is kept


def test_flagging_twice_counts_once(world: World) -> None:
    evaluation = f.commented_evaluation(world)

    services.evaluation_flag(actor=world.users["citizen"], evaluation=evaluation)
    services.evaluation_flag(actor=world.users["citizen"], evaluation=evaluation)

    assert evaluation.flags.count() == 1


def test_another_commission_cannot_moderate(world: World) -> None:
    evaluation = f.flagged_evaluation(world)

    with pytest.raises(PermissionDenied):
        services.evaluation_moderate(
            actor=world.users["commission_admin_other"], evaluation=evaluation, keep=True
        )
    evaluation.refresh_from_db()
    assert evaluation.comment_state == CommentState.FLAGGED


def test_a_survey_is_recorded_with_its_rates(world: World) -> None:
    survey = services.survey_record(
        actor=world.users["commission_admin"],
        project=world.projects["published"],
        data=services.SurveyData(
            method=SurveyMethod.PHONE,
            conducted_on=date(2024, 12, 1),
            sample_size=800,
            scale=4,
            satisfaction_rate=Decimal("93.5"),
        ),
    )

    assert (survey.sample_size, survey.scale, survey.satisfaction_rate) == (800, 4, Decimal("93.5"))


def test_a_rate_over_100_names_the_field(world: World) -> None:
    with pytest.raises(ApplicationError) as caught:
        services.survey_record(
            actor=world.users["commission_admin"],
            campaign=world.campaign,
            data=services.SurveyData(
                method=SurveyMethod.THIRD_PARTY,
                conducted_on=date(2024, 12, 1),
                sample_size=10,
                support_rate=Decimal("101"),
            ),
        )
    assert caught.value.field == "support_rate"
    assert Survey.objects.count() == 0


# ---------------------------------------------------------------- 部门答题 by the assigned unit


def test_the_commission_assigns_and_the_unit_answers_in_its_own_name(world: World) -> None:
    topic = f.published_topic(world)
    services.topic_assign(
        actor=world.users["commission_admin"], topic=topic, unit=world.orgs["dh_jiaoyu"]
    )

    services.topic_answer(
        actor=world.users["unit_staff_lead"],
        topic=topic,
        answer="将在新学期前完成整改。",
        organization=world.orgs["dh_jiaoyu"],
    )

    topic.refresh_from_db()
    assert topic.responsible_unit == world.orgs["dh_jiaoyu"]
    assert (topic.answer, topic.answered_by) == ("将在新学期前完成整改。", world.orgs["dh_jiaoyu"])


def test_a_unit_cannot_answer_in_the_commissions_name(world: World) -> None:
    topic = f.assigned_topic(world)

    with pytest.raises(ApplicationError) as caught:
        services.topic_answer(
            actor=world.users["unit_staff_lead"],
            topic=topic,
            answer="答复",
            organization=world.orgs["dh_jiwei"],
        )
    assert caught.value.field == "organization"
    topic.refresh_from_db()
    assert topic.answer == ""


def test_another_unit_cannot_answer_an_assigned_topic(world: World) -> None:
    topic = f.assigned_topic(world)

    with pytest.raises(PermissionDenied):
        services.topic_answer(
            actor=world.users["unit_staff_other"],
            topic=topic,
            answer="答复",
            organization=world.orgs["dh_gongan"],
        )
    topic.refresh_from_db()
    assert topic.answer == ""


def test_assigning_outside_the_jurisdiction_is_refused(world: World) -> None:
    topic = f.published_topic(world)

    with pytest.raises(ApplicationError) as caught:
        services.topic_assign(
            actor=world.users["commission_admin"], topic=topic, unit=world.orgs["pt_minzheng"]
        )
    assert caught.value.field == "unit"
    topic.refresh_from_db()
    assert topic.responsible_unit is None


def test_the_unit_hears_of_a_topic_assigned_to_it_and_finds_it_on_its_list(world: World) -> None:
    topic = f.published_topic(world)
    services.topic_assign(
        actor=world.users["commission_admin"], topic=topic, unit=world.orgs["dh_jiaoyu"]
    )
    told = Notification.objects.filter(user=world.users["unit_staff_lead"])
    assert told.count() == 1
    assert topic.title in told.get().message
    assert not Notification.objects.filter(user=world.users["unit_staff_other"]).exists()
    page = world.client_for("unit_staff_lead").get("/staff/topics/assigned/")
    assert topic.title in page.content.decode()
