"""Back office for commission admins: the routing rules of their jurisdiction, and the bulk
import of 12345 work orders from Excel."""

from urllib.parse import quote

from django.contrib import messages
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kaimen.core.errors import ApplicationError
from kaimen.core.excel import MAX_SHEET_BYTES, XLSX_CONTENT_TYPE
from kaimen.orgs.decorators import staff_required
from kaimen.orgs.models import Organization
from kaimen.reports import selectors, services, workorders
from kaimen.reports.forms import RoutingRuleForm, WorkOrderImportForm
from kaimen.reports.views_staff import handled_commissions


@staff_required
def routing_rules(request: HttpRequest) -> HttpResponse:
    """List the rules; a valid form creates one (errors shown next to the field named)."""
    if not selectors.routing_place_choices_for(user=request.user).exists():
        raise Http404
    form = RoutingRuleForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.routing_rule_create(actor=request.user, **form.cleaned_data)
        except ApplicationError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, _("已添加分办规则。"))
            return redirect("reports_staff:routing")
    rules = selectors.routing_rule_list_for(user=request.user)
    context = {"rules": rules, "form": form}
    return render(
        request, "reports/staff/routing.html", context, status=400 if form.errors else 200
    )


@staff_required
@require_POST
def routing_rule_delete(request: HttpRequest, pk: int) -> HttpResponse:
    rule = selectors.routing_rule_get_for(user=request.user, pk=pk)
    services.routing_rule_delete(actor=request.user, rule=rule)
    messages.success(request, _("已删除分办规则。"))
    return redirect("reports_staff:routing")


def _handled(request: HttpRequest) -> QuerySet[Organization]:
    commissions = handled_commissions(request.user)
    if not commissions.exists():
        raise Http404
    return commissions


@staff_required
def workorder_template(request: HttpRequest) -> HttpResponse:
    _handled(request)
    response = HttpResponse(workorders.template(), content_type=XLSX_CONTENT_TYPE)
    name = quote("12345工单导入模板.xlsx")
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{name}"
    return response


@staff_required
def workorder_import(request: HttpRequest) -> HttpResponse:
    """Upload a filled template: all rows filed, or none with each error by row and column."""
    commissions = _handled(request)
    form = WorkOrderImportForm(request.POST or None, request.FILES or None, commissions=commissions)
    result = None
    if form.is_bound and form.is_valid():
        try:
            result = services.report_import_workorders(
                actor=request.user,
                commission=form.cleaned_data["commission"],
                content=form.cleaned_data["file"].read(MAX_SHEET_BYTES + 1),
            )
        except ApplicationError as exc:
            form.add_error("file", exc.message)
        else:
            if result.ok:
                messages.success(request, _("已导入 %d 个工单。") % len(result.created))
                return redirect(f"{reverse('reports_staff:inbox')}?tab=received")
    status = 400 if form.is_bound else 200
    context = {"form": form, "result": result, "columns": workorders.COLUMNS}
    return render(request, "reports/staff/import.html", context, status=status)
