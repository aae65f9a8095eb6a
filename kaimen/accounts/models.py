import hashlib
import secrets

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class UserKind(models.TextChoices):
    STAFF = "staff", _("工作人员")
    CITIZEN = "citizen", _("群众")


class User(AbstractUser):
    """Staff of commissions and units (roles come from `orgs.Membership`) and citizens."""

    kind = models.CharField(
        _("用户类型"), max_length=10, choices=UserKind.choices, default=UserKind.STAFF
    )
    display_name = models.CharField(_("姓名"), max_length=50, blank=True)
    phone = models.CharField(_("手机号"), max_length=20, blank=True)
    totp_secret = models.CharField(max_length=64, blank=True, editable=False)
    totp_confirmed_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("用户")
        verbose_name_plural = _("用户")

    def __str__(self) -> str:
        return self.display_name or self.username

    @property
    def has_totp(self) -> bool:
        return bool(self.totp_secret and self.totp_confirmed_at)


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class ApiToken(models.Model):
    """Bearer token for the JSON API; only its digest is stored."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()

    class Meta:
        verbose_name = _("API 令牌")
        verbose_name_plural = _("API 令牌")

    def __str__(self) -> str:
        return f"token of {self.user_id}"

    @staticmethod
    def new_secret() -> str:
        return secrets.token_urlsafe(32)


class PhoneCodePurpose(models.TextChoices):
    LOGIN = "login", _("登录/注册")


class PhoneCode(models.Model):
    """A one-time code sent by SMS; only a keyed hash of the code is stored."""

    phone = models.CharField(_("手机号"), max_length=20)
    purpose = models.CharField(
        max_length=20, choices=PhoneCodePurpose.choices, default=PhoneCodePurpose.LOGIN
    )
    code_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    attempts = models.PositiveSmallIntegerField(default=0)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("短信验证码")
        verbose_name_plural = _("短信验证码")
        indexes = [
            models.Index(fields=["phone", "purpose", "-created_at"], name="phonecode_lookup_idx")
        ]

    def __str__(self) -> str:
        return f"code for {self.phone[:3]}****{self.phone[-4:]}"
