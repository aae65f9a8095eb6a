import pyotp
import pytest
from django.http import HttpRequest
from django.test import RequestFactory
from django.utils import timezone

from config import settings as project_settings
from conftest import World
from kaimen.accounts import services
from kaimen.accounts.models import ApiToken, User
from kaimen.core.errors import ApplicationError
from kaimen.core.throttle import ThrottledError
from kaimen.timeline.models import Event


def test_passwords_are_hashed_with_argon2(db: None, settings: object) -> None:
    settings.PASSWORD_HASHERS = project_settings.PASSWORD_HASHERS  # type: ignore[attr-defined]
    user = User.objects.create_user("hashing", password="a long passphrase 2024")
    assert user.password.startswith("argon2")


def _from(address: str) -> HttpRequest:
    return RequestFactory().post("/accounts/login/", REMOTE_ADDR=address)


def test_authenticate_names_the_field_on_a_wrong_password(world: World) -> None:
    with pytest.raises(ApplicationError) as caught:
        services.user_authenticate(request=_from("10.0.0.9"), username="supervisor", password="x")
    assert caught.value.field == "password"


def test_login_is_throttled_after_repeated_failures(world: World, settings: object) -> None:
    request = _from("10.0.0.9")
    for _ in range(settings.KAIMEN_LOGIN_MAX_FAILURES):  # type: ignore[attr-defined]
        with pytest.raises(ApplicationError):
            services.user_authenticate(request=request, username="supervisor", password="wrong")

    with pytest.raises(ThrottledError) as caught:
        services.user_authenticate(request=request, username="supervisor", password="kaimen-test")
    assert caught.value.retry_after == settings.KAIMEN_LOGIN_WINDOW_SECONDS  # type: ignore[attr-defined]


def test_wrong_passwords_lock_the_account_on_that_client_only(world: World) -> None:
    for _ in range(5):
        with pytest.raises(ApplicationError):
            services.user_authenticate(request=_from("10.0.0.1"), username="viewer", password="x")

    with pytest.raises(ThrottledError):
        services.user_authenticate(
            request=_from("10.0.0.1"), username="viewer", password="kaimen-test"
        )
    # The owner elsewhere, and other accounts on the same client, are not locked out.
    assert services.user_authenticate(
        request=_from("10.0.0.2"), username="viewer", password="kaimen-test"
    )
    assert services.user_authenticate(
        request=_from("10.0.0.1"), username="supervisor", password="kaimen-test"
    )


def test_a_right_password_resets_the_accounts_count(world: World) -> None:
    for _ in range(4):
        with pytest.raises(ApplicationError):
            services.user_authenticate(request=_from("10.0.0.1"), username="viewer", password="x")
    services.user_authenticate(request=_from("10.0.0.1"), username="viewer", password="kaimen-test")
    for _ in range(4):
        with pytest.raises(ApplicationError):
            services.user_authenticate(request=_from("10.0.0.1"), username="viewer", password="x")

    assert services.user_authenticate(
        request=_from("10.0.0.1"), username="viewer", password="kaimen-test"
    )


def test_a_client_failing_across_accounts_is_refused(world: World, settings: object) -> None:
    settings.KAIMEN_LOGIN_CLIENT_FAILURES = 3  # type: ignore[attr-defined]
    for username in ("viewer", "supervisor", "nobody"):
        with pytest.raises(ApplicationError):
            services.user_authenticate(request=_from("10.0.0.1"), username=username, password="x")

    with pytest.raises(ThrottledError):
        services.user_authenticate(
            request=_from("10.0.0.1"), username="commission_admin", password="kaimen-test"
        )
    assert services.user_authenticate(
        request=_from("10.0.0.2"), username="commission_admin", password="kaimen-test"
    )


def test_api_tokens_are_stored_as_digests_and_expire(world: World) -> None:
    user = world.users["supervisor"]
    secret = services.api_token_create(user=user)

    assert services.api_token_user(secret) == user
    assert not ApiToken.objects.filter(digest=secret).exists()
    ApiToken.objects.update(expires_at=timezone.now())
    assert services.api_token_user(secret) is None


def test_totp_confirmation_needs_a_valid_code(world: World) -> None:
    user = world.users["supervisor"]
    secret = services.totp_begin(actor=user)

    with pytest.raises(ApplicationError) as caught:
        services.totp_confirm(actor=user, code="000000")
    assert caught.value.field == "code"
    assert not User.objects.get(pk=user.pk).has_totp

    services.totp_confirm(actor=user, code=pyotp.TOTP(secret).now())
    assert User.objects.get(pk=user.pk).has_totp
    assert Event.objects.filter(action="user.totp_enabled", target_id=str(user.pk)).exists()
