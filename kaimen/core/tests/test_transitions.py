"""The state-machine shape: actions per state, permissions, conditions, compare-and-set."""

from typing import Any

import pytest

from conftest import World
from kaimen.campaigns.models import Project, ProjectState
from kaimen.core.errors import ConflictError
from kaimen.core.transitions import Action, StateMachine, advance

pytestmark = pytest.mark.django_db


class Thing:
    def __init__(self, state: str, *, ready: bool = True) -> None:
        self.state = state
        self.ready = ready


class User:
    def __init__(self, *perms: str) -> None:
        self.perms = set(perms)

    def has_perm(self, perm: str, obj: Any) -> bool:
        return perm in self.perms


MACHINE = StateMachine(
    {
        "open": Action(("closed",), "open", ("app.open",)),
        "close": Action(("open",), "closed", ("app.close", "app.admin")),
        "ship": Action(("open",), permissions=("app.close",), condition=lambda t, **c: t.ready),
    }
)


def test_available_follows_state_and_condition() -> None:
    assert MACHINE.available(Thing("open")) == ["close", "ship"]
    assert MACHINE.available(Thing("open", ready=False)) == ["close"]
    assert MACHINE.available(Thing("closed")) == ["open"]


def test_allowed_needs_any_one_of_the_permissions() -> None:
    assert MACHINE.allowed(User("app.admin"), Thing("open")) == ["close"]
    assert MACHINE.allowed(User("app.close"), Thing("open")) == ["close", "ship"]
    assert MACHINE.allowed(User(), Thing("open")) == []


def test_check_refuses_an_action_the_state_does_not_allow() -> None:
    with pytest.raises(ConflictError) as caught:
        MACHINE.check(Thing("closed"), "close", lambda allowed: f"not now; try {allowed}")

    assert caught.value.code == "invalid_transition"
    assert caught.value.allowed == ["open"]
    assert caught.value.message == "not now; try ['open']"
    assert MACHINE.check(Thing("open"), "close", str).target == "closed"


def test_advance_writes_only_from_the_version_read(world: World) -> None:
    project = next(p for p in world.projects.values() if p.state == ProjectState.DRAFT)
    version = project.version
    stale_copy = Project.objects.get(pk=project.pk)

    advance(project, version=version, stale="stale", state=ProjectState.APPROVED)

    assert project.version == version + 1
    assert Project.objects.get(pk=project.pk).state == ProjectState.APPROVED
    with pytest.raises(ConflictError) as caught:
        advance(stale_copy, version=version, stale="someone was first", state=ProjectState.CLOSED)
    assert (caught.value.code, caught.value.message) == ("stale", "someone was first")
    assert Project.objects.get(pk=project.pk).state == ProjectState.APPROVED
