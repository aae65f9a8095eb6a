import hashlib
import json
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils import timezone

from kaimen.core.public_cache import public_pages_changed
from kaimen.timeline.models import ChainHead, Event

GENESIS = "0" * 64


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


def event_digest(event: Event, prev_hash: str) -> str:
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
    return hashlib.sha256(blob.encode()).hexdigest()


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
    """Append an event to the chain; call inside the transaction of the change it records."""
    with transaction.atomic():
        head, _ = ChainHead.objects.select_for_update().get_or_create(pk=1)
        user = actor if getattr(actor, "is_authenticated", False) else None
        event = Event(
            sequence=head.sequence + 1,
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
            prev_hash=head.hash,
        )
        event.hash = event_digest(event, head.hash)
        event.save()
        head.sequence, head.hash = event.sequence, event.hash
        head.save(update_fields=["sequence", "hash"])
        public_pages_changed()
    return event


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
    prev_hash = GENESIS
    expected = 1
    for event in Event.objects.order_by("sequence").iterator(chunk_size=2000):
        if event.sequence != expected:
            return False, event, f"event #{expected} is missing before #{event.sequence}"
        if event.prev_hash != prev_hash:
            return False, event, f"event #{event.sequence} does not follow the previous event"
        if event_digest(event, prev_hash) != event.hash:
            return False, event, f"event #{event.sequence} was altered"
        prev_hash = event.hash
        expected += 1
    head = ChainHead.objects.filter(pk=1).first()
    if head is not None and head.sequence != expected - 1:
        return False, None, f"the chain ends at #{expected - 1} but {head.sequence} were written"
    return True, None, ""
