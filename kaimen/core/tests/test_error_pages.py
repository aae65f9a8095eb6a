"""The error pages: real status codes, the site's frame, Chinese and English, a way back."""

from typing import Any

import pytest
from django.test import Client, RequestFactory
from django.utils import translation

from conftest import World
from kaimen.campaigns import selectors
from kaimen.core.http_errors import error_response

FRAME = 'href="#main"'  # the skip link of templates/base.html


def _page(response: Any) -> str:
    return str(response.content.decode())


@pytest.mark.parametrize(
    ("language", "title"), [("zh-hans", "页面不存在"), ("en", "Page not found")]
)
def test_a_missing_page_is_a_real_404_in_the_frame(world: World, language: str, title: str) -> None:
    response = Client().get("/no-such-page/", headers={"Accept-Language": language})

    assert response.status_code == 404
    page = _page(response)
    assert FRAME in page
    assert title in page
    assert 'href="/"' in page  # the way back


def test_a_refused_action_is_a_403_in_the_frame_with_a_way_back_to_the_desk(world: World) -> None:
    client = world.client_for("unit_staff_lead")

    response = client.get("/staff/supervision/inspections/new/")

    assert response.status_code == 403
    page = _page(response)
    assert FRAME in page
    assert "无权访问" in page
    assert 'href="/staff/"' in page


@pytest.mark.parametrize(("language", "title"), [("zh-hans", "请求有误"), ("en", "Bad request")])
def test_bad_input_is_a_400_in_the_frame_naming_the_field(
    world: World, language: str, title: str
) -> None:
    response = Client().post(
        "/accounts/login/",
        {"username": "x\x00", "password": "y"},
        headers={"Accept-Language": language},
    )

    assert response.status_code == 400
    page = _page(response)
    assert FRAME in page
    assert title in page
    assert "username" in page


@pytest.mark.parametrize(
    ("language", "title", "when"),
    [("zh-hans", "操作过于频繁", "请在 5 分钟后再试"), ("en", "Too many requests", "in 5 minutes")],
)
def test_the_429_page_says_when_to_try_again(
    world: World, language: str, title: str, when: str
) -> None:
    request = RequestFactory().get("/reports/track/", headers={"Accept-Language": language})
    request.user = world.users["citizen"]

    with translation.override(language):
        response = error_response(request, 429, retry_after=300)

    assert response.status_code == 429
    assert response["Retry-After"] == "300"
    page = _page(response)
    assert FRAME in page
    assert title in page
    assert when in page


def test_a_server_error_is_a_500_in_the_frame(world: World, monkeypatch: Any) -> None:
    def broken(**kwargs: Any) -> Any:
        raise RuntimeError("boom")

    monkeypatch.setattr(selectors, "campaign_list_with_totals_for", broken)

    response = Client(raise_request_exception=False).get("/")

    assert response.status_code == 500
    page = _page(response)
    assert FRAME in page
    assert "服务器出错了" in page
    assert "boom" not in page


def test_api_errors_stay_json(world: World) -> None:
    response = Client().get("/api/v1/nothing-here")

    assert response.status_code == 404
    assert response.json() == {"detail": "Not found", "code": "not_found", "field": None}
