from datetime import timedelta

import pyotp
from django.conf import settings
from django.contrib.auth import authenticate
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from kaimen.accounts.models import ApiToken, User, token_digest
from kaimen.accounts.throttle import client_address, login_failed, login_locked, login_succeeded
from kaimen.core.errors import ApplicationError
from kaimen.timeline.services import event_record


class LoginThrottledError(ApplicationError):
    status = 429


def user_authenticate(*, request: HttpRequest | None, username: str, password: str) -> User:
    """Check a password with throttling; raise ApplicationError on failure."""
    address = client_address(request) if request is not None else "api"
    if login_locked(username, address):
        raise LoginThrottledError(
            _("登录失败次数过多，请稍后再试。"), code="throttled", field="username"
        )
    user = authenticate(request, username=username, password=password)
    if user is None:
        login_failed(username, address)
        raise ApplicationError(_("用户名或密码不正确。"), code="invalid_login", field="password")
    login_succeeded(username, address)
    return user


@transaction.atomic
def api_token_create(*, user: User) -> str:
    """Issue a bearer token for the API; the secret is returned once and stored as a digest."""
    secret = ApiToken.new_secret()
    ApiToken.objects.create(
        user=user,
        digest=token_digest(secret),
        expires_at=timezone.now() + timedelta(days=settings.KAIMEN_API_TOKEN_DAYS),
    )
    return secret


def api_token_user(token: str) -> User | None:
    found = (
        ApiToken.objects.select_related("user")
        .filter(digest=token_digest(token), expires_at__gt=timezone.now(), user__is_active=True)
        .first()
    )
    return found.user if found else None


def totp_provisioning_uri(*, user: User) -> str:
    return pyotp.TOTP(user.totp_secret).provisioning_uri(name=user.username, issuer_name="Kaimen")


@transaction.atomic
def totp_begin(*, actor: User) -> str:
    """Start (or restart) two-factor set-up: a fresh secret, not yet confirmed."""
    actor.totp_secret = pyotp.random_base32()
    actor.totp_confirmed_at = None
    actor.save(update_fields=["totp_secret", "totp_confirmed_at"])
    return actor.totp_secret


def totp_check(*, user: User, code: str) -> bool:
    if not user.totp_secret:
        return False
    return pyotp.TOTP(user.totp_secret).verify(code.strip(), valid_window=1)


@transaction.atomic
def totp_confirm(*, actor: User, code: str) -> None:
    if not totp_check(user=actor, code=code):
        raise ApplicationError(_("验证码不正确。"), code="invalid_code", field="code")
    actor.totp_confirmed_at = timezone.now()
    actor.save(update_fields=["totp_confirmed_at"])
    event_record(actor=actor, action="user.totp_enabled", target=actor)
