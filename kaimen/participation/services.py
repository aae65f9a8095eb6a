"""Every write of the public's part: topic calls, topics, supports, evaluations, surveys.

Each function checks the permission, validates, writes in one transaction and records the Event;
followers of a topic are told about its changes through `kaimen.notifications`.
"""

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kaimen.campaigns.models import Campaign, CampaignState, Project, Theme
from kaimen.campaigns.services import project_create
from kaimen.core.errors import ApplicationError, ConflictError
from kaimen.core.permissions import require
from kaimen.core.transitions import Action, StateMachine, advance
from kaimen.notifications.services import follow, notify_followers, notify_user
from kaimen.orgs.models import UNIT_ROLES, Membership, Organization
from kaimen.orgs.selectors import scope_for
from kaimen.participation.models import (
    CommentState,
    Evaluation,
    EvaluationFlag,
    Rating,
    Support,
    Survey,
    SurveyMethod,
    SurveyScale,
    Topic,
    TopicCall,
    TopicState,
)
from kaimen.timeline.services import event_record

TITLE_MAX = 100
DESCRIPTION_MAX = 2000
COMMENT_MAX = 1000


# ---------------------------------------------------------------- topic calls


@transaction.atomic
def topic_call_create(
    *,
    actor: Any,
    commission: Organization,
    title: str,
    opens_at: datetime,
    closes_at: datetime,
    intro: str = "",
    allow_choose: bool = True,
    allow_propose: bool = True,
    campaign: Campaign | None = None,
) -> TopicCall:
    require(actor, "participation.add_topiccall", commission)
    if not title.strip():
        raise ApplicationError(_("请填写征集标题。"), code="required", field="title")
    if closes_at <= opens_at:
        raise ApplicationError(
            _("截止时间应晚于开始时间。"), code="invalid_window", field="closes_at"
        )
    if not (allow_choose or allow_propose):
        raise ApplicationError(
            _("请至少选择一种征集方式（选题或点题）。"), code="no_mode", field="allow_propose"
        )
    if campaign is not None and (
        campaign.issuer_id != commission.pk or campaign.state == CampaignState.PUBLISHED
    ):
        raise ApplicationError(
            _("只能纳入本机关尚未公布成果的专项治理。"), code="invalid_campaign", field="campaign"
        )
    call = TopicCall(
        commission=commission,
        title=title.strip(),
        intro=intro.strip(),
        opens_at=opens_at,
        closes_at=closes_at,
        allow_choose=allow_choose,
        allow_propose=allow_propose,
        campaign=campaign,
    )
    call.full_clean()
    call.save()
    event_record(
        actor=actor,
        action="topic_call.created",
        target=call,
        organization=commission,
        after={"title": call.title, "opens_at": opens_at, "closes_at": closes_at},
    )
    return call


# ---------------------------------------------------------------- topics


def _validate_topic_text(title: str, description: str) -> tuple[str, str]:
    title, description = title.strip(), description.strip()
    if not title:
        raise ApplicationError(_("请填写问题标题。"), code="required", field="title")
    if len(title) > TITLE_MAX:
        raise ApplicationError(
            _("问题标题不超过%d个字。") % TITLE_MAX, code="too_long", field="title"
        )
    if not description:
        raise ApplicationError(_("请描述问题。"), code="required", field="description")
    if len(description) > DESCRIPTION_MAX:
        raise ApplicationError(
            _("问题描述不超过%d个字。") % DESCRIPTION_MAX, code="too_long", field="description"
        )
    return title, description


def _validate_region(call: TopicCall, region: Organization) -> None:
    jurisdiction = call.commission.jurisdiction_path
    if not region.path.startswith(jurisdiction):
        raise ApplicationError(
            _("请选择%s辖区内的地区。") % call.commission.name, code="out_of_area", field="region"
        )


def _validate_category(category: str) -> None:
    if category not in Theme.values:
        raise ApplicationError(_("请选择问题类别。"), code="invalid", field="category")


