"""The participation API with bearer tokens, as API clients call it."""

import json
from typing import Any

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import World, make_user, statements_of
from kaimen.accounts.models import UserKind
from kaimen.accounts.services import api_token_create
from kaimen.participation import services
from kaimen.participation.models import Evaluation, Support, Topic, TopicState
from kaimen.participation.tests import factories as f


def _headers(user: Any) -> dict[str, str]:
    return {"Authorization": f"Bearer {api_token_create(user=user)}"}


def _post(url: str, user: Any, data: dict[str, Any] | None = None) -> Any:
    return Client().post(
        url, data=json.dumps(data or {}), content_type="application/json", headers=_headers(user)
    )


def test_list_and_detail_carry_the_support_count(world: World) -> None:
    topic = f.published_topic(world)
    services.support_add(actor=world.users["citizen"], topic=topic)

    listed = Client().get(reverse("api:topic_list")).json()
    detail = Client().get(reverse("api:topic_detail", kwargs={"id": topic.pk})).json()

    assert [(t["id"], t["supports"]) for t in listed] == [(topic.pk, 1)]
    assert detail["supports"] == 1
    assert detail["state"] == "published"
    assert detail["region"] == "定海区"


def test_anonymous_callers_do_not_see_unscreened_topics(world: World) -> None:
    topic = f.submitted_topic(world)

    response = Client().get(reverse("api:topic_detail", kwargs={"id": topic.pk}))

    assert response.status_code == 404


def test_a_citizen_proposes_through_the_api(world: World) -> None:
    response = _post(
        reverse("api:topic_create"),
        world.users["citizen"],
        {
            "call": f.open_call(world).pk,
            "title": "路灯不亮",
            "description": "小区路灯坏了半年。",
            "region": world.orgs["dinghai"].pk,
            "category": "housing",
        },
    )

    assert response.status_code == 201
    body = response.json()
    assert (body["title"], body["state"], body["supports"]) == ("路灯不亮", "submitted", 0)
    assert Topic.objects.get(pk=body["id"]).proposer == world.users["citizen"]


def test_a_bad_region_is_a_400_naming_the_field(world: World) -> None:
    response = _post(
        reverse("api:topic_create"),
        world.users["citizen"],
        {
            "call": f.open_call(world).pk,
            "title": "路灯不亮",
            "description": "小区路灯坏了半年。",
            "region": world.orgs["putuo"].pk,
        },
    )

    assert response.status_code == 400
    assert response.json()["field"] == "region"
    assert Topic.objects.count() == 0


def test_support_is_201_then_200_and_counted_once(world: World) -> None:
    topic = f.published_topic(world)
    url = reverse("api:topic_support", kwargs={"id": topic.pk})
    citizen = world.users["citizen"]

    first = _post(url, citizen)
    second = _post(url, citizen)

    assert first.status_code == 201
    assert first.json() == {"topic": topic.pk, "supports": 1, "created": True}
    assert second.status_code == 200
    assert second.json() == {"topic": topic.pk, "supports": 1, "created": False}
    assert Support.objects.filter(topic=topic).count() == 1


def test_a_support_does_only_its_own_work(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    topic = f.published_topic(world)
    url = reverse("api:topic_support", kwargs={"id": topic.pk})
    for n in range(3):  # many supporters before: the cost does not grow with them
        services.support_add(actor=make_user(f"early{n}", kind=UserKind.CITIZEN), topic=topic)
    citizen = world.users["citizen"]
    headers = _headers(citizen)

    with (
        CaptureQueriesContext(connection) as queries,
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = Client().post(url, content_type="application/json", headers=headers)

    assert response.json() == {"topic": topic.pk, "supports": 4, "created": True}
    statements = statements_of(queries.captured_queries)
    # the bearer token, the scope, the topic with its call, then the write: the support and the
    # event; the count answered (from the unique index); after the commit, the follow
    assert statements == [
        "SELECT accounts_apitoken",
        "SELECT orgs_membership",
        "SELECT participation_topic",
        "INSERT participation_support",
        "INSERT timeline_event",
        "SELECT participation_support",
        "SELECT notifications_follow",
        "INSERT notifications_follow",
    ], "\n".join(statements)


def test_staff_tokens_cannot_support(world: World) -> None:
    topic = f.published_topic(world)

    response = _post(
        reverse("api:topic_support", kwargs={"id": topic.pk}), world.users["commission_admin"]
    )

    assert response.status_code == 403
    assert Support.objects.count() == 0


def test_supporting_a_merged_topic_is_refused(world: World) -> None:
    topic = f.published_topic(world)
    Topic.objects.filter(pk=topic.pk).update(state=TopicState.DECLINED)

    response = _post(reverse("api:topic_support", kwargs={"id": topic.pk}), world.users["citizen"])

    assert response.status_code == 403
    assert Support.objects.count() == 0


def test_evaluations_201_then_200_with_the_rate_and_n(world: World) -> None:
    url = reverse("api:project_evaluate", kwargs={"id": world.projects["published"].pk})

    first = _post(url, world.users["citizen"], {"rating": "satisfied", "comment": "好"})
    other = _post(url, f.other_citizen(world), {"rating": "dissatisfied"})
    changed = _post(url, world.users["citizen"], {"rating": "basically_satisfied"})

    assert first.status_code == 201
    assert other.json()["satisfaction_rate"] == 50.0
    assert changed.status_code == 200
    assert (changed.json()["n"], changed.json()["satisfaction_rate"]) == (2, 50.0)
    assert Evaluation.objects.count() == 2


def test_an_unknown_rating_names_the_field(world: World) -> None:
    url = reverse("api:project_evaluate", kwargs={"id": world.projects["published"].pk})

    response = _post(url, world.users["citizen"], {"rating": "great"})

    assert response.status_code == 400
    assert response.json()["field"] == "rating"
    assert Evaluation.objects.count() == 0


def test_a_draft_project_is_404_to_citizens(world: World) -> None:
    url = reverse("api:project_evaluate", kwargs={"id": world.projects["draft"].pk})

    response = _post(url, world.users["citizen"], {"rating": "satisfied"})

    assert response.status_code == 404


def test_a_running_project_is_public_but_not_rated_before_its_results(world: World) -> None:
    url = reverse("api:project_evaluate", kwargs={"id": world.projects["in_progress"].pk})

    response = _post(url, world.users["citizen"], {"rating": "satisfied"})

    assert response.status_code == 403
    assert not Evaluation.objects.exists()
