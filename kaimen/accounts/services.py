import hmac
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

import pyotp
from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.contrib.auth import authenticate
from django.contrib.auth.signals import user_login_failed
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from kaimen.accounts.models import (
    ApiToken,
    PhoneCode,
    PhoneCodePurpose,
    User,
    UserKind,
    token_digest,
)
from kaimen.accounts.sms import demo_mode, sms_backend
from kaimen.core.errors import ApplicationError
from kaimen.core.throttle import (
    Rate,
    ThrottledError,
    client_address,
    throttle_check,
    throttle_count,
)
from kaimen.timeline.services import event_record


def _login_client_rate() -> Rate:
    """Failed logins (passwords, codes) from one client across all accounts."""
    return Rate(
        "login-client", settings.KAIMEN_LOGIN_CLIENT_FAILURES, settings.KAIMEN_LOGIN_WINDOW_SECONDS
    )


def _login_locked_error(field: str) -> ThrottledError:
    return ThrottledError(
        _("登录失败次数过多，请稍后再试。"),
        retry_after=settings.KAIMEN_LOGIN_WINDOW_SECONDS,
        field=field,
    )


def login_failure_limit(request: HttpRequest, credentials: object) -> int:
    """django-axes: failures of one account on one client before it is locked there."""
    return int(settings.KAIMEN_LOGIN_MAX_FAILURES)


def login_cool_off(request: HttpRequest | None) -> timedelta:
    """django-axes: how long a lock lasts."""
    return timedelta(seconds=settings.KAIMEN_LOGIN_WINDOW_SECONDS)


def _login_succeeded(request: HttpRequest, username: str) -> None:
    """Forget this account's failures on this client (only once every factor is right, so
    re-entering a known password does not buy more two-factor guesses)."""
    AxesProxyHandler.reset_attempts(ip_address=client_address(request), username=username)


def login_locked(*, request: HttpRequest, username: str) -> bool:
    """Whether this account is locked out on this client (django-axes)."""
    return bool(AxesProxyHandler.is_locked(request, {"username": username}))


def user_authenticate(*, request: HttpRequest, username: str, password: str) -> User:
    """Check a password; raise ApplicationError on failure, ThrottledError (429) when locked.

    django-axes counts the failures of this account on this client and refuses it there once
    locked; the core throttle counts the client's failures across accounts.
    """
    address = client_address(request)
    throttle_check(_login_client_rate(), address, _("登录失败次数过多，请稍后再试。"), "username")
    if login_locked(request=request, username=username):
        raise _login_locked_error("username")
    user = authenticate(request, username=username, password=password)
    if user is None:
        throttle_count(_login_client_rate(), address)
        raise ApplicationError(_("用户名或密码不正确。"), code="invalid_login", field="password")
    if not user.has_totp:
        _login_succeeded(request, username)
    return user


def second_factor_check(*, request: HttpRequest, user: User, code: str) -> None:
    """Check a two-factor code; a wrong one counts as a failed login of the account on this
    client (django-axes), so codes cannot be guessed without end."""
    if login_locked(request=request, username=user.username):
        raise _login_locked_error("code")
    if not totp_check(user=user, code=code):
        user_login_failed.send(
            sender=__name__, credentials={"username": user.username}, request=request
        )
        throttle_count(_login_client_rate(), client_address(request))
        raise ApplicationError(_("验证码不正确。"), code="invalid_code", field="code")
    _login_succeeded(request, user.username)


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


# ---------------------------------------------------------------- citizens: phone and SMS code

PHONE_RE = re.compile(r"^1[3-9]\d{9}$")


@dataclass(frozen=True)
class IssuedCode:
    """What the page may say after a code was sent; `demo_code` only on a demo site."""

    phone: str
    expires_at: datetime
    demo_code: str | None


def _limit(name: str, default: int) -> int:
    return int(getattr(settings, name, default))


def phone_normalize(phone: str) -> str:
    """Mainland mobile numbers: 11 digits starting with 1; spaces, dashes and +86 are dropped."""
    digits = re.sub(r"[\s\-]", "", phone or "")
    if digits.startswith("+86"):
        digits = digits[3:]
    elif digits.startswith("0086"):
        digits = digits[4:]
    if not PHONE_RE.match(digits):
        raise ApplicationError(_("请输入正确的11位手机号码。"), code="invalid_phone", field="phone")
    return digits


def _code_hash(phone: str, code: str) -> str:
    return salted_hmac("kaimen.phone-code", f"{phone}:{code}", algorithm="sha256").hexdigest()


SMS_RECENT = Rate("sms-recent", 1, 60)  # one code a minute per phone


