from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from conftest import World
from kaimen.timeline.models import ChainHead, Event
from kaimen.timeline.selectors import event_list_for
from kaimen.timeline.services import GENESIS, chain_verify, event_record


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


def test_events_form_a_chain_from_genesis(world: World) -> None:
    first, second, third = _record_three(world)

    assert first.prev_hash == GENESIS
    assert second.prev_hash == first.hash
    assert third.prev_hash == second.hash
    assert [first.sequence, second.sequence, third.sequence] == [1, 2, 3]
    assert ChainHead.objects.get().hash == third.hash
    assert third.actor_label == "system"
    assert chain_verify() == (True, None, "")


def test_an_objects_timeline_lists_only_its_events_in_order(world: World) -> None:
    _record_three(world)
    timeline = list(event_list_for(target=world.projects["in_progress"]))
    assert [e.sequence for e in timeline] == [1, 2]
    assert timeline[1].before == {"goal": "一"}


def test_verify_events_passes_on_an_intact_chain(world: World) -> None:
    _record_three(world)
    out = StringIO()
    call_command("verify_events", stdout=out)
    assert "intact" in out.getvalue()


def test_verify_events_names_an_altered_event(world: World) -> None:
    _record_three(world)
    Event.objects.filter(sequence=2).update(reason="改过")

    with pytest.raises(CommandError, match="#2 was altered"):
        call_command("verify_events")


def test_verify_events_names_a_removed_event(world: World) -> None:
    _record_three(world)
    Event.objects.filter(sequence=2).delete()

    with pytest.raises(CommandError, match="#2 is missing"):
        call_command("verify_events")


def test_verify_events_notices_a_removed_last_event(world: World) -> None:
    _record_three(world)
    Event.objects.filter(sequence=3).delete()

    with pytest.raises(CommandError, match="ends at #2"):
        call_command("verify_events")


def test_verify_events_exits_non_zero_from_the_shell(world: World) -> None:
    _record_three(world)
    Event.objects.filter(sequence=1).update(after={"goal": "伪造"})
    with pytest.raises(CommandError) as caught:
        call_command("verify_events")
    assert caught.value.returncode == 1
