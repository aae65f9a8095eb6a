"""Open311 GeoReport v2 (https://wiki.open311.org/GeoReport_v2/) at /open311/v2/, JSON only.

Categories are the services (`service_code` = `Category.code`); reports are the requests.
Public-service requests (诉求) are public as the standard expects; discipline reports (检举控告)
can be filed here but are never listed or shown (their reporters follow them by receipt). The
description is shown only for requests filed through Open311 itself: reports from the web form
were filed under a promise that their content goes to the handling units, not to the public.
Reporter details (`email`, `first_name`, `last_name`, `phone`) go into the encrypted identity and
are never echoed. `api_key` is accepted and not required; `media_url` is not fetched.
"""

import re
from datetime import datetime, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from kaimen.core.errors import ApplicationError
from kaimen.orgs.models import Organization
from kaimen.orgs.selectors import commission_of_region, nearest_town
from kaimen.reports import selectors, services
from kaimen.reports.identity import Identity
from kaimen.reports.models import Intake, Report, ReportKind, ReportState
from kaimen.reports.receipts import receipt_display
from kaimen.reports.views_public import client_key

CLOSED_STATES = (ReportState.DECLINED, ReportState.RATED, ReportState.CLOSED)
MAX_RESULTS = 1000
DEFAULT_DAYS = 90
_CJK = re.compile(r"[\u4e00-\u9fff]")


def _error(status: int, description: str) -> JsonResponse:
    return JsonResponse([{"code": status, "description": description}], status=status, safe=False)


def _iso(value: datetime) -> str:
    return timezone.localtime(value).isoformat(timespec="seconds")


def _service(category: Any) -> dict[str, Any]:
    return {
        "service_code": category.code,
        "service_name": category.name,
        "description": category.description,
        "metadata": False,
        "type": "realtime",
        "keywords": category.get_kind_display(),
        "group": category.group,
    }


def _status_notes(report: Report) -> str:
    if report.state == ReportState.DECLINED:
        return report.decline_reason
    reply = selectors.report_public_replies(report=report).last()
    return reply.body if reply is not None else str(report.get_state_display())


def _request(report: Report) -> dict[str, Any]:
    due = report.reply_due or report.accept_due
    return {
        "service_request_id": str(report.pk),
        "status": "closed" if report.state in CLOSED_STATES else "open",
        "status_notes": _status_notes(report),
        "service_name": report.category.name,
        "service_code": report.category.code,
        "description": report.content if report.intake == Intake.OPEN311 else "",
        "agency_responsible": report.assigned_unit.name
        if report.assigned_unit
        else report.commission.name,
        "service_notice": "",
        "requested_datetime": _iso(report.created_at),
        "updated_datetime": _iso(report.updated_at),
        "expected_datetime": f"{due.isoformat()}T18:00:00+08:00" if due else None,
        "address": report.address or (report.organization.name if report.organization else ""),
        "address_id": "",
        "zipcode": None,
        "lat": float(report.lat) if report.lat is not None else None,
        "long": float(report.long) if report.long is not None else None,
        "media_url": "",
    }


def _public_requests() -> Any:
    return Report.objects.filter(kind=ReportKind.SERVICE_REQUEST).select_related(
        "category", "commission", "organization", "assigned_unit"
    )


@login_not_required
@require_GET
def services_list(request: HttpRequest) -> JsonResponse:
    return JsonResponse([_service(c) for c in selectors.category_list()], safe=False)


@login_not_required
@require_GET
def service_definition(request: HttpRequest, code: str) -> JsonResponse:
    """No service has extra attributes (`metadata` is false for all)."""
    if selectors.category_get(code=code) is None:
        return _error(404, "service_code not found")
    return JsonResponse({"service_code": code, "attributes": []})


def _decimal(value: str, field: str, limit: int) -> Decimal | None:
    if not value:
        return None
    try:
        number = Decimal(value)
    except InvalidOperation as exc:
        raise ApplicationError(f"{field} must be a number", field=field) from exc
    if not number.is_finite() or abs(number) > limit:
        raise ApplicationError(f"{field} is out of range", field=field)
    return number.quantize(Decimal("0.000001"))


def _name(first: str, last: str) -> str:
    if _CJK.search(first + last):
        return f"{last}{first}"
    return " ".join(part for part in (first, last) if part)


def _jurisdiction(value: str) -> Organization | None:
    """jurisdiction_id: a 行政区划代码 (330902) or an internal id, of a region or commission."""
    if not value:
        return None
    found = commission_of_region(value)
    if found is None:
        raise ApplicationError("jurisdiction_id not found", field="jurisdiction_id")
    return found