def topic_url(topic: Topic) -> str:
    return reverse("participation:topic_detail", args=[topic.pk])


def _tell_followers(topic: Topic, actor: Any, verb: str, message: str) -> None:
    notify_followers(target=topic, verb=verb, message=message, actor=actor, url=topic_url(topic))


@transaction.atomic
def topic_propose(
    *,
    actor: Any,
    call: TopicCall,
    title: str,
    description: str,
    region: Organization,
    category: str = Theme.OTHER,
) -> Topic:
    """A citizen names a problem (点题); it is public once the commission has screened it."""
    require(actor, "participation.propose_topic", call)
    title, description = _validate_topic_text(title, description)
    _validate_region(call, region)
    _validate_category(category)
    duplicate = Topic.objects.filter(
        call=call,
        proposer=actor,
        title=title,
        state__in=(TopicState.SUBMITTED, TopicState.PUBLISHED),
    ).first()
    if duplicate is not None:
        return duplicate  # a double submission creates nothing new
    topic = Topic.objects.create(
        call=call,
        title=title,
        description=description,
        region=region,
        category=category,
        proposer=actor,
    )
    event_record(
        actor=actor,
        action="topic.proposed",
        target=topic,
        organization=call.commission,
        after={"title": title, "region": region.name, "category": category},
    )
    follow(user=actor, target=topic)
    return topic


@transaction.atomic
def topic_candidate_add(
    *,
    actor: Any,
    call: TopicCall,
    title: str,
    description: str,
    region: Organization,
    category: str = Theme.OTHER,
) -> Topic:
    """The commission lists a candidate problem for citizens to choose from (选题)."""
    require(actor, "participation.manage_topiccall", call)
    if not call.allow_choose:
        raise ApplicationError(_("本次征集未开放选题方式。"), code="mode_closed", field="title")
    title, description = _validate_topic_text(title, description)
    _validate_region(call, region)
    _validate_category(category)
    topic = Topic.objects.create(
        call=call,
        title=title,
        description=description,
        region=region,
        category=category,
        is_candidate=True,
        state=TopicState.PUBLISHED,
    )
    event_record(
        actor=actor,
        action="topic.candidate_added",
        target=topic,
        organization=call.commission,
        after={"title": title},
    )
    return topic


MANAGE = ("participation.manage_topiccall",)  # held on the topic's call
TOPIC_MACHINE = StateMachine(
    {
        "publish": Action((TopicState.SUBMITTED,), TopicState.PUBLISHED, MANAGE),
        "merge": Action((TopicState.SUBMITTED, TopicState.PUBLISHED), TopicState.MERGED, MANAGE),
        "decline": Action(
            (TopicState.SUBMITTED, TopicState.PUBLISHED), TopicState.DECLINED, MANAGE
        ),
        "select": Action((TopicState.PUBLISHED,), TopicState.SELECTED, MANAGE),
        "withdraw": Action(
            (TopicState.SUBMITTED, TopicState.PUBLISHED),
            TopicState.WITHDRAWN,
            ("participation.withdraw_topic",),
        ),
    }
)


def _move(topic: Topic, action: str, version: int | None, **fields: Any) -> None:
    """Change the state only if nobody else did first (compare-and-set on state and version)."""
    target = TOPIC_MACHINE.check(
        topic,
        action,
        lambda allowed: _("该问题当前状态为“%s”，不能执行此操作。") % topic.get_state_display(),
    ).target
    advance(
        topic,
        version=version,
        stale=_("该问题已被他人处理，请刷新后重试。"),
        state=target,
        **fields,
    )
    topic.refresh_from_db()


@transaction.atomic
def topic_publish(*, actor: Any, topic: Topic, version: int | None = None) -> Topic:
    """Screened and found admissible: the proposal is public and open for supports."""
    require(actor, "participation.manage_topiccall", topic.call)
    _move(topic, "publish", version)
    event_record(
        actor=actor,
        action="topic.published",
        target=topic,
        organization=topic.call.commission,
        before={"state": TopicState.SUBMITTED},
        after={"state": TopicState.PUBLISHED},
    )
    _tell_followers(topic, actor, "topic.published", _("您提出的问题已公开征集支持。"))
    return topic


