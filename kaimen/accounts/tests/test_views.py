import pyotp
from django.test import Client
from django.urls import reverse

from conftest import World
from kaimen.accounts import services
from kaimen.accounts.models import User


def test_staff_log_in_and_land_on_the_back_office(world: World) -> None:
    response = Client().post(
        reverse("accounts:login"), {"username": "supervisor", "password": "kaimen-test"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/staff/"


def test_a_wrong_password_is_shown_at_the_field(world: World) -> None:
    response = Client().post(
        reverse("accounts:login"), {"username": "supervisor", "password": "nope"}
    )
    assert response.status_code == 400
    assert "用户名或密码不正确" in response.content.decode()
    assert "_auth_user_id" not in response.wsgi_request.session


def test_login_page_refuses_to_redirect_off_site(world: World) -> None:
    response = Client().post(
        reverse("accounts:login"),
        {"username": "supervisor", "password": "kaimen-test", "next": "https://evil.example/"},
    )
    assert response["Location"] == "/staff/"


def test_repeated_failures_lock_the_login(world: World, settings: object) -> None:
    client = Client()
    for _ in range(settings.KAIMEN_LOGIN_MAX_FAILURES):  # type: ignore[attr-defined]
        client.post(reverse("accounts:login"), {"username": "viewer", "password": "bad"})
    response = client.post(
        reverse("accounts:login"), {"username": "viewer", "password": "kaimen-test"}
    )
    assert response.status_code == 429
    assert "登录失败次数过多" in response.content.decode()


def test_users_with_two_factor_must_enter_a_code(world: World) -> None:
    user = world.users["supervisor"]
    secret = services.totp_begin(actor=user)
    services.totp_confirm(actor=user, code=pyotp.TOTP(secret).now())
    client = Client()

    response = client.post(
        reverse("accounts:login"), {"username": "supervisor", "password": "kaimen-test"}
    )
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login_code"))
    assert client.get("/staff/").status_code == 302  # not logged in yet

    wrong = client.post(reverse("accounts:login_code"), {"code": "000000"})
    assert wrong.status_code == 200
    right = client.post(reverse("accounts:login_code"), {"code": pyotp.TOTP(secret).now()})
    assert right.status_code == 302
    assert client.get("/staff/").status_code == 200


def test_required_two_factor_sends_staff_to_set_up(world: World, settings: object) -> None:
    settings.KAIMEN_STAFF_2FA_REQUIRED = True  # type: ignore[attr-defined]
    client = world.client_for("commission_admin")

    response = client.get("/staff/")
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:totp_setup")

    page = client.get(reverse("accounts:totp_setup"))
    assert page.status_code == 200
    secret = User.objects.get(username="commission_admin").totp_secret
    done = client.post(reverse("accounts:totp_setup"), {"code": pyotp.TOTP(secret).now()})
    assert done.status_code == 302
    assert client.get("/staff/").status_code == 200
