"""Reports in the JSON API: anyone files one (`POST /reports`), the receipt follows it
(`GET /reports/receipt/{code}`, rate-limited per client address)."""

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Status

from kaimen.campaigns.models import Project
from kaimen.core.api import READ_ERRORS, ErrorOut, ValidationErrorOut
from kaimen.core.errors import ApplicationError
from kaimen.core.throttle import client_address
from kaimen.orgs.models import Organization
from kaimen.reports import selectors, services
from kaimen.reports.identity import Identity
from kaimen.reports.models import Intake
from kaimen.reports.schemas import ReceiptOut, ReplyOut, ReportCreatedOut, ReportIn
from kaimen.reports.views_public import client_key

router = Router(tags=["reports"])


@router.post(
    "/reports",
    response={
        201: ReportCreatedOut,
        200: ReportCreatedOut,
        400: ErrorOut,
        401: ErrorOut,
        403: ErrorOut,
        422: ValidationErrorOut,
    },
    url_name="report_create",
)
def report_create(request: HttpRequest, payload: ReportIn) -> Any:
    """File a report, anonymously or not. `Idempotency-Key` makes retries safe: the same key
    returns the same report (200) instead of filing another."""
    category = selectors.category_get(code=payload.category)
    if category is None:
        raise ApplicationError(_("事项分类不存在。"), code="invalid", field="category")
    organization = (
        Organization.objects.filter(pk=payload.organization, kind__in=selectors.PLACE_KINDS).first()
        if payload.organization is not None
        else None
    )
    if payload.organization is not None and organization is None:
        raise ApplicationError(_("找不到该地区或单位。"), code="invalid", field="organization")
    project = Project.objects.filter(pk=payload.project).first() if payload.project else None
    if payload.project is not None and project is None:
        raise ApplicationError(_("找不到该治理项目。"), code="invalid", field="project")
    identity = payload.identity
    submission = services.report_submit(
        actor=request.user,
        data=services.ReportInput(
            kind=payload.kind or "",
            channel=payload.channel,
            category=category,
            content=payload.content,
            organization=organization,
            project=project,
            address=payload.address,
            intake=Intake.API,
            identity=Identity(
                name=identity.name.strip(),
                phone=identity.phone.strip(),
                email=identity.email.strip(),
            )
            if identity
            else Identity(),
        ),
        client=client_key(request),
        idempotency_key=request.headers.get("Idempotency-Key", "")[:200],
    )
    body = ReportCreatedOut(
        id=submission.report.pk,
        receipt=submission.receipt,
        reference=submission.report.reference,
        duplicate=submission.duplicate,
    )
    return Status(200 if submission.duplicate else 201, body)


@router.get(
    "/reports/receipt/{code}",
    response={200: ReceiptOut, **READ_ERRORS, 429: ErrorOut},
    url_name="report_receipt",
)
def report_receipt(request: HttpRequest, code: str) -> Any:
    """Status and public replies of the report this receipt belongs to."""
    report = selectors.report_get_by_receipt(code=code, client=client_address(request))
    if report is None:
        return Status(404, ErrorOut(detail="Not found"))
    replies = [
        ReplyOut(unit=reply.unit.name, body=reply.body, created_at=reply.created_at)
        for reply in selectors.report_public_replies(report=report)
    ]
    return ReceiptOut(
        id=report.pk,
        reference=report.reference,
        kind=report.kind,
        category=report.category.code,
        category_name=report.category.name,
        status=report.state,
        status_label=str(report.get_state_display()),
        received_on=report.received_on,
        accept_due=report.accept_due,
        reply_due=report.reply_due,
        decline_reason=report.decline_reason,
        rating=report.rating,
        replies=replies,
    )