@transaction.atomic
def topic_merge(
    *, actor: Any, topic: Topic, into: Topic, answer: str = "", version: int | None = None
) -> Topic:
    """A duplicate joins another topic of the same call; the answer links to it."""
    require(actor, "participation.manage_topiccall", topic.call)
    if into.pk == topic.pk or into.call_id != topic.call_id:
        raise ApplicationError(
            _("请选择同一征集中的另一个问题。"), code="invalid_target", field="into"
        )
    if into.state not in (TopicState.PUBLISHED, TopicState.SELECTED):
        raise ApplicationError(
            _("只能合并到已公开或已采纳的问题。"), code="invalid_target", field="into"
        )
    source = topic.state
    text = answer.strip() or _("该问题与《%s》反映的内容相同，已合并办理。") % into.title
    _move(
        topic,
        "merge",
        version,
        merged_into=into,
        answer=text,
        answered_by=topic.call.commission,
        answered_at=timezone.now(),
    )
    # Topics merged into this one follow it to the new target: no chains of merges.
    Topic.objects.filter(merged_into=topic).update(merged_into=into)
    event_record(
        actor=actor,
        action="topic.merged",
        target=topic,
        organization=topic.call.commission,
        before={"state": source},
        after={"state": TopicState.MERGED, "merged_into": into.pk},
    )
    _tell_followers(topic, actor, "topic.merged", _("问题已合并至《%s》。") % into.title)
    return topic


@transaction.atomic
def topic_decline(*, actor: Any, topic: Topic, reason: str, version: int | None = None) -> Topic:
    """Not taken up, with the reason made public as the answer."""
    require(actor, "participation.manage_topiccall", topic.call)
    if not reason.strip():
        raise ApplicationError(_("请说明未采纳的理由。"), code="required", field="reason")
    source = topic.state
    _move(
        topic,
        "decline",
        version,
        decline_reason=reason.strip(),
        answer=topic.answer or reason.strip(),
        answered_by=topic.answered_by or topic.call.commission,
        answered_at=timezone.now(),
    )
    event_record(
        actor=actor,
        action="topic.declined",
        target=topic,
        organization=topic.call.commission,
        before={"state": source},
        after={"state": TopicState.DECLINED},
        reason=reason.strip(),
    )
    _tell_followers(topic, actor, "topic.declined", _("问题未被采纳：%s") % reason.strip())
    return topic


@transaction.atomic
def topic_assign(*, actor: Any, topic: Topic, unit: Organization) -> Topic:
    """交办: the commission asks a unit of its jurisdiction to write the public answer."""
    require(actor, "participation.manage_topiccall", topic.call)
    if topic.state in (TopicState.SUBMITTED, TopicState.WITHDRAWN):
        raise ConflictError(_("请先审核该问题，再交办答复。"), code="invalid_transition")
    if unit.kind == "region" or not scope_for(actor).administers(unit):
        raise ApplicationError(_("请选择辖区内的单位。"), code="out_of_scope", field="unit")
    before = {"responsible_unit": topic.responsible_unit_id}
    topic.responsible_unit = unit
    topic.save(update_fields=["responsible_unit", "updated_at"])
    event_record(
        actor=actor,
        action="topic.assigned",
        target=topic,
        organization=topic.call.commission,
        before=before,
        after={"responsible_unit": unit.pk, "unit": unit.name},
    )
    _tell_unit_of_assignment(topic, unit, actor)
    return topic


