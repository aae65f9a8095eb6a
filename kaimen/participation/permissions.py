"""Who may do what in the public's part of the loop. Registered into `user.has_perm(perm, obj)`."""

from typing import Any

from kaimen.accounts.models import UserKind
from kaimen.campaigns.models import Campaign, Project
from kaimen.core.permissions import rule
from kaimen.orgs.models import Organization, OrganizationKind
from kaimen.orgs.selectors import scope_for
from kaimen.participation.models import Evaluation, Topic, TopicCall
from kaimen.participation.windows import evaluation_window_open


def is_citizen(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and user.kind == UserKind.CITIZEN


@rule("participation.add_topiccall")
def can_add_call(user: Any, commission: Organization) -> bool:
    """Open a topic call: commission admins of the commission's jurisdiction."""
    return commission.kind == OrganizationKind.COMMISSION and scope_for(user).administers(
        commission
    )


@rule("participation.manage_topiccall")
def can_manage_call(user: Any, call: TopicCall) -> bool:
    """Screen, merge, decline, answer and select the call's topics; list candidates."""
    return scope_for(user).administers(call.commission)


@rule("participation.view_topiccall_internal")
def can_view_call_internal(user: Any, call: TopicCall) -> bool:
    """See the call's unscreened proposals (commission roles of the jurisdiction)."""
    return scope_for(user).watches(call.commission)


@rule("participation.answer_topic")
def can_answer(user: Any, topic: Topic) -> bool:
    """部门答题: the commission's admins, or the unit the topic was assigned to."""
    if topic.state in ("submitted", "withdrawn"):
        return False
    if can_manage_call(user, topic.call):
        return True
    return topic.responsible_unit_id in scope_for(user).unit_ids


@rule("participation.propose_topic")
def can_propose(user: Any, call: TopicCall) -> bool:
    return is_citizen(user) and call.allow_propose and call.is_open


@rule("participation.support_topic")
def can_support(user: Any, topic: Topic) -> bool:
    return is_citizen(user) and topic.state == "published" and topic.call.is_open


@rule("participation.withdraw_topic")
def can_withdraw(user: Any, topic: Topic) -> bool:
    """The proposer takes back a proposal not yet decided."""
    return (
        is_citizen(user)
        and topic.proposer_id == user.pk
        and topic.state in ("submitted", "published")
    )


@rule("participation.evaluate_project")
def can_evaluate(user: Any, project: Project) -> bool:
    return is_citizen(user) and evaluation_window_open(project)


@rule("participation.record_survey")
def can_record_survey(user: Any, subject: Project | Campaign) -> bool:
    campaign = subject.campaign if isinstance(subject, Project) else subject
    return scope_for(user).administers(campaign.issuer)


@rule("participation.moderate_evaluation")
def can_moderate(user: Any, evaluation: Evaluation) -> bool:
    return scope_for(user).administers(evaluation.project.campaign.issuer)


@rule("participation.flag_evaluation")
def can_flag(user: Any, evaluation: Evaluation) -> bool:
    return (
        bool(getattr(user, "is_authenticated", False))
        and evaluation.citizen_id != user.pk
        and evaluation.comment_is_shown
    )
