"""Scoped reads of topic calls, topics and evaluations: missing and forbidden look the same (404).

The public sees calls once they open, topics once screened (published, selected, merged,
declined); a citizen also sees their own proposals; commission roles see everything of their
jurisdiction's calls.
"""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone

from kaimen.campaigns.models import Campaign, CampaignState, Project
from kaimen.orgs.models import Organization, OrganizationKind
from kaimen.orgs.selectors import path_q, scope_for
from kaimen.participation.models import (
    HIDDEN_COMMENT_STATES,
    PUBLIC_TOPIC_STATES,
    CommentState,
    Evaluation,
    Rating,
    Support,
    Survey,
    Topic,
    TopicCall,
    TopicState,
)
from kaimen.participation.similarity import rank_similar
from kaimen.participation.windows import evaluation_closes_at, evaluation_window_open

SIMILAR_MIN_CHARS = 4  # fewer characters typed: too early to suggest anything

# ---------------------------------------------------------------- calls


def _call_visibility_q(user: Any) -> Q:
    scope = scope_for(user)
    if scope.is_superuser:
        return Q()
    q = Q(opens_at__lte=timezone.now())
    if scope.watch_paths:
        q |= path_q(scope.watch_paths, "commission__path")
    return q


def topic_call_list_for(*, user: Any) -> QuerySet[TopicCall]:
    return (
        TopicCall.objects.filter(_call_visibility_q(user))
        .select_related("commission", "campaign")
        .annotate(
            topic_count=Count("topics", filter=Q(topics__state__in=PUBLIC_TOPIC_STATES)),
        )
        .order_by("-opens_at")
    )


def topic_call_get_for(*, user: Any, pk: int) -> TopicCall:
    call = topic_call_list_for(user=user).filter(pk=pk).first()
    if call is None:
        raise Http404
    return call


def topic_call_list_staff_for(*, user: Any) -> QuerySet[TopicCall]:
    """Calls of the commissions the user watches, with counts for the screening work."""
    scope = scope_for(user)
    qs = TopicCall.objects.all()
    if not scope.is_superuser:
        qs = qs.filter(path_q(scope.watch_paths, "commission__path"))
    return (
        qs.select_related("commission", "campaign")
        .annotate(
            topic_count=Count("topics", filter=~Q(topics__state="withdrawn")),
            pending_count=Count("topics", filter=Q(topics__state="submitted")),
        )
        .order_by("-opens_at")
    )


def topic_call_get_staff_for(*, user: Any, pk: int) -> TopicCall:
    call = topic_call_list_staff_for(user=user).filter(pk=pk).first()
    if call is None:
        raise Http404
    return call


# ---------------------------------------------------------------- topics


def _topic_visibility_q(user: Any) -> Q:
    scope = scope_for(user)
    if scope.is_superuser:
        return Q()
    q = Q(state__in=PUBLIC_TOPIC_STATES, call__opens_at__lte=timezone.now())
    if getattr(user, "is_authenticated", False):
        q |= Q(proposer__pk=user.pk)
    if scope.watch_paths:
        q |= path_q(scope.watch_paths, "call__commission__path")
    return q


def support_count() -> Coalesce:
    """A topic's supports, counted on the (topic, user) unique index: an index-only scan per
    topic, and no counter row that every support of a popular topic would queue on."""
    counted = (
        Support.objects.filter(topic=OuterRef("pk"))
        .order_by()
        .values("topic")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted), 0)


def topic_list_for(
    *, user: Any, call: TopicCall | None = None, states: tuple[str, ...] | None = None
) -> QuerySet[Topic]:
    """Topics the user may read, each with `support_count`, most supported first."""
    qs = Topic.objects.filter(_topic_visibility_q(user))
    if call is not None:
        qs = qs.filter(call=call)
    if states is not None:
        qs = qs.filter(state__in=states)
    return (
        qs.select_related(
            "call__commission", "region", "answered_by", "merged_into", "project__campaign"
        )
        .annotate(support_count=support_count())
        .order_by("-support_count", "-created_at")
    )


def topic_get_to_support(*, user: Any, pk: int) -> Topic:
    """The topic a support is for, if the user may see it: one query, no counting."""
    topic = (
        Topic.objects.filter(_topic_visibility_q(user), pk=pk)
        .select_related("call__commission")
        .first()
    )
    if topic is None:
        raise Http404
    return topic


def topic_get_for(*, user: Any, pk: int) -> Topic:
    topic = topic_list_for(user=user).filter(pk=pk).first()
    if topic is None:
        raise Http404
    return topic


def topic_list_assigned_for(*, user: Any) -> QuerySet[Topic]:
    """Topics the commission asked the user's units to answer, unanswered first."""
    unit_ids = scope_for(user).unit_ids
    return (
        Topic.objects.filter(responsible_unit__in=unit_ids, state__in=PUBLIC_TOPIC_STATES)
        .select_related("call__commission", "region", "responsible_unit")
        .annotate(support_count=support_count())
        .order_by("answered_at", "-created_at")
    )


def topic_list_mine(*, user: Any) -> QuerySet[Topic]:
    return topic_list_for(user=user).filter(proposer__pk=user.pk).order_by("-created_at")


def supported_topic_ids(*, user: Any, topics: list[Topic]) -> set[int]:
    if not getattr(user, "is_authenticated", False):
        return set()
    return set(
        Support.objects.filter(user__pk=user.pk, topic__in=topics).values_list(
            "topic_id", flat=True
        )
    )


def topic_list_supported_by(*, user: Any) -> QuerySet[Topic]:
    return topic_list_for(user=user).filter(supports__user__pk=user.pk).order_by("-created_at")