def _tell_unit_of_assignment(topic: Topic, unit: Organization, actor: Any) -> None:
    """The unit's staff hear of the topic assigned to them; it waits on their 待答复 list."""
    members = Membership.objects.filter(
        organization=unit, role__in=UNIT_ROLES, user__is_active=True
    ).select_related("user")
    for membership in members:
        if membership.user_id == getattr(actor, "pk", None):
            continue
        notify_user(
            user=membership.user,
            verb=_("交办答复"),
            message=_("纪委监委将群众点题“%(title)s”交你单位答复，请在待答复问题中办理。")
            % {"title": topic.title},
            target=topic,
            url=reverse("participation_staff:topic_detail", args=[topic.pk]),
            key=f"topic:{topic.pk}:assigned:{unit.pk}",
        )


@transaction.atomic
def topic_answer(*, actor: Any, topic: Topic, answer: str, organization: Organization) -> Topic:
    """The public answer (部门答题): the responsible unit's or the commission's reply.

    A unit answers only the topics assigned to it, and in its own name.
    """
    if topic.state in (TopicState.SUBMITTED, TopicState.WITHDRAWN):
        raise ConflictError(_("请先审核该问题，再公开答复。"), code="invalid_transition")
    require(actor, "participation.answer_topic", topic)
    if not answer.strip():
        raise ApplicationError(_("请填写答复内容。"), code="required", field="answer")
    scope = scope_for(actor)
    if scope.administers(topic.call.commission):
        allowed = organization.pk == topic.call.commission_id or scope.administers(organization)
    else:
        allowed = organization.pk == topic.responsible_unit_id
    if not allowed:
        raise ApplicationError(
            _("答复单位应为本机关或辖区内单位。"), code="out_of_scope", field="organization"
        )
    before = {"answer": topic.answer, "answered_by": topic.answered_by_id}
    topic.answer, topic.answered_by, topic.answered_at = (
        answer.strip(),
        organization,
        timezone.now(),
    )
    topic.save(update_fields=["answer", "answered_by", "answered_at", "updated_at"])
    event_record(
        actor=actor,
        action="topic.answered",
        target=topic,
        organization=topic.call.commission,
        before=before,
        after={"answer": topic.answer, "answered_by": organization.pk},
    )
    _tell_followers(topic, actor, "topic.answered", _("%s答复了问题。") % organization.name)
    return topic


@transaction.atomic
def topic_select(
    *,
    actor: Any,
    topic: Topic,
    campaign: Campaign,
    lead_units: list[Organization],
    title: str = "",
    theme: str = "",
    answer: str = "",
    version: int | None = None,
) -> Topic:
    """Selected into a campaign: the project is created and linked; the answer says so."""
    require(actor, "participation.manage_topiccall", topic.call)
    if campaign.issuer_id != topic.call.commission_id or campaign.state == CampaignState.PUBLISHED:
        raise ApplicationError(
            _("只能纳入本机关尚未公布成果的专项治理。"), code="invalid_campaign", field="campaign"
        )
    project_title = title.strip() or _("%s专项治理") % topic.title
    project = project_create(
        actor=actor,
        campaign=campaign,
        title=project_title,
        lead_units=lead_units,
        theme=theme or topic.category,
    )
    text = answer.strip() or _("该问题已纳入%(year)s年专项治理，立项为“%(project)s”。") % {
        "year": campaign.year,
        "project": project.title,
    }
    _move(
        topic,
        "select",
        version,
        project=project,
        answer=text,
        answered_by=topic.call.commission,
        answered_at=timezone.now(),
    )
    event_record(
        actor=actor,
        action="topic.selected",
        target=topic,
        organization=topic.call.commission,
        before={"state": TopicState.PUBLISHED},
        after={"state": TopicState.SELECTED, "project": project.pk},
    )
    _tell_followers(topic, actor, "topic.selected", _("问题已被采纳，立项为“%s”。") % project.title)
    return topic


@transaction.atomic
def topic_withdraw(*, actor: Any, topic: Topic) -> Topic:
    require(actor, "participation.withdraw_topic", topic)
    source = topic.state
    _move(topic, "withdraw", None)
    event_record(
        actor=actor,
        action="topic.withdrawn",
        target=topic,
        organization=topic.call.commission,
        before={"state": source},
        after={"state": TopicState.WITHDRAWN},
    )
    return topic


