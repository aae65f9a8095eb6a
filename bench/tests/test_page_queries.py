"""The project and campaign pages cost the same number of queries however many records stand
behind them: problems, topics with supports, ratings and reports of the project (the benchmark
measures their time over a province's data; here only the count, which must not grow)."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import World, make_user
from kaimen.accounts.models import UserKind
from kaimen.participation.models import Evaluation, Rating, Support, Topic, TopicCall, TopicState
from kaimen.reports.models import Category, Report
from kaimen.supervision.models import Problem, ProblemSource

START = date(2024, 3, 1)


def _add_records(world: World, first: int, last: int) -> None:
    project = world.projects["published"]
    call, _created = TopicCall.objects.get_or_create(
        commission=world.orgs["dh_jiwei"],
        title="群众点题",
        defaults={"opens_at": "2024-01-01T00:00Z", "closes_at": "2024-03-01T00:00Z"},
    )
    category, _created = Category.objects.get_or_create(
        code="990", defaults={"name": "基层治理", "kind": "service_request"}
    )
    for n in range(first, last + 1):
        citizen = make_user(f"records-citizen-{n}", kind=UserKind.CITIZEN)
        Problem.objects.create(
            commission=world.orgs["dh_jiwei"],
            number=f"2024-{n:04d}",
            source=ProblemSource.INSPECTION,
            project=project,
            responsible_unit=world.orgs["dh_jiaoyu"],
            description=f"问题{n}",
            assigned_on=START,
            original_deadline=START + timedelta(days=30),
            deadline=START + timedelta(days=30 + n),
        )
        topic = Topic.objects.create(
            call=call,
            title=f"点题{n}",
            description="群众反映的问题",
            region=world.orgs["dinghai"],
            state=TopicState.SELECTED,
            project=project,
        )
        Support.objects.create(topic=topic, user=citizen)
        Evaluation.objects.create(project=project, citizen=citizen, rating=Rating.SATISFIED)
        Report.objects.create(
            kind="service_request",
            channel="web",
            category=category,
            content=f"诉求{n}",
            commission=world.orgs["dh_jiwei"],
            project=project,
            receipt_digest=f"{n:064d}",
            content_digest="c" * 64,
            client_digest="d" * 64,
            received_on=START,
            accept_due=START + timedelta(days=3),
        )


def _queries(world: World, role: str) -> dict[str, int]:
    client = world.client_for(role)
    counts = {}
    for name, url in (
        (
            "campaign",
            reverse("portal:campaign_detail", args=[world.projects["published"].campaign_id]),
        ),
        ("project", reverse("portal:project_detail", args=[world.projects["published"].pk])),
    ):
        client.get(url)  # caches that fill once (content types, the calendar) filled
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        counts[name] = len(captured.captured_queries)
    return counts


@pytest.mark.parametrize("role", ["anonymous", "commission_admin"])
def test_project_and_campaign_pages_cost_the_same_with_twenty_times_the_records(
    world: World, role: str
) -> None:
    _add_records(world, 1, 1)
    few = _queries(world, role)
    _add_records(world, 2, 20)
    many = _queries(world, role)
    assert many == few