def topic_similar(
    *, call: TopicCall, title: str, description: str = "", exclude: int | None = None
) -> list[Topic]:
    """Published topics of the call that read like the text being typed, most alike first."""
    if len(title.strip()) + len(description.strip()) < SIMILAR_MIN_CHARS:
        return []
    candidates = Topic.objects.filter(
        call=call, state__in=(TopicState.PUBLISHED, TopicState.SELECTED)
    )
    if exclude is not None:
        candidates = candidates.exclude(pk=exclude)
    rows = list(candidates.values_list("pk", "title", "description"))
    matches = rank_similar(title, description, rows)
    by_pk = {
        t.pk: t
        for t in Topic.objects.filter(pk__in=[m.key for m in matches]).annotate(
            support_count=support_count()
        )
    }
    return [by_pk[m.key] for m in matches]


def region_choices_for_call(call: TopicCall) -> QuerySet[Organization]:
    """Places a topic may be about: the commission's region and its towns and communities."""
    kinds = (
        OrganizationKind.REGION,
        OrganizationKind.TOWN,
        OrganizationKind.VILLAGE,
        OrganizationKind.COMMUNITY,
    )
    return Organization.objects.filter(
        path__startswith=call.commission.jurisdiction_path, kind__in=kinds
    ).order_by("path")


def campaign_choices_for_call(call: TopicCall) -> QuerySet[Campaign]:
    return Campaign.objects.filter(issuer=call.commission).exclude(state=CampaignState.PUBLISHED)


def project_source_topics(*, project: Project) -> list[Topic]:
    """The public topics a project came from (群众点题 → 治理项目)."""
    return list(
        Topic.objects.filter(project=project, state__in=PUBLIC_TOPIC_STATES)
        .annotate(support_count=support_count())
        .order_by("pk")
    )


# ---------------------------------------------------------------- satisfaction


@dataclass(frozen=True)
class Satisfaction:
    """Online ratings of a project (with n) and the surveys recorded for it or its campaign."""

    counts: dict[str, int]
    n: int
    rate: Decimal | None  # percent, one decimal: (满意 + 基本满意) / all
    surveys: list[Survey] = field(default_factory=list)
    window_open: bool = False
    window_closes_at: Any = None
    comment_count: int = 0

    @property
    def rows(self) -> list[tuple[str, str, int]]:
        return [(r.value, str(r.label), self.counts.get(r.value, 0)) for r in Rating]


def satisfaction_rate(counts: dict[str, int]) -> Decimal | None:
    n = sum(counts.values())
    if not n:
        return None
    good = counts.get(Rating.SATISFIED, 0) + counts.get(Rating.BASICALLY_SATISFIED, 0)
    return (Decimal(good) * 100 / n).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def project_satisfaction(project: Project) -> Satisfaction:
    shown_comment = ~Q(comment="") & ~Q(comment_state__in=HIDDEN_COMMENT_STATES)
    totals = Evaluation.objects.filter(project=project).aggregate(
        **{rating.value: Count("pk", filter=Q(rating=rating.value)) for rating in Rating},
        comments=Count("pk", filter=shown_comment),
    )
    comments = totals.pop("comments")
    counts = {rating: n for rating, n in totals.items() if n}
    surveys = list(
        Survey.objects.filter(Q(project=project) | Q(campaign_id=project.campaign_id)).order_by(
            "-conducted_on", "-pk"
        )
    )
    window_open = evaluation_window_open(project)
    return Satisfaction(
        counts=counts,
        n=sum(counts.values()),
        rate=satisfaction_rate(counts),
        surveys=surveys,
        window_open=window_open,
        window_closes_at=evaluation_closes_at(project) if window_open else None,
        comment_count=comments,
    )


def evaluation_for(*, user: Any, project: Project) -> Evaluation | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return Evaluation.objects.filter(project=project, citizen__pk=user.pk).first()


def evaluation_comments_public(*, project: Project, limit: int = 20) -> list[Evaluation]:
    return list(
        Evaluation.objects.filter(project=project)
        .exclude(comment="")
        .exclude(comment_state__in=HIDDEN_COMMENT_STATES)
        .order_by("-updated_at")[:limit]
    )


def evaluation_get_public(*, pk: int) -> Evaluation:
    evaluation = (
        Evaluation.objects.select_related("project__campaign")
        .filter(pk=pk)
        .exclude(comment="")
        .exclude(comment_state__in=HIDDEN_COMMENT_STATES)
        .first()
    )
    if evaluation is None or not evaluation.project.is_public:
        raise Http404
    return evaluation


def evaluation_list_mine(*, user: Any) -> QuerySet[Evaluation]:
    return (
        Evaluation.objects.filter(citizen__pk=user.pk)
        .select_related("project__campaign")
        .order_by("-updated_at")
    )


def evaluation_moderation_queue_for(*, user: Any) -> QuerySet[Evaluation]:
    """Comments hidden by flags, of campaigns the user administers, oldest first."""
    scope = scope_for(user)
    qs = Evaluation.objects.filter(comment_state=CommentState.FLAGGED)
    if not scope.is_superuser:
        qs = qs.filter(path_q(scope.admin_paths, "project__campaign__issuer__path"))
    return (
        qs.select_related("project__campaign__issuer")
        .annotate(flag_count=Count("flags"))
        .order_by("updated_at")
    )


def evaluation_get_for_moderation(*, user: Any, pk: int) -> Evaluation:
    scope = scope_for(user)
    qs = Evaluation.objects.select_related("project__campaign__issuer")
    if not scope.is_superuser:
        qs = qs.filter(path_q(scope.admin_paths, "project__campaign__issuer__path"))
    evaluation = qs.filter(pk=pk).first()
    if evaluation is None:
        raise Http404
    return evaluation