def phone_code_request(
    *, phone: str, address: str, purpose: str = PhoneCodePurpose.LOGIN
) -> IssuedCode:
    """Send a fresh six-digit code to the phone; earlier unused codes stop working.

    Throttled per phone (one a minute, `KAIMEN_SMS_PER_PHONE` an hour) and per client address
    (`KAIMEN_SMS_PER_ADDRESS` an hour), so the site cannot be used to flood someone's phone.
    """
    phone = phone_normalize(phone)
    throttle_check(SMS_RECENT, phone, _("验证码已发送，请一分钟后再试。"), "phone")
    hourly = (
        (Rate("sms-phone", _limit("KAIMEN_SMS_PER_PHONE", 5), 3600), phone),
        (Rate("sms-address", _limit("KAIMEN_SMS_PER_ADDRESS", 20), 3600), address),
    )
    for rate, key in hourly:
        throttle_check(rate, key, _("获取验证码过于频繁，请稍后再试。"), "phone")
    for rate, key in (*hourly, (SMS_RECENT, phone)):
        throttle_count(rate, key)
    code = f"{secrets.randbelow(10**6):06d}"
    now = timezone.now()
    expires_at = now + timedelta(seconds=_limit("KAIMEN_SMS_CODE_SECONDS", 300))
    with transaction.atomic():
        PhoneCode.objects.filter(phone=phone, purpose=purpose, used_at__isnull=True).update(
            used_at=now
        )
        PhoneCode.objects.create(
            phone=phone, purpose=purpose, code_hash=_code_hash(phone, code), expires_at=expires_at
        )
        message = _("【开门治理】您的验证码为%(code)s，5分钟内有效。请勿告诉他人。") % {
            "code": code
        }
        transaction.on_commit(lambda: sms_backend().send(phone=phone, message=message))
    return IssuedCode(phone=phone, expires_at=expires_at, demo_code=code if demo_mode() else None)


def citizen_sign_in_with_code(
    *, phone: str, code: str, address: str, consent: bool = False
) -> User:
    """Check the SMS code; the citizen's account is created on first use, only with their
    consent to the privacy policy (个人信息保护法), which the registration event records.

    Wrong codes count per phone and per address like failed password logins; a code allows
    `KAIMEN_SMS_CODE_ATTEMPTS` tries and is spent by the first right one.
    """
    phone = phone_normalize(phone)
    if not consent and not _citizen_query(phone).exists():
        raise ApplicationError(
            _("请阅读并同意隐私政策后注册。"), code="consent_required", field="consent"
        )
    # Wrong codes: per phone on this client (as axes counts passwords) and per client.
    per_phone = Rate(
        "sms-code", settings.KAIMEN_LOGIN_MAX_FAILURES, settings.KAIMEN_LOGIN_WINDOW_SECONDS
    )
    message = _("验证码错误次数过多，请稍后再试。")
    throttle_check(per_phone, f"{phone}|{address}", message, "code")
    throttle_check(_login_client_rate(), address, message, "code")
    wrong = ApplicationError(_("验证码不正确或已过期。"), code="invalid_code", field="code")
    with transaction.atomic():
        pending = (
            PhoneCode.objects.select_for_update()
            .filter(
                phone=phone,
                purpose=PhoneCodePurpose.LOGIN,
                used_at__isnull=True,
                expires_at__gt=timezone.now(),
                attempts__lt=_limit("KAIMEN_SMS_CODE_ATTEMPTS", 5),
            )
            .order_by("-created_at")
            .first()
        )
        matches = pending is not None and hmac.compare_digest(
            pending.code_hash, _code_hash(phone, code.strip())
        )
        if pending is not None:
            pending.attempts += 1
            if matches:
                pending.used_at = timezone.now()
            pending.save(update_fields=["attempts", "used_at"])
    if not matches:
        throttle_count(per_phone, f"{phone}|{address}")
        throttle_count(_login_client_rate(), address)
        raise wrong
    return _citizen_for_phone(phone)


def _citizen_query(phone: str) -> QuerySet[User]:
    # Staff never sign in by SMS alone (they have passwords and two-factor): citizens only.
    return User.objects.filter(phone=phone, kind=UserKind.CITIZEN, is_active=True)


@transaction.atomic
def _citizen_for_phone(phone: str) -> User:
    user = _citizen_query(phone).order_by("pk").first()
    if user is not None:
        return user
    user, created = User.objects.get_or_create(
        username=f"m{phone}",
        defaults={
            "kind": UserKind.CITIZEN,
            "phone": phone,
            "display_name": f"{phone[:3]}****{phone[-4:]}",
        },
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
        # The consent to the privacy policy given on the sign-up page, kept with its time.
        event_record(
            actor=user,
            action="user.citizen_registered",
            target=user,
            after={"privacy_consent": True},
        )
    return user
