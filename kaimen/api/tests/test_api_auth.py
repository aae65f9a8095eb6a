"""Authentication of the JSON API: the token flow, bearer tokens, the session, anonymous callers.

Driven through Django's test client, so the real middleware (LoginRequiredMiddleware, CSRF,
sessions) is in the path.
"""

import json
from datetime import timedelta
from typing import TYPE_CHECKING, Any

import pyotp
import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from conftest import World
from kaimen.accounts.models import ApiToken, User
from kaimen.accounts.services import api_token_create

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse as Response

PASSWORD = "kaimen-test"


def _token_post(client: Client, body: dict[str, Any]) -> "Response":
    return client.post(
        reverse("api:token_create"), data=json.dumps(body), content_type="application/json"
    )


def _project_url(world: World, key: str) -> str:
    return reverse("api:project_detail", kwargs={"id": world.projects[key].pk})


def _bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


# ---------------------------------------------------------------- POST /auth/token


def test_token_create_returns_a_token_that_authenticates_later_calls(world: World) -> None:
    # given the lead unit's staff member and its draft project, which only staff in scope see
    client = Client()
    url = _project_url(world, "draft")
    assert client.get(url).status_code == 404

    # when they exchange their password for a token
    response = _token_post(client, {"username": "unit_staff_other", "password": PASSWORD})

    # then the token is the whole answer and later calls carrying it act as that user
    assert response.status_code == 200
    body = response.json()
    assert list(body) == ["token"]
    assert ApiToken.objects.filter(user=world.users["unit_staff_other"]).count() == 1
    assert client.get(url, headers=_bearer(body["token"])).status_code == 200


def test_token_create_with_a_wrong_password_is_401_naming_the_field(world: World) -> None:
    response = _token_post(Client(), {"username": "unit_staff_lead", "password": "wrong"})

    assert response.status_code == 401
    assert response.json() == {
        "detail": "用户名或密码不正确。",
        "code": "invalid_login",
        "field": "password",
    }
    assert ApiToken.objects.count() == 0


def test_token_create_for_an_unknown_user_is_401(world: World) -> None:
    response = _token_post(Client(), {"username": "nobody", "password": PASSWORD})

    assert response.status_code == 401
    assert response.json()["code"] == "invalid_login"
    assert ApiToken.objects.count() == 0


def test_token_create_for_an_inactive_user_is_401(world: World) -> None:
    User.objects.filter(username="viewer").update(is_active=False)

    response = _token_post(Client(), {"username": "viewer", "password": PASSWORD})

    assert response.status_code == 401
    assert ApiToken.objects.count() == 0


def test_token_create_without_a_password_is_422_naming_the_field(world: World) -> None:
    response = _token_post(Client(), {"username": "viewer"})

    assert response.status_code == 422
    assert [error["loc"] for error in response.json()["detail"]] == [
        ["body", "payload", "password"]
    ]


def test_token_create_is_locked_after_too_many_failures(world: World, settings: Any) -> None:
    # given as many failed attempts as the login page allows
    settings.KAIMEN_LOGIN_MAX_FAILURES = 3
    client = Client()
    statuses = [
        _token_post(client, {"username": "viewer", "password": "wrong"}).status_code
        for _attempt in range(3)
    ]

    # when the right password comes next
    response = _token_post(client, {"username": "viewer", "password": PASSWORD})

    # then the account is locked: 429, and no token
    assert statuses == [401, 401, 401]
    assert response.status_code == 429
    assert response.json() == {
        "detail": "登录失败次数过多，请稍后再试。",
        "code": "throttled",
        "field": "username",
    }
    assert ApiToken.objects.count() == 0


def test_token_create_shares_the_login_page_failure_count(world: World, settings: Any) -> None:
    # given failures on the login page
    settings.KAIMEN_LOGIN_MAX_FAILURES = 2
    client = Client()
    for _attempt in range(2):
        client.post(reverse("accounts:login"), {"username": "viewer", "password": "wrong"})

    # when the API is asked for a token with the right password
    response = _token_post(client, {"username": "viewer", "password": PASSWORD})

    # then it is locked as well
    assert response.status_code == 429
    assert ApiToken.objects.count() == 0


