import json
from datetime import timedelta
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from conftest import World
from kaimen.timeline.models import ChainHead, DailySeal, Event
from kaimen.timeline.seal import sealing_key
from kaimen.timeline.selectors import event_list_for
from kaimen.timeline.services import (
    GENESIS,
    chain_verify,
    event_digest,
    event_record,
    events_seal,
    events_seal_all,
)


def _record_three(world: World) -> list[Event]:
    project = world.projects["in_progress"]
    actor = world.users["commission_admin"]
    return [
        event_record(actor=actor, action="project.updated", target=project, after={"goal": "一"}),
        event_record(
            actor=actor,
            action="project.updated",
            target=project,
            before={"goal": "一"},
            after={"goal": "二"},
            reason="更正",
        ),
        event_record(actor=None, action="project.publish", target=world.projects["published"]),
    ]


def _sealed_three(world: World) -> list[Event]:
    _record_three(world)
    events_seal_all()
    return list(Event.objects.order_by("sequence"))


def test_recording_is_one_insert_and_takes_no_lock(world: World) -> None:
    project = world.projects["in_progress"]
    actor = world.users["commission_admin"]
    event_record(actor=actor, action="project.updated", target=project)  # content type cached
    with CaptureQueriesContext(connection) as queries:
        event = event_record(actor=actor, action="project.updated", target=project)
    sql = [q["sql"] for q in queries.captured_queries]
    assert len(sql) == 1, sql
    assert sql[0].startswith("INSERT"), sql
    assert event.sequence is None
    assert event.hash == ""


def test_the_sealer_links_events_into_a_chain_from_genesis(world: World) -> None:
    recorded = _record_three(world)

    assert events_seal() == 3
    first, second, third = Event.objects.order_by("sequence")

    assert [e.pk for e in (first, second, third)] == [e.pk for e in recorded]
    assert first.prev_hash == GENESIS
    assert second.prev_hash == first.hash
    assert third.prev_hash == second.hash
    assert [first.sequence, second.sequence, third.sequence] == [1, 2, 3]
    assert {e.seal_key for e in (first, second, third)} == {sealing_key()[0]}
    assert ChainHead.objects.get().hash == third.hash
    assert third.actor_label == "system"
    assert chain_verify() == (True, None, "")
    assert events_seal() == 0


def test_the_seal_is_keyed(world: World) -> None:
    first = _sealed_three(world)[0]
    _key_id, key = sealing_key()
    assert event_digest(first, GENESIS, key) == first.hash
    assert event_digest(first, GENESIS, b"another key") != first.hash


def test_sealing_in_batches_continues_the_chain(world: World) -> None:
    _record_three(world)
    assert events_seal(limit=2) == 2
    event_record(actor=None, action="project.publish", target=world.projects["published"])
    assert events_seal_all() == 2
    assert list(Event.objects.order_by("sequence").values_list("sequence", flat=True)) == [
        1,
        2,
        3,
        4,
    ]
    assert chain_verify() == (True, None, "")
    seal = DailySeal.objects.get()
    assert (seal.sequence, seal.hash) == (4, Event.objects.get(sequence=4).hash)


def test_an_objects_timeline_lists_only_its_events_in_order(world: World) -> None:
    _record_three(world)
    timeline = list(event_list_for(target=world.projects["in_progress"]))
    assert len(timeline) == 2
    assert timeline[1].before == {"goal": "一"}


def test_verify_events_passes_on_an_intact_chain(world: World) -> None:
    _sealed_three(world)
    out = StringIO()
    call_command("verify_events", stdout=out)
    assert "intact" in out.getvalue()


def test_seal_events_command_seals_what_is_pending(world: World) -> None:
    _record_three(world)
    out = StringIO()
    call_command("seal_events", stdout=out)
    assert "3 event(s) sealed" in out.getvalue()
    assert not Event.objects.filter(sequence__isnull=True).exists()


def test_verify_events_names_an_altered_event(world: World) -> None:
    _sealed_three(world)
    Event.objects.filter(sequence=2).update(reason="改过")

    with pytest.raises(CommandError, match="#2 was altered"):
        call_command("verify_events")


def test_verify_events_names_a_removed_event(world: World) -> None:
    _sealed_three(world)
    Event.objects.filter(sequence=2).delete()

    with pytest.raises(CommandError, match="#2 is missing"):
        call_command("verify_events")


def test_verify_events_notices_a_removed_last_event(world: World) -> None:
    _sealed_three(world)
    Event.objects.filter(sequence=3).delete()

    with pytest.raises(CommandError, match="ends at #2"):
        call_command("verify_events")


