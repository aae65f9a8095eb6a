"""Many supports of the same citizen at the same moment still count once (the database's unique
constraint decides). Runs on PostgreSQL (real concurrent transactions):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kaimen_test .venv/bin/pytest -q \
        kaimen/participation/tests/test_concurrency.py
"""

import threading
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, connections

from conftest import World, build_world, make_user
from kaimen.accounts.models import UserKind
from kaimen.participation import services
from kaimen.participation.models import Support
from kaimen.participation.tests import factories as f
from kaimen.timeline.models import Event

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs PostgreSQL's concurrent transactions"
    ),
]

THREADS = 16


def _together(world: World, *, users: Sequence[object]) -> list[bool]:
    topic = f.published_topic(world)
    barrier = threading.Barrier(len(users))

    def support(user: object) -> bool:
        try:
            barrier.wait()
            return services.support_add(actor=user, topic=topic)[1]
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=len(users)) as pool:
        return list(pool.map(support, users))


def test_the_same_citizen_supporting_at_once_counts_once() -> None:
    world = build_world()
    citizen = world.users["citizen"]

    created = _together(world, users=[citizen] * THREADS)

    assert created.count(True) == 1
    assert Support.objects.filter(user=citizen).count() == 1
    assert Event.objects.filter(action="topic.supported").count() == 1


def test_different_citizens_at_once_all_count() -> None:
    world = build_world()
    citizens = [make_user(f"c{i}", kind=UserKind.CITIZEN) for i in range(THREADS)]

    created = _together(world, users=citizens)

    assert created == [True] * THREADS
    assert Support.objects.count() == THREADS
