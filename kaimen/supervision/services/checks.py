"""Checks shared by supervision's writes: the acting commission, units and projects in its
jurisdiction, texts and amounts, attachments."""

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone
from django.utils.translation import gettext as _

from kaimen.campaigns.models import Project
from kaimen.core.errors import ApplicationError
from kaimen.orgs.models import Organization, OrganizationKind
from kaimen.supervision.files import check_uploads
from kaimen.supervision.models import (
    Attachment,
)

MAX_TEXT = 5000

# ---------------------------------------------------------------- validation helpers


def resolve_today(today: date | None) -> date:
    return today or timezone.localdate()


def require_commission(commission: Organization) -> None:
    if commission.kind != OrganizationKind.COMMISSION:
        raise ApplicationError(_("请选择纪委监委。"), code="invalid", field="commission")


def in_jurisdiction(commission: Organization, org: Organization) -> bool:
    return org.path.startswith(commission.jurisdiction_path)


def check_unit(commission: Organization, unit: Organization, field: str) -> None:
    if unit.kind == OrganizationKind.REGION or not in_jurisdiction(commission, unit):
        raise ApplicationError(
            _("%(unit)s 不在 %(commission)s 的监督范围内。")
            % {"unit": unit.name, "commission": commission.name},
            code="out_of_scope",
            field=field,
        )


def check_project(commission: Organization, project: Project, field: str = "project") -> None:
    if not in_jurisdiction(commission, project.campaign.issuer):
        raise ApplicationError(
            _("治理项目“%s”不在监督范围内。") % project.title, code="out_of_scope", field=field
        )


def clean_text(value: str, field: str, message: str) -> str:
    value = value.strip()
    if not value:
        raise ApplicationError(message, code="required", field=field)
    if len(value) > MAX_TEXT:
        raise ApplicationError(
            _("内容过长（不超过 %d 字）。") % MAX_TEXT, code="too_long", field=field
        )
    return value


def clean_amount(value: Decimal, field: str) -> Decimal:
    if value < 0:
        raise ApplicationError(_("金额不能为负数。"), code="invalid", field=field)
    return value.quantize(Decimal("0.01"))


def attach_files(
    actor: Any, uploads: Sequence[UploadedFile[Any]], field: str = "attachments", **owner: Any
) -> list[Attachment]:
    """Check the uploads by content and size, store them, attach them to `owner`."""
    attached = []
    for checked in check_uploads(list(uploads), field=field):
        attachment = Attachment(
            name=checked.name,
            content_type=checked.content_type,
            size=len(checked.content),
            uploaded_by=actor if getattr(actor, "is_authenticated", False) else None,
            uploaded_at=timezone.now(),
            **owner,
        )
        attachment.file.save(checked.name, ContentFile(checked.content), save=False)
        attachment.save()
        attached.append(attachment)
    return attached
