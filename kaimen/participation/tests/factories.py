"""Topic calls, topics and evaluations on top of the `world` fixture, created when missing, so
access-matrix rows can build them inside their URL functions."""

from datetime import timedelta

from django.utils import timezone

from conftest import World, make_user
from kaimen.accounts.models import User, UserKind
from kaimen.campaigns.models import Theme
from kaimen.participation.models import (
    CommentState,
    Evaluation,
    EvaluationFlag,
    Rating,
    Topic,
    TopicCall,
    TopicState,
)

CALL_TITLE = "2026年度群众点题征集"


def open_call(w: World) -> TopicCall:
    now = timezone.now()
    call, _created = TopicCall.objects.get_or_create(
        commission=w.orgs["dh_jiwei"],
        title=CALL_TITLE,
        defaults={"opens_at": now - timedelta(days=1), "closes_at": now + timedelta(days=9)},
    )
    return call


def other_citizen(w: World) -> User:
    user = User.objects.filter(username="citizen_b").first()
    return user or make_user("citizen_b", kind=UserKind.CITIZEN)


def topic(
    w: World,
    state: str = TopicState.PUBLISHED,
    title: str = "老旧小区电梯频繁故障维修难",
    description: str = "小区电梯使用超过十五年，经常停运，维修资金申请难。",
    proposer: User | None = None,
) -> Topic:
    found = Topic.objects.filter(call=open_call(w), title=title).first()
    if found is not None:
        return found
    return Topic.objects.create(
        call=open_call(w),
        title=title,
        description=description,
        region=w.orgs["dinghai"],
        category=Theme.HOUSING,
        proposer=proposer if proposer is not None else w.users["citizen"],
        state=state,
    )


def published_topic(w: World) -> Topic:
    return topic(w, TopicState.PUBLISHED, proposer=other_citizen(w))


def second_published_topic(w: World) -> Topic:
    return topic(
        w,
        TopicState.PUBLISHED,
        title="校外培训机构退费难",
        description="培训机构跑路，预付学费退不回来。",
        proposer=other_citizen(w),
    )


def submitted_topic(w: World) -> Topic:
    """A proposal of `citizen` waiting for screening."""
    return topic(
        w,
        TopicState.SUBMITTED,
        title="农贸市场缺斤短两",
        description="菜场部分摊位电子秤不准。",
        proposer=w.users["citizen"],
    )


def commented_evaluation(w: World, state: str = CommentState.VISIBLE) -> Evaluation:
    evaluation, _created = Evaluation.objects.get_or_create(
        project=w.projects["published"],
        citizen=other_citizen(w),
        defaults={"rating": Rating.SATISFIED, "comment": "学校减负明显", "comment_state": state},
    )
    return evaluation


def flagged_evaluation(w: World) -> Evaluation:
    evaluation = commented_evaluation(w, CommentState.FLAGGED)
    EvaluationFlag.objects.get_or_create(evaluation=evaluation, user=w.users["citizen"])
    return evaluation


def make_citizen(index: int) -> User:
    return make_user(f"citizen_{index}", kind=UserKind.CITIZEN)


def assigned_topic(w: World) -> Topic:
    """A published topic the commission asked 定海区教育局 (the lead unit's body) to answer."""
    found = topic(
        w,
        TopicState.PUBLISHED,
        title="校门口接送车辆拥堵",
        description="放学时段校门口车辆乱停。",
        proposer=other_citizen(w),
    )
    if found.responsible_unit_id is None:
        found.responsible_unit = w.orgs["dh_jiaoyu"]
        found.save(update_fields=["responsible_unit"])
    return found