# ---------------------------------------------------------------- supports


def support_add(*, actor: Any, topic: Topic) -> tuple[Support, bool, int]:
    """Support a topic once; repeating it (even at the same moment) changes nothing.

    Returns the support, whether this call created it and the topic's supports after it. The
    database's unique constraint settles duplicates, also between concurrent requests; the
    count is read from that constraint's index (no counter row for every supporter of a popular
    topic to queue on). Following the topic happens after the commit.
    """
    require(actor, "participation.support_topic", topic)
    try:
        with transaction.atomic():
            support = Support.objects.create(topic=topic, user=actor)
            event_record(
                actor=actor,
                action="topic.supported",
                target=topic,
                organization=topic.call.commission,
            )
    except IntegrityError:
        support, created = Support.objects.get(topic=topic, user=actor), False
    else:
        created = True
        transaction.on_commit(lambda: follow(user=actor, target=topic))
    return support, created, Support.objects.filter(topic=topic).count()


# ---------------------------------------------------------------- evaluations


def evaluation_submit(
    *, actor: Any, project: Project, rating: str, comment: str = ""
) -> tuple[Evaluation, bool]:
    """Rate a published project (one rating per citizen, changeable while the window is open).

    Returns the evaluation and whether it was created (False: an earlier one was changed).
    """
    require(actor, "participation.evaluate_project", project)
    if rating not in Rating.values:
        raise ApplicationError(_("请选择满意度。"), code="invalid", field="rating")
    comment = comment.strip()
    if len(comment) > COMMENT_MAX:
        raise ApplicationError(
            _("意见建议不超过%d个字。") % COMMENT_MAX, code="too_long", field="comment"
        )
    try:
        with transaction.atomic():
            return _evaluation_write(actor, project, rating, comment)
    except IntegrityError:  # a concurrent first rating won: change it instead
        with transaction.atomic():
            return _evaluation_write(actor, project, rating, comment)


def _evaluation_write(
    actor: Any, project: Project, rating: str, comment: str
) -> tuple[Evaluation, bool]:
    evaluation = (
        Evaluation.objects.select_for_update().filter(project=project, citizen=actor).first()
    )
    organization = project.campaign.issuer
    if evaluation is None:
        evaluation = Evaluation.objects.create(
            project=project, citizen=actor, rating=rating, comment=comment
        )
        event_record(
            actor=actor,
            action="evaluation.submitted",
            target=evaluation,
            organization=organization,
            after={"rating": rating, "comment": comment},
        )
        return evaluation, True
    before = {"rating": evaluation.rating, "comment": evaluation.comment}
    fields = ["rating", "updated_at"]
    if comment != evaluation.comment:
        # A new text starts a new moderation; the old one stays in the timeline.
        evaluation.comment, evaluation.comment_state = comment, CommentState.VISIBLE
        evaluation.flags.all().delete()
        fields += ["comment", "comment_state"]
    evaluation.rating = rating
    evaluation.save(update_fields=fields)
    event_record(
        actor=actor,
        action="evaluation.changed",
        target=evaluation,
        organization=organization,
        before=before,
        after={"rating": rating, "comment": comment},
    )
    return evaluation, False


def flags_to_hide() -> int:
    return int(getattr(settings, "KAIMEN_EVALUATION_FLAGS_TO_HIDE", 3))