def test_verify_events_notices_an_inserted_event(world: World) -> None:
    first, second, third = _sealed_three(world)
    # Make room after #1 and put a forged event there, sealed with a key of the forger's own.
    Event.objects.filter(pk=third.pk).update(sequence=4)
    Event.objects.filter(pk=second.pk).update(sequence=3)
    forged = Event(
        sequence=2,
        created_at=first.created_at,
        actor_label="system",
        action="project.publish",
        target_type=first.target_type,
        target_id=first.target_id,
        prev_hash=first.hash,
        seal_key=first.seal_key,
    )
    forged.hash = event_digest(forged, first.hash, b"the forger's key")
    forged.save()

    with pytest.raises(CommandError, match="#2 was altered"):
        call_command("verify_events")


def test_verify_events_notices_reordered_events(world: World) -> None:
    _first, second, third = _sealed_three(world)
    Event.objects.filter(pk=second.pk).update(sequence=None)
    Event.objects.filter(pk=third.pk).update(sequence=2)
    Event.objects.filter(pk=second.pk).update(sequence=3)

    with pytest.raises(CommandError, match="#2 does not follow"):
        call_command("verify_events")


def test_verify_events_refuses_a_chain_sealed_with_another_key(world: World, settings: Any) -> None:
    _sealed_three(world)
    settings.KAIMEN_EVENT_SEAL_KEYS = [f"{sealing_key()[0]}:not-the-key-it-was-sealed-with"]

    with pytest.raises(CommandError, match="#1 was altered"):
        call_command("verify_events")


def test_a_rotated_key_seals_new_events_and_still_verifies_old_ones(
    world: World, settings: Any
) -> None:
    _sealed_three(world)
    old = settings.KAIMEN_EVENT_SEAL_KEYS[0]
    settings.KAIMEN_EVENT_SEAL_KEYS = ["k2:a-new-secret", old]
    event_record(actor=None, action="project.publish", target=world.projects["published"])
    events_seal_all()

    assert Event.objects.get(sequence=4).seal_key == "k2"
    assert chain_verify() == (True, None, "")
    settings.KAIMEN_EVENT_SEAL_KEYS = ["k2:a-new-secret"]  # the old key dropped: unverifiable
    assert chain_verify()[2] == "event #1 is sealed with an unknown key"


def test_verify_events_notices_events_left_unsealed_too_long(world: World) -> None:
    _sealed_three(world)
    late = event_record(actor=None, action="project.publish", target=world.projects["published"])
    call_command("verify_events", stdout=StringIO())  # just recorded: not late yet
    Event.objects.filter(pk=late.pk).update(created_at=timezone.now() - timedelta(minutes=2))

    with pytest.raises(CommandError, match="1 event\\(s\\) left unsealed too long"):
        call_command("verify_events")


def test_verify_events_checks_against_saved_day_seals(world: World, tmp_path: Path) -> None:
    _sealed_three(world)
    saved = tmp_path / "seals.json"
    saved.write_text(Client().get(reverse("api:chain_seals")).content.decode())
    call_command("verify_events", "--against", str(saved), stdout=StringIO())

    # Someone holding the key rebuilds the chain after changing the last event, day seal too:
    # only the copy kept elsewhere still knows the old head.
    _key_id, key = sealing_key()
    third = Event.objects.get(sequence=3)
    third.reason = "改过"
    third.hash = event_digest(third, third.prev_hash, key)
    third.save()
    ChainHead.objects.update(hash=third.hash)
    DailySeal.objects.update(hash=third.hash)
    call_command("verify_events", stdout=StringIO())

    with pytest.raises(CommandError, match="does not match event #3"):
        call_command("verify_events", "--against", str(saved))


def test_verify_events_refuses_an_unreadable_seals_file(world: World, tmp_path: Path) -> None:
    saved = tmp_path / "seals.json"
    saved.write_text(json.dumps({"seals": [{"day": "2024-01-01"}]}))
    with pytest.raises(CommandError, match="expected the day seals"):
        call_command("verify_events", "--against", str(saved))


def test_verify_events_exits_non_zero_from_the_shell(world: World) -> None:
    _sealed_three(world)
    Event.objects.filter(sequence=1).update(after={"goal": "伪造"})
    with pytest.raises(CommandError) as caught:
        call_command("verify_events")
    assert caught.value.returncode == 1


def test_the_day_seals_are_public(world: World) -> None:
    _sealed_three(world)
    head = Event.objects.get(sequence=3)
    page = Client().get(reverse("timeline:seals"))
    assert head.hash in page.content.decode()
    seals = Client().get(reverse("api:chain_seals")).json()["seals"]
    assert [(s["sequence"], s["hash"]) for s in seals] == [(3, head.hash)]
