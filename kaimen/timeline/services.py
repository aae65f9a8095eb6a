import json
from collections.abc import Iterable, Mapping
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils import timezone

from kaimen.core.public_cache import public_pages_changed
from kaimen.timeline.models import ChainHead, DailySeal, Event
from kaimen.timeline.seal import seal_keys, seal_mac, sealing_key

GENESIS = "0" * 64
# Events sealed per transaction of the sealer, and rows per UPDATE statement within it.
SEAL_BATCH = 5000
SEAL_UPDATE_ROWS = 500


def _json_default(value: object) -> str:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return str(value)


def jsonable(data: Mapping[str, Any]) -> dict[str, Any]:
    """Round-trip through JSON so what is hashed is exactly what the database gives back."""
    loaded: dict[str, Any] = json.loads(json.dumps(dict(data), default=_json_default))
    return loaded


def event_digest(event: Event, prev_hash: str, key: bytes) -> str:
    """The event's seal: the keyed MAC of its content, its place in the chain and the previous
    event's seal."""
    payload = {
        "sequence": event.sequence,
        "created_at": event.created_at.isoformat(),
        "actor": event.actor_id,
        "actor_label": event.actor_label,
        "organization": event.organization_id,
        "action": event.action,
        "target_type": event.target_type_id,
        "target_id": event.target_id,
        "target_repr": event.target_repr,
        "before": event.before,
        "after": event.after,
        "reason": event.reason,
        "prev": prev_hash,
    }
    blob = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return seal_mac(key, blob.encode())


def _actor_label(actor: Any, user: Any) -> str:
    if user is not None:
        return str(user.get_username())
    if isinstance(actor, AnonymousUser):
        return "anonymous"  # a member of the public without an account (e.g. a report)
    return str(actor or "system")


def event_record(
    *,
    actor: Any,
    action: str,
    target: models.Model,
    organization: Any = None,
    before: Mapping[str, Any] | None = None,
    after: Mapping[str, Any] | None = None,
    reason: str = "",
) -> Event:
    """Record an event; call inside the transaction of the change it records.

    A plain INSERT that waits for no other writer: `events_seal` links it into the chain once
    it has committed."""
    user = actor if getattr(actor, "is_authenticated", False) else None
    event = Event.objects.create(
        created_at=timezone.now().replace(microsecond=0),
        actor=user,
        actor_label=_actor_label(actor, user)[:150],
        organization=organization,
        action=action,
        target_type=ContentType.objects.get_for_model(target, for_concrete_model=False),
        target_id=str(target.pk),
        target_repr=str(target)[:200],
        before=jsonable(before or {}),
        after=jsonable(after or {}),
        reason=reason,
    )
    public_pages_changed()
    return event


def events_seal(*, limit: int = SEAL_BATCH) -> int:
    """Link committed, unsealed events into the chain in the order they were recorded; return
    how many were sealed.

    Only one sealer works at a time (it locks the chain head; writers never do). It sees only
    committed events, and an event's place in the chain is given here, so a transaction that
    commits late is sealed after the events sealed before it: nothing can land below a sealed
    event. The day's published seal moves to the new head.
    """
    key_id, key = sealing_key()
    with transaction.atomic():
        head, _ = ChainHead.objects.select_for_update().get_or_create(pk=1)
        pending = list(Event.objects.filter(sequence__isnull=True).order_by("id")[:limit])
        if not pending:
            return 0
        sequence, prev = head.sequence, head.hash
        for event in pending:
            sequence += 1
            event.sequence, event.prev_hash, event.seal_key = sequence, prev, key_id
            event.hash = prev = event_digest(event, prev, key)
        Event.objects.bulk_update(
            pending, ["sequence", "prev_hash", "hash", "seal_key"], batch_size=SEAL_UPDATE_ROWS
        )
        head.sequence, head.hash = sequence, prev
        head.save(update_fields=["sequence", "hash"])
        now = timezone.now()
        DailySeal.objects.update_or_create(
            day=timezone.localdate(now),
            defaults={"sequence": sequence, "hash": prev, "seal_key": key_id, "updated_at": now},
        )
    return len(pending)


def events_seal_all() -> int:
    """Seal everything committed so far, batch after batch."""
    total = 0
    while sealed := events_seal():
        total += sealed
    return total


def changes(
    instance: models.Model, fields: Iterable[str], new: Mapping[str, Any]
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The before/after pair for the fields whose value `new` changes."""
    before: dict[str, Any] = {}
    after: dict[str, Any] = {}
    for field in fields:
        if field in new and getattr(instance, field) != new[field]:
            before[field] = getattr(instance, field)
            after[field] = new[field]
    return before, after


def chain_verify() -> tuple[bool, Event | None, str]:
    """Walk the chain in order; return (intact, first broken event, what is wrong)."""
    keys = seal_keys()
    prev_hash = GENESIS
    expected = 1
    sealed = Event.objects.filter(sequence__isnull=False).order_by("sequence")
    for event in sealed.iterator(chunk_size=2000):
        if event.sequence != expected:
            return False, event, f"event #{expected} is missing before #{event.sequence}"
        if event.prev_hash != prev_hash:
            return False, event, f"event #{event.sequence} does not follow the previous event"
        key = keys.get(event.seal_key)
        if key is None:
            return False, event, f"event #{event.sequence} is sealed with an unknown key"
        if event_digest(event, prev_hash, key) != event.hash:
            return False, event, f"event #{event.sequence} was altered (or sealed with another key)"
        prev_hash = event.hash
        expected += 1
    head = ChainHead.objects.filter(pk=1).first()
    if head is not None and head.sequence != expected - 1:
        return False, None, f"the chain ends at #{expected - 1} but {head.sequence} were sealed"
    return True, None, ""


def unsealed_overdue(*, now: datetime | None = None) -> tuple[int, Event | None]:
    """Events the sealer has left unsealed longer than `KAIMEN_EVENT_UNSEALED_SECONDS`: how
    many, and the oldest."""
    cutoff = (now or timezone.now()) - timedelta(seconds=settings.KAIMEN_EVENT_UNSEALED_SECONDS)
    late = Event.objects.filter(sequence__isnull=True, created_at__lt=cutoff)
    return late.count(), late.order_by("id").first()


def digests_check(digests: Iterable[Mapping[str, Any]]) -> list[str]:
    """Compare published day seals (`day`, `sequence`, `hash`) with the chain; what differs."""
    wanted = {int(d["sequence"]): (str(d["day"]), str(d["hash"])) for d in digests}
    found = dict(
        Event.objects.filter(sequence__in=wanted).values_list("sequence", "hash").iterator()
    )
    problems = []
    for sequence, (day, digest) in sorted(wanted.items()):
        if sequence not in found:
            problems.append(f"the seal of {day} names event #{sequence}, which is missing")
        elif found[sequence] != digest:
            problems.append(f"the seal of {day} does not match event #{sequence}")
    return problems
