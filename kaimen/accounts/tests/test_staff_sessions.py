"""Staff sessions end when idle and after their absolute lifetime; citizens' do not."""

import time
from typing import Any

from django.test import Client

from conftest import World
from kaimen.accounts.middleware import SESSION_SEEN, SESSION_STARTED


def _signed_in(world: World, role: str, **session: float) -> Client:
    client = world.client_for(role)
    assert client.get("/staff/" if role != "citizen" else "/").status_code == 200
    stored = client.session
    for key, value in session.items():
        stored[key] = value
    stored.save()
    return client


def test_an_active_staff_session_goes_on(world: World) -> None:
    client = _signed_in(world, "supervisor")

    assert client.get("/staff/").status_code == 200


def test_a_staff_session_idle_too_long_ends(world: World, settings: Any) -> None:
    idle = time.time() - settings.KAIMEN_STAFF_IDLE_SECONDS - 1
    client = _signed_in(world, "supervisor", **{SESSION_SEEN: idle})

    response = client.get("/staff/")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert client.get("/staff/").status_code == 302  # signed out, not just redirected once


def test_a_busy_staff_session_still_ends_after_its_lifetime(world: World, settings: Any) -> None:
    started = time.time() - settings.KAIMEN_STAFF_SESSION_SECONDS - 1
    client = _signed_in(world, "supervisor", **{SESSION_STARTED: started})

    assert client.get("/staff/").status_code == 302


def test_citizens_sessions_are_not_cut_short(world: World, settings: Any) -> None:
    idle = time.time() - settings.KAIMEN_STAFF_IDLE_SECONDS - 1
    client = _signed_in(world, "citizen", **{SESSION_SEEN: idle})

    assert "_auth_user_id" in client.session
    client.get("/")
    assert "_auth_user_id" in client.session
