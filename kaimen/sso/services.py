"""Writes of external sign-in: linking a provider's id to a Kaimen account (by a commission
admin, for the staff in their jurisdiction), and finding the account behind an identity."""

from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kaimen.accounts.models import User
from kaimen.core.errors import ApplicationError
from kaimen.orgs.models import Membership
from kaimen.orgs.selectors import scope_for
from kaimen.sso.models import ExternalAccount
from kaimen.sso.providers import ExternalIdentity, provider_get
from kaimen.timeline.services import event_record


def may_provision(actor: Any, user: User) -> bool:
    """A commission admin may link the staff of the organizations they administer."""
    scope = scope_for(actor)
    if scope.is_superuser:
        return True
    memberships = Membership.objects.filter(user=user).select_related("organization")
    return any(scope.administers(m.organization) for m in memberships)


@transaction.atomic
def external_account_link(
    *, actor: Any, user: User, provider: str, subject: str
) -> ExternalAccount:
    """Provision: from now on `subject` at `provider` signs in as `user`."""
    if not may_provision(actor, user):
        raise PermissionDenied("sso.link_external_account")
    if provider_get(provider) is None:
        raise ApplicationError(_("没有这种身份认证方式。"), code="invalid", field="provider")
    subject = subject.strip()
    if not subject or len(subject) > 200:  # noqa: PLR2004
        raise ApplicationError(_("请填写外部账号标识。"), code="required", field="subject")
    try:
        with transaction.atomic():
            account = ExternalAccount.objects.create(
                provider=provider, subject=subject, user=user, created_by=actor
            )
    except IntegrityError as error:
        raise ApplicationError(
            _("该外部账号已绑定其他用户，或该用户已绑定此认证方式。"),
            code="duplicate",
            field="subject",
        ) from error
    event_record(
        actor=actor,
        action="sso.linked",
        target=user,
        after={"provider": provider, "subject": subject},
    )
    return account


@transaction.atomic
def external_account_unlink(*, actor: Any, account: ExternalAccount) -> None:
    if not may_provision(actor, account.user):
        raise PermissionDenied("sso.link_external_account")
    event_record(
        actor=actor,
        action="sso.unlinked",
        target=account.user,
        before={"provider": account.provider, "subject": account.subject},
    )
    account.delete()


def user_for_identity(
    identity: ExternalIdentity,
    *,
    provision: Callable[[ExternalIdentity], User] | None = None,
) -> User:
    """The account linked to the identity's (provider, subject) — never matched by name.
    Unknown identities are refused, unless the caller provisions them (the public side may
    create a citizen's account; staff accounts are linked by a commission admin)."""
    account = (
        ExternalAccount.objects.select_related("user")
        .filter(provider=identity.provider, subject=identity.subject)
        .first()
    )
    if account is None:
        if provision is None:
            raise ApplicationError(
                _("该账号尚未在本系统开通，请联系本单位纪委监委管理员绑定。"),
                code="not_provisioned",
            )
        user = provision(identity)
        account = ExternalAccount.objects.create(
            provider=identity.provider, subject=identity.subject, user=user
        )
    if not account.user.is_active:
        raise ApplicationError(_("该账号已停用。"), code="inactive")
    ExternalAccount.objects.filter(pk=account.pk).update(last_used_at=timezone.now())
    return account.user
