"""Back office for commission admins: the routing rules of their jurisdiction, and the bulk
import of 12345 work orders from Excel."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kaimen.core.decorators import staff_required
from kaimen.core.errors import ApplicationError
from kaimen.reports import selectors, services
from kaimen.reports.forms import RoutingRuleForm


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
