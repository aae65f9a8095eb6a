"""One shape for a record's state machine: the actions each state allows (`Action` in a
`StateMachine`), the optimistic version check that keeps two people from both winning
(`advance`), and the Event each service records with `timeline.event_record`.

A service using it: `require` the action's permission, `MACHINE.check(obj, name, …)` (409
"invalid_transition", naming the actions the state allows), `advance(obj, version, …)` (409
"stale" when someone changed the record since `version` was read), then `event_record`.
Pages and the API ask `MACHINE.allowed(user, obj)` for the buttons and booleans they show.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models import F, Model
from django.utils import timezone

from kaimen.core.errors import ConflictError


@dataclass(frozen=True)
class Action:
    sources: tuple[str, ...]  # the states it starts from
    target: str | None = None  # the state it leads to (None: the state stays)
    permissions: tuple[str, ...] = ()  # any one of them suffices
    condition: Callable[..., bool] | None = None  # (obj, **context) → whether it applies now


@dataclass(frozen=True)
class StateMachine:
    actions: Mapping[str, Action]

    def available(self, obj: Any, **context: Any) -> list[str]:
        """The actions the record's state (and each action's condition) allows, whoever asks."""
        return [
            name
            for name, action in self.actions.items()
            if obj.state in action.sources
            and (action.condition is None or action.condition(obj, **context))
        ]

    def allowed(self, user: Any, obj: Any, *, on: Any = None, **context: Any) -> list[str]:
        """The actions this user may take now: available, and one of the action's permissions
        held on `on` (the record itself unless the rule is decided on another object)."""
        target = obj if on is None else on
        return [
            name
            for name in self.available(obj, **context)
            if any(user.has_perm(perm, target) for perm in self.actions[name].permissions)
        ]

    def check(
        self, obj: Any, name: str, message: Callable[[list[str]], str], **context: Any
    ) -> Action:
        """The action, if the record's state allows it; else 409 "invalid_transition" with
        `message(allowed)` and the actions that are allowed."""
        available = self.available(obj, **context)
        if name not in available:
            raise ConflictError(message(available), code="invalid_transition", allowed=available)
        return self.actions[name]


def advance(
    obj: Any, *, version: int | None, stale: str, match_state: bool = True, **changes: Any
) -> None:
    """Write `changes` only if nobody changed the record since it was read: the UPDATE matches
    its state (unless `match_state` is off: an edit that is no transition) and, when given, the
    version read, moves the version on and stamps updated_at; no row matched is 409 "stale"
    with the message `stale`."""
    model: type[Model] = type(obj)
    filters: dict[str, Any] = {"pk": obj.pk}
    if match_state:
        filters["state"] = obj.state
    if version is not None:
        filters["version"] = version
    updated = model._default_manager.filter(**filters).update(
        **changes, version=F("version") + 1, updated_at=timezone.now()
    )
    if not updated:
        raise ConflictError(stale, code="stale")
    for name, value in changes.items():
        setattr(obj, name, value)
    if version is not None:
        obj.version = version + 1
    else:  # the caller did not say which version it read: take the one just written
        obj.version = model._default_manager.values_list("version", flat=True).get(pk=obj.pk)
