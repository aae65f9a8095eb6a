import re
from typing import Any

import pytest
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.test import Client
from django.urls import reverse

from conftest import World
from kaimen.campaigns.services import campaign_update
from kaimen.core import public_cache
from kaimen.core.public_cache import storable

CACHED = frozenset(
    {"portal:home", "portal:campaign_detail", "portal:project_detail", "api:campaign_list"}
)


@pytest.fixture
def page_cache(settings: Any) -> None:
    settings.KAIMEN_PUBLIC_CACHE_URLS = CACHED


def test_anonymous_visitors_get_the_stored_copy_without_queries(
    world: World, page_cache: None, django_assert_num_queries: Any
) -> None:
    client = Client()
    first = client.get(reverse("portal:home"))
    assert first.status_code == 200
    assert "X-Kaimen-Cache" not in first

    with django_assert_num_queries(0):
        second = client.get(reverse("portal:home"))

    assert second["X-Kaimen-Cache"] == "hit"
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]


def test_a_recorded_change_expires_the_stored_pages(
    world: World, page_cache: None, django_capture_on_commit_callbacks: Any
) -> None:
    assert world.campaign is not None
    url = reverse("portal:campaign_detail", args=[world.campaign.pk])
    Client().get(url)
    with django_capture_on_commit_callbacks(execute=True):
        campaign_update(
            actor=world.users["commission_admin"],
            campaign=world.campaign,
            version=world.campaign.version,
            title="新的年度标题",
            intro="",
        )

    response = Client().get(url)

    assert "X-Kaimen-Cache" not in response
    assert "新的年度标题" in response.content.decode()


def test_signed_in_users_and_api_callers_are_never_served_copies(
    world: World, page_cache: None
) -> None:
    Client().get(reverse("portal:home"))
    Client().get(reverse("api:campaign_list"))

    signed_in = world.client_for("citizen").get(reverse("portal:home"))
    bearer = Client().get(reverse("api:campaign_list"), headers={"Authorization": "Bearer x"})

    assert "X-Kaimen-Cache" not in signed_in
    assert "X-Kaimen-Cache" not in bearer


def test_each_language_has_its_own_copy(world: World, page_cache: None) -> None:
    Client().get(reverse("portal:home"), headers={"Accept-Language": "zh-hans"})
    english = Client().get(reverse("portal:home"), headers={"Accept-Language": "en"})
    assert "X-Kaimen-Cache" not in english
    assert english["Content-Language"] == "en"


def test_stored_pages_need_no_nonce(world: World, page_cache: None) -> None:
    Client().get(reverse("portal:home"))
    hit = Client().get(reverse("portal:home"))

    policy = hit["Content-Security-Policy"]
    assert "nonce-" not in policy
    scripts = re.findall(rb"<script[^>]*>", hit.content)
    assert scripts
    assert all(b" src=" in tag or b"application/json" in tag for tag in scripts)


def test_pages_with_cookies_or_inline_scripts_are_not_stored() -> None:
    with_cookie = HttpResponse("<p>form</p>")
    with_cookie.set_cookie("csrftoken", "x")
    inline = HttpResponse(b'<script nonce="abc">run()</script>')
    plain = HttpResponse(b'<script src="/static/a.js" nonce="abc"></script>')

    assert not storable(with_cookie)
    assert not storable(inline)
    assert storable(plain)


def test_a_change_in_another_process_shows_within_a_second(
    world: World, page_cache: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = [1000.0]
    monkeypatch.setattr("kaimen.core.public_cache.time.monotonic", lambda: clock[0])
    public_cache._seen["checked_at"] = float("-inf")
    Client().get(reverse("portal:home"))
    cache.incr(public_cache.GENERATION_KEY)  # what another server's commit does

    clock[0] += 0.5
    still_old = Client().get(reverse("portal:home"))
    clock[0] += 0.6
    fresh = Client().get(reverse("portal:home"))

    assert still_old["X-Kaimen-Cache"] == "hit"
    assert "X-Kaimen-Cache" not in fresh


def test_a_transaction_bumps_the_generation_once(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks() as callbacks, transaction.atomic():
        public_cache.public_pages_changed()
        public_cache.public_pages_changed()
    assert len(callbacks) == 1


def test_display_choices_in_cookies_keep_their_own_copies(world: World, page_cache: None) -> None:
    plain = Client()
    chosen = Client()
    chosen.cookies["kaimen_region"] = str(world.orgs["putuo"].pk)

    plain.get(reverse("portal:home"), {"year": "all"})
    response = chosen.get(reverse("portal:home"), {"year": "all"})

    assert "X-Kaimen-Cache" not in response
    assert len(response.context["campaigns"]) == 1
    assert chosen.get(reverse("portal:home"), {"year": "all"})["X-Kaimen-Cache"] == "hit"