def test_token_create_asks_two_factor_users_for_their_code(world: World) -> None:
    # given a staff member who has set up two-factor authentication
    user = world.users["commission_admin"]
    user.totp_secret = pyotp.random_base32()
    user.totp_confirmed_at = timezone.now()
    user.save(update_fields=["totp_secret", "totp_confirmed_at"])
    client = Client()

    # when they ask for a token without, then with, the current code
    without = _token_post(client, {"username": "commission_admin", "password": PASSWORD})
    code = pyotp.TOTP(user.totp_secret).now()
    with_code = _token_post(
        client, {"username": "commission_admin", "password": PASSWORD, "code": code}
    )

    # then only the second gets one
    assert without.status_code == 401
    assert without.json() == {"detail": "验证码不正确。", "code": "invalid_code", "field": "code"}
    assert with_code.status_code == 200
    assert ApiToken.objects.filter(user=user).count() == 1


def test_token_create_needs_two_factor_set_up_when_required_for_staff(
    world: World, settings: Any
) -> None:
    settings.KAIMEN_STAFF_2FA_REQUIRED = True
    client = Client()

    staff = _token_post(client, {"username": "supervisor", "password": PASSWORD})
    citizen = _token_post(client, {"username": "citizen", "password": PASSWORD})

    assert staff.status_code == 401
    assert staff.json()["code"] == "totp_setup_required"
    assert citizen.status_code == 200
    assert list(ApiToken.objects.values_list("user__username", flat=True)) == ["citizen"]


# ---------------------------------------------------------------- bearer tokens on reads


@pytest.mark.parametrize(
    "header",
    ["Bearer not-a-token", "Bearer ", "Basic dmlld2VyOmthaW1lbi10ZXN0", "Token abc"],
    ids=["unknown", "empty", "basic", "other-scheme"],
)
def test_a_bad_authorization_header_is_401_even_on_public_reads(world: World, header: str) -> None:
    response = Client().get(reverse("api:campaign_list"), headers={"Authorization": header})

    assert response.status_code == 401
    assert response.json() == {"detail": "Unauthorized"}


def test_an_expired_token_is_401(world: World) -> None:
    token = api_token_create(user=world.users["viewer"])
    ApiToken.objects.update(expires_at=timezone.now() - timedelta(seconds=1))

    response = Client().get(_project_url(world, "published"), headers=_bearer(token))

    assert response.status_code == 401


def test_the_token_of_a_deactivated_user_is_401(world: World) -> None:
    token = api_token_create(user=world.users["viewer"])
    User.objects.filter(username="viewer").update(is_active=False)

    response = Client().get(_project_url(world, "published"), headers=_bearer(token))

    assert response.status_code == 401


def test_without_a_token_the_caller_is_anonymous(world: World) -> None:
    # LoginRequiredMiddleware lets the API through: no redirect to the login page
    client = Client()

    assert client.get(reverse("api:campaign_list")).status_code == 200
    assert client.get(_project_url(world, "published")).status_code == 200
    assert client.get(_project_url(world, "draft")).status_code == 404


def test_reads_accept_the_session(world: World) -> None:
    response = world.client_for("commission_admin").get(_project_url(world, "draft"))

    assert response.status_code == 200


def test_the_bearer_token_wins_over_the_session(world: World) -> None:
    # given a citizen's session and a commission admin's token in the same request
    token = api_token_create(user=world.users["commission_admin"])
    client = world.client_for("citizen")

    response = client.get(_project_url(world, "draft"), headers=_bearer(token))

    assert response.status_code == 200


# ---------------------------------------------------------------- writes need a bearer token


def test_a_write_with_the_session_only_is_401_and_changes_nothing(world: World) -> None:
    # given a commission admin signed in with a session (the browser's cookie, no CSRF token)
    client = world.client_for("commission_admin")
    project = world.projects["in_progress"]

    # when they PATCH without a bearer token
    response = client.patch(
        _project_url(world, "in_progress"),
        data=json.dumps({"version": 1, "title": "经会话修改"}),
        content_type="application/json",
    )

    # then they are not authenticated for writes, and nothing changed
    assert response.status_code == 401
    project.refresh_from_db()
    assert (project.title, project.version) == ("中小学校食堂采购问题专项治理", 1)


def test_an_anonymous_write_is_401(world: World) -> None:
    response = Client().patch(
        _project_url(world, "published"),
        data=json.dumps({"version": 1, "goal": "匿名修改"}),
        content_type="application/json",
    )

    assert response.status_code == 401
    world.projects["published"].refresh_from_db()
    assert world.projects["published"].version == 1
