"""Access-matrix rows for reports: the public pages, the staff pages, the API, Open311.

Staff rows use a report of 定海区纪委监委, assigned to 定海区教育局 (the lead unit's staff may see
it; 公安分局 and 普陀 may not). The identity is read by supervisors and commission admins only.
"""

from typing import Any

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kaimen.core.access import (
    COMMISSION_ADMIN,
    COMMISSION_ADMIN_OTHER,
    DINGHAI_COMMISSION,
    EVERYONE,
    SUPERVISOR,
    UNIT_LEAD,
    VIEWER,
    Row,
)
from kaimen.reports.models import Report, ReportAttachment, RoutingRule
from kaimen.reports.tests import factories

HANDLERS = frozenset({SUPERVISOR, COMMISSION_ADMIN})
COMMISSIONS = frozenset({SUPERVISOR, COMMISSION_ADMIN, COMMISSION_ADMIN_OTHER, VIEWER})


def _assigned(w: Any) -> Report:
    return factories.assigned(w)


def _received(w: Any) -> Report:
    return factories.submit(w).report


def _attachment(w: Any) -> str:
    report = _assigned(w)
    attachment = ReportAttachment(
        report=report, content_type="application/pdf", size=9, kind_label="PDF"
    )
    attachment.file.save("attachment-1.pdf", ContentFile(b"%PDF-1.4\n"), save=True)
    return reverse("reports_staff:attachment", args=[report.pk, attachment.pk])


def _rule(w: Any) -> RoutingRule:
    return RoutingRule.objects.create(
        category=factories.category(), place=w.orgs["dinghai"], unit=w.orgs["dh_jiaoyu"]
    )


def _rule_data(w: Any) -> dict[str, Any]:
    return {
        "category": factories.category().pk,
        "place": w.orgs["dinghai"].pk,
        "unit": w.orgs["dh_jiaoyu"].pk,
    }


def _import_data(w: Any) -> dict[str, Any]:
    content = factories.workbook([factories.workorder_row(w)])
    return {
        "commission": w.orgs["dh_jiwei"].pk,
        "file": SimpleUploadedFile("orders.xlsx", content),
    }


def _open311_post(w: Any) -> dict[str, str]:
    return {"service_code": "001", "description": "路灯坏了", "lat": "30.0", "long": "122.1"}


ROWS = [
    Row("reports:new", lambda w: reverse("reports:new"), EVERYONE),
    Row("reports:track", lambda w: reverse("reports:track"), EVERYONE),
    Row("reports:progress", lambda w: reverse("reports:progress"), EVERYONE),
    Row("reports:rate", lambda w: reverse("reports:rate"), EVERYONE, method="post"),
    Row(
        "reports_staff:inbox",
        lambda w: reverse("reports_staff:inbox"),
        frozenset(DINGHAI_COMMISSION | {UNIT_LEAD, COMMISSION_ADMIN_OTHER, "unit_staff_other"}),
    ),
    Row(
        "reports_staff:enter",
        lambda w: reverse("reports_staff:enter"),
        frozenset(HANDLERS | {COMMISSION_ADMIN_OTHER}),
    ),
    Row("reports_staff:export", lambda w: reverse("reports_staff:export"), COMMISSIONS),
    Row(
        "reports_staff:detail",
        lambda w: reverse("reports_staff:detail", args=[_assigned(w).pk]),
        frozenset(DINGHAI_COMMISSION | {UNIT_LEAD}),
    ),
    Row(
        "reports_staff:identity",
        lambda w: reverse("reports_staff:identity", args=[_assigned(w).pk]),
        HANDLERS,
        method="post",
    ),
    Row("reports_staff:attachment", _attachment, frozenset(DINGHAI_COMMISSION | {UNIT_LEAD})),
    Row(
        "reports_staff:action",
        lambda w: reverse("reports_staff:action", args=[_received(w).pk, "accept"]),
        HANDLERS,
        method="post",
    ),
    Row(
        "reports_staff:routing",
        lambda w: reverse("reports_staff:routing"),
        frozenset({COMMISSION_ADMIN, COMMISSION_ADMIN_OTHER}),
    ),
    Row(
        "reports_staff:routing",
        lambda w: reverse("reports_staff:routing"),
        frozenset({COMMISSION_ADMIN}),
        method="post",
        data=_rule_data,
    ),
    Row(
        "reports_staff:routing_delete",
        lambda w: reverse("reports_staff:routing_delete", args=[_rule(w).pk]),
        frozenset({COMMISSION_ADMIN}),
        method="post",
    ),
    Row(
        "reports_staff:import",
        lambda w: reverse("reports_staff:import"),
        frozenset(HANDLERS | {COMMISSION_ADMIN_OTHER}),
    ),
    Row(
        "reports_staff:import",
        lambda w: reverse("reports_staff:import"),
        HANDLERS,
        method="post",
        data=_import_data,
    ),
    Row(
        "reports_staff:import_template",
        lambda w: reverse("reports_staff:import_template"),
        frozenset(HANDLERS | {COMMISSION_ADMIN_OTHER}),
    ),
    Row("open311:discovery", lambda w: reverse("open311:discovery"), EVERYONE),
    Row("open311:services", lambda w: reverse("open311:services"), EVERYONE),
    Row(
        "open311:service",
        lambda w: (factories.category(), reverse("open311:service", args=["001"]))[1],
        EVERYONE,
    ),
    Row("open311:requests", lambda w: reverse("open311:requests"), EVERYONE),
    Row(
        "open311:requests",
        lambda w: (factories.category(), reverse("open311:requests"))[1],
        EVERYONE,
        method="post",
        data=_open311_post,
    ),
    Row(
        "open311:request",
        lambda w: reverse("open311:request", args=[_received(w).pk]),
        EVERYONE,
    ),
    Row(
        "api:report_create",
        lambda w: (factories.category(), reverse("api:report_create"))[1],
        EVERYONE,
        method="post",
        json=True,
        data=lambda w: {"category": "001", "content": "食堂饭菜价格上涨", "channel": "web"},
    ),
    Row(
        "api:report_receipt",
        lambda w: reverse("api:report_receipt", args=[factories.submit(w).receipt]),
        EVERYONE,
    ),
]
