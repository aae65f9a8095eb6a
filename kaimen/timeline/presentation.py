"""Events as a person reads them on an object's page: who did what, what changed from what to
what, and why. Each app names its actions and fields and writes its values; the rows and their
template (timeline/_rows.html) are the same everywhere."""

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from kaimen.timeline.models import Event


@dataclass
class TimelineRow:
    at: datetime
    actor: str
    action: str
    changes: list[tuple[str, str, str]] = field(default_factory=list)
    reason: str = ""


def timeline_rows(
    events: Iterable[Event],
    *,
    action_labels: Mapping[str, Any],
    field_labels: Mapping[str, Any],
    value_text: Callable[[str, Any], str],
    shown: Callable[[str], bool] = lambda name: True,
    skip_unchanged: bool = False,
    system_actor: str | None = None,
) -> list[TimelineRow]:
    """One row per event. A field is listed when `shown(name)`; its label falls back to its
    name; a value absent on one side reads as "". `skip_unchanged` drops fields whose text did
    not change; `system_actor` names the events no person made (nightly work)."""
    rows = []
    for event in events:
        before = event.before if isinstance(event.before, dict) else {}
        after = event.after if isinstance(event.after, dict) else {}
        changes = []
        for name in dict.fromkeys([*before, *after]):
            if not shown(name):
                continue
            old = value_text(name, before[name]) if name in before else ""
            new = value_text(name, after[name]) if name in after else ""
            if skip_unchanged and old == new and name in before:
                continue
            changes.append((str(field_labels.get(name, name)), old, new))
        actor = event.actor_label
        if event.actor is not None:
            actor = event.actor.display_name or event.actor.get_username()
        elif system_actor is not None and actor == "system":
            actor = system_actor
        rows.append(
            TimelineRow(
                at=event.created_at,
                actor=actor,
                action=str(action_labels.get(event.action, event.action)),
                changes=changes,
                reason=event.reason,
            )
        )
    return rows
