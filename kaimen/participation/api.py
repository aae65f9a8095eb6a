"""Topics, supports and evaluations in the JSON API (mounted at /api/v1/ by `kaimen.api.api`).

Reads go through the scoped selectors (anonymous callers see public topics); writes need a
bearer token (`POST /api/v1/auth/token`) of a citizen and go through the services.
No `from __future__ import annotations`: Ninja reads the annotations at runtime.
"""

from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Status

from kaimen.accounts.api import bearer
from kaimen.campaigns.selectors import project_get_for
from kaimen.core.api import READ_ERRORS, WRITE_ERRORS, ValidationErrorOut
from kaimen.orgs.models import Organization
from kaimen.participation import selectors, services
from kaimen.participation.models import Topic
from kaimen.participation.schemas import (
    EvaluationIn,
    EvaluationOut,
    SupportOut,
    TopicIn,
    TopicOut,
)

router = Router(tags=["participation"])


def _topic_out(topic: Topic) -> dict[str, Any]:
    return {
        "id": topic.pk,
        "call": topic.call_id,
        "title": topic.title,
        "description": topic.description,
        "region": topic.region.name,
        "category": topic.category,
        "state": topic.state,
        "is_candidate": topic.is_candidate,
        "supports": topic.support_count,  # type: ignore[attr-defined]
        "merged_into": topic.merged_into_id,
        "answer": topic.answer,
        "answered_by": topic.answered_by.name if topic.answered_by else None,
        "answered_at": topic.answered_at,
        "project": topic.project_id,
        "created_at": topic.created_at,
    }


@router.get(
    "/topics",
    response={200: list[TopicOut], **READ_ERRORS, 422: ValidationErrorOut},
    url_name="topic_list",
)
def topic_list(request: HttpRequest, call: int | None = None) -> list[dict[str, Any]]:
    """Topics the caller may read (public ones; own proposals; staff: their jurisdiction's),
    most supported first; `call` filters by topic call."""
    topics = selectors.topic_list_for(user=request.user)
    if call is not None:
        topics = topics.filter(call_id=call)
    return [_topic_out(topic) for topic in topics[:500]]


@router.post(
    "/topics", auth=bearer, response={201: TopicOut, **WRITE_ERRORS}, url_name="topic_create"
)
def topic_create(request: HttpRequest, payload: TopicIn) -> Status[dict[str, Any]]:
    """A citizen proposes a topic (点题) to an open call; it is public once screened."""
    call = selectors.topic_call_get_for(user=request.user, pk=payload.call)
    region = get_object_or_404(Organization, pk=payload.region)
    topic = services.topic_propose(
        actor=request.user,
        call=call,
        title=payload.title,
        description=payload.description,
        region=region,
        category=payload.category,
    )
    return Status(201, _topic_out(selectors.topic_get_for(user=request.user, pk=topic.pk)))


@router.get("/topics/{int:id}", response={200: TopicOut, **READ_ERRORS}, url_name="topic_detail")
def topic_detail(request: HttpRequest, id: int) -> dict[str, Any]:
    return _topic_out(selectors.topic_get_for(user=request.user, pk=id))


@router.post(
    "/topics/{int:id}/supports",
    auth=bearer,
    response={200: SupportOut, 201: SupportOut, **WRITE_ERRORS},
    url_name="topic_support",
)
def topic_support(request: HttpRequest, id: int) -> Status[dict[str, Any]]:
    """Support a topic: 201 the first time, 200 when the caller already supports it. A
    citizen's support counts once, however many requests arrive at the same time."""
    topic = selectors.topic_get_to_support(user=request.user, pk=id)
    _support, created, count = services.support_add(actor=request.user, topic=topic)
    body = {"topic": id, "supports": count, "created": created}
    return Status(201 if created else 200, body)


@router.post(
    "/projects/{int:id}/evaluations",
    auth=bearer,
    response={200: EvaluationOut, 201: EvaluationOut, **WRITE_ERRORS},
    url_name="project_evaluate",
)
def project_evaluate(
    request: HttpRequest, id: int, payload: EvaluationIn
) -> Status[dict[str, Any]]:
    """Rate a published project: 201 for the first rating, 200 when it changes the caller's
    earlier one (one per citizen per project, while the evaluation window is open)."""
    project = project_get_for(user=request.user, pk=id)
    evaluation, created = services.evaluation_submit(
        actor=request.user, project=project, rating=payload.rating, comment=payload.comment
    )
    satisfaction = selectors.project_satisfaction(project)
    return Status(
        201 if created else 200,
        {
            "id": evaluation.pk,
            "project": project.pk,
            "rating": evaluation.rating,
            "comment": evaluation.comment,
            "created": created,
            "satisfaction_rate": float(satisfaction.rate)
            if satisfaction.rate is not None
            else None,
            "n": satisfaction.n,
        },
    )