def _create(request: HttpRequest) -> JsonResponse:
    post = request.POST
    category = selectors.category_get(code=post.get("service_code", "").strip())
    if category is None:
        return _error(400, "service_code is missing or not found")
    description = post.get("description", "").strip()
    if not description:
        return _error(400, "description is required")
    try:
        lat = _decimal(post.get("lat", "").strip(), "lat", 90)
        long = _decimal(post.get("long", "").strip(), "long", 180)
        address = post.get("address_string", "").strip()
        if (lat is None) != (long is None) or (lat is None and not address):
            return _error(400, "a location is required: lat and long, or address_string")
        submission = services.report_submit(
            actor=request.user,
            data=services.ReportInput(
                category=category,
                content=description,
                address=address,
                lat=lat,
                long=long,
                # a position goes to the town whose centre is nearest (its commission receives
                # the report unless jurisdiction_id names one)
                organization=None if lat is None or long is None else nearest_town(lat, long),
                intake=Intake.OPEN311,
                identity=Identity(
                    name=_name(
                        post.get("first_name", "").strip(), post.get("last_name", "").strip()
                    )[:100],
                    phone=post.get("phone", "").strip()[:20],
                    email=post.get("email", "").strip()[:254],
                ),
            ),
            client=client_key(request),
            commission=_jurisdiction(post.get("jurisdiction_id", "").strip()),
        )
    except ApplicationError as exc:
        return _error(400, exc.message)
    notice = (
        _("查询码 %(receipt)s（仅显示一次，请妥善保存）")
        % {"receipt": receipt_display(submission.receipt)}
        if submission.receipt
        else ""
    )
    body = [
        {
            "service_request_id": str(submission.report.pk),
            "service_notice": notice,
            "account_id": None,
        }
    ]
    return JsonResponse(body, status=200 if submission.duplicate else 201, safe=False)


def _list(request: HttpRequest) -> JsonResponse:
    params = request.GET
    qs = _public_requests()
    ids = [part.strip() for part in params.get("service_request_id", "").split(",") if part.strip()]
    if ids:
        if not all(part.isdigit() for part in ids):
            return _error(400, "service_request_id must be numbers")
        return JsonResponse([_request(r) for r in qs.filter(pk__in=ids).order_by("pk")], safe=False)
    codes = [part.strip() for part in params.get("service_code", "").split(",") if part.strip()]
    if codes:
        qs = qs.filter(category__code__in=codes)
    start = parse_datetime(params["start_date"]) if params.get("start_date") else None
    end = parse_datetime(params["end_date"]) if params.get("end_date") else None
    if (params.get("start_date") and start is None) or (params.get("end_date") and end is None):
        return _error(400, "start_date and end_date must be w3c datetimes")
    if start is None and end is None:
        start = timezone.now() - timedelta(days=DEFAULT_DAYS)
    if start is not None:
        qs = qs.filter(created_at__gte=start)
    if end is not None:
        qs = qs.filter(created_at__lte=end)
    status = params.get("status", "").strip()
    if status == "open":
        qs = qs.exclude(state__in=CLOSED_STATES)
    elif status == "closed":
        qs = qs.filter(state__in=CLOSED_STATES)
    elif status:
        return _error(400, "status must be open or closed")
    reports = qs.order_by("-created_at", "-pk")[:MAX_RESULTS]
    return JsonResponse([_request(r) for r in reports], safe=False)


@login_not_required
@csrf_exempt
@require_http_methods(["GET", "POST"])
def requests_view(request: HttpRequest) -> JsonResponse:
    return _create(request) if request.method == "POST" else _list(request)


@login_not_required
@require_GET
def request_detail(request: HttpRequest, request_id: int) -> JsonResponse:
    report = _public_requests().filter(pk=request_id).first()
    if report is None:
        return _error(404, "service_request_id not found")
    return JsonResponse([_request(report)], safe=False)


@login_not_required
@require_GET
def discovery(request: HttpRequest) -> JsonResponse:
    base = request.build_absolute_uri("/open311/v2/")
    return JsonResponse(
        {
            "changeset": "2024-01-01T00:00:00+08:00",
            "contact": "",
            "key_service": "",
            "endpoints": [
                {
                    "specification": "http://wiki.open311.org/GeoReport_v2",
                    "url": base,
                    "changeset": "2024-01-01T00:00:00+08:00",
                    "type": "production",
                    "formats": ["application/json"],
                }
            ],
        }
    )
