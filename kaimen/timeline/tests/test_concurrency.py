"""Writers and the sealer at the same time (PostgreSQL: real concurrent transactions).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kaimen_test .venv/bin/pytest -q \
        kaimen/timeline/tests/test_concurrency.py
"""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, connections, transaction

from conftest import build_world
from kaimen.timeline.models import Event
from kaimen.timeline.services import chain_verify, event_record, events_seal_all

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs PostgreSQL's concurrent transactions"
    ),
]


def test_a_late_commit_is_sealed_after_what_was_sealed_before_it() -> None:
    world = build_world()
    target = world.projects["published"]
    recorded, release = threading.Event(), threading.Event()

    def slow_writer() -> int:
        try:
            with transaction.atomic():
                event = event_record(actor=None, action="slow", target=target)
                recorded.set()
                release.wait(timeout=30)
            return event.pk
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=1) as pool:
        slow = pool.submit(slow_writer)
        assert recorded.wait(timeout=30)
        quick = event_record(actor=None, action="quick", target=target)  # committed at once
        assert events_seal_all() == 1  # the open transaction's event is not visible yet
        release.set()
        slow_pk = slow.result()

    assert slow_pk < quick.pk  # recorded first...
    assert events_seal_all() == 1
    quick_seq = Event.objects.get(pk=quick.pk).sequence
    slow_seq = Event.objects.get(pk=slow_pk).sequence
    assert slow_seq is not None
    assert quick_seq is not None
    assert slow_seq > quick_seq  # ...but committed later, so sealed later: nothing below a seal
    assert chain_verify() == (True, None, "")


def test_many_writers_and_a_sealer_at_once_lose_nothing() -> None:
    world = build_world()
    target = world.projects["published"]
    writers, per_writer = 8, 25
    barrier = threading.Barrier(writers + 1)

    def write(_: int) -> None:
        try:
            barrier.wait()
            for _ in range(per_writer):
                with transaction.atomic():
                    event_record(actor=None, action="many", target=target)
        finally:
            connections.close_all()

    def seal() -> None:
        try:
            barrier.wait()
            for _ in range(20):
                events_seal_all()
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=writers + 1) as pool:
        sealer = pool.submit(seal)
        list(pool.map(write, range(writers)))
        sealer.result()
    events_seal_all()

    assert Event.objects.filter(action="many").count() == writers * per_writer
    assert not Event.objects.filter(sequence__isnull=True).exists()
    assert chain_verify() == (True, None, "")