@transaction.atomic
def evaluation_flag(*, actor: Any, evaluation: Evaluation) -> Evaluation:
    """Flag a comment; after `KAIMEN_EVALUATION_FLAGS_TO_HIDE` flags it is hidden until staff
    decide (a comment staff kept is not hidden again)."""
    require(actor, "participation.flag_evaluation", evaluation)
    try:
        with transaction.atomic():
            EvaluationFlag.objects.create(evaluation=evaluation, user=actor)
    except IntegrityError:
        return evaluation  # flagged before by the same reader
    count = evaluation.flags.count()
    if count >= flags_to_hide() and evaluation.comment_state == CommentState.VISIBLE:
        Evaluation.objects.filter(pk=evaluation.pk, comment_state=CommentState.VISIBLE).update(
            comment_state=CommentState.FLAGGED
        )
        evaluation.refresh_from_db()
        event_record(
            actor=actor,
            action="evaluation.comment_hidden",
            target=evaluation,
            organization=evaluation.project.campaign.issuer,
            before={"comment_state": CommentState.VISIBLE},
            after={"comment_state": CommentState.FLAGGED, "flags": count},
        )
    return evaluation


@transaction.atomic
def evaluation_moderate(
    *, actor: Any, evaluation: Evaluation, keep: bool, reason: str = ""
) -> Evaluation:
    """Staff decide on a comment: keep it public, or hide it (the text itself is kept)."""
    require(actor, "participation.moderate_evaluation", evaluation)
    if not keep and not reason.strip():
        raise ApplicationError(_("请说明隐藏理由。"), code="required", field="reason")
    before = evaluation.comment_state
    evaluation.comment_state = CommentState.KEPT if keep else CommentState.REMOVED
    evaluation.save(update_fields=["comment_state"])
    event_record(
        actor=actor,
        action="evaluation.moderated",
        target=evaluation,
        organization=evaluation.project.campaign.issuer,
        before={"comment_state": before},
        after={"comment_state": evaluation.comment_state},
        reason=reason.strip(),
    )
    return evaluation


# ---------------------------------------------------------------- surveys


@dataclass(frozen=True)
class SurveyData:
    method: str
    conducted_on: date
    sample_size: int
    scale: int = SurveyScale.THREE
    conducted_by: str = ""
    awareness_rate: Decimal | None = None
    satisfaction_rate: Decimal | None = None
    support_rate: Decimal | None = None
    note: str = ""


@transaction.atomic
def survey_record(
    *,
    actor: Any,
    data: SurveyData,
    project: Project | None = None,
    campaign: Campaign | None = None,
) -> Survey:
    """Record a survey done outside the site (telephone poll, third party) as published."""
    if (project is None) == (campaign is None):
        raise ApplicationError(_("请指定项目或专项治理。"), code="required", field="project")
    subject: Project | Campaign = project if project is not None else campaign  # type: ignore[assignment]
    require(actor, "participation.record_survey", subject)
    if data.method not in SurveyMethod.values:
        raise ApplicationError(_("请选择调查方式。"), code="invalid", field="method")
    if data.scale not in SurveyScale.values:
        raise ApplicationError(_("请选择量表。"), code="invalid", field="scale")
    if data.sample_size < 1:
        raise ApplicationError(_("样本量应为正整数。"), code="invalid", field="sample_size")
    rates = {
        "awareness_rate": data.awareness_rate,
        "satisfaction_rate": data.satisfaction_rate,
        "support_rate": data.support_rate,
    }
    for field, value in rates.items():
        if value is not None and not Decimal(0) <= value <= Decimal(100):
            raise ApplicationError(_("比率应在0到100之间。"), code="invalid", field=field)
    if all(value is None for value in rates.values()):
        raise ApplicationError(
            _("请至少填写一个比率。"), code="required", field="satisfaction_rate"
        )
    survey = Survey(
        project=project,
        campaign=campaign,
        method=data.method,
        conducted_on=data.conducted_on,
        sample_size=data.sample_size,
        scale=data.scale,
        conducted_by=data.conducted_by.strip(),
        note=data.note.strip(),
        recorded_by=actor,
        **rates,
    )
    survey.full_clean()
    survey.save()
    issuer = (project.campaign if project is not None else campaign).issuer  # type: ignore[union-attr]
    event_record(
        actor=actor,
        action="survey.recorded",
        target=survey,
        organization=issuer,
        after={
            "method": data.method,
            "sample_size": data.sample_size,
            **{k: v for k, v in rates.items() if v is not None},
        },
    )
    return survey
