"""Which Kaimen account an identity provider's user signs in as: by the provider's own stable
id (OIDC `sub`, 浙政钉 accountId, 浙里办 userid), never by a name, which is not unique."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ExternalAccount(models.Model):
    provider = models.CharField(_("身份认证方式"), max_length=30)
    subject = models.CharField(_("外部账号标识"), max_length=200)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("本系统账号"),
        on_delete=models.CASCADE,
        related_name="external_accounts",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("外部账号绑定")
        verbose_name_plural = _("外部账号绑定")
        constraints = [
            models.UniqueConstraint(fields=["provider", "subject"], name="sso_one_account_per_id"),
            models.UniqueConstraint(fields=["provider", "user"], name="sso_one_id_per_user"),
        ]

    def __str__(self) -> str:
        return f"{self.provider}:{self.subject}"
