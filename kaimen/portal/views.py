"""The site frame's own pages: site search, privacy policy, corrections (纠错), and the index
of what commissions publish of their supervision (监督公开)."""

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kaimen.core.errors import ApplicationError
from kaimen.orgs.decorators import staff_required
from kaimen.portal import selectors, services
from kaimen.portal.forms import CorrectionForm, SearchForm


@login_not_required
@require_GET
def search(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET)
    query = form.cleaned_data["q"].strip() if form.is_valid() else ""
    groups = selectors.site_search(query)
    context = {
        "form": form,
        "query": query,
        "groups": groups,
        "count": sum(len(g.hits) for g in groups),
    }
    return render(request, "portal/search.html", context)


@login_not_required
@require_GET
def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/privacy.html")


@login_not_required
@require_GET
def oversight(request: HttpRequest) -> HttpResponse:
    """Listed problems and league tables the commissions publish, one click from the menu."""
    today = timezone.localdate()
    months = [_month_back(today, n) for n in (1, 2, 3)]
    context = {"disclosures": selectors.disclosures(), "months": months}
    return render(request, "portal/oversight.html", context)


def _month_back(today: date, n: int) -> date:
    index = today.year * 12 + today.month - 1 - n
    return date(index // 12, index % 12 + 1, 1)


ELDER_COOKIE = "kaimen_elder"


@login_not_required
@require_GET
def elder_mode(request: HttpRequest) -> HttpResponse:
    """Switch 长辈版 (larger text and targets, stronger contrast) on or off; remembered in a
    cookie, back to the page the visitor was on."""
    target = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        target = "/"
    response = redirect(target)
    if request.GET.get("on") == "1":
        response.set_cookie(ELDER_COOKIE, "1", max_age=365 * 24 * 3600, samesite="Lax")
    else:
        response.delete_cookie(ELDER_COOKIE)
    return response


@login_not_required
@require_http_methods(["GET", "POST"])
def correction_new(request: HttpRequest) -> HttpResponse:
    page = request.GET.get("page", "")
    if not url_has_allowed_host_and_scheme(page, allowed_hosts={request.get_host()}):
        page = ""
    form = CorrectionForm(request.POST or None, initial={"page": page})
    if request.method == "POST" and form.is_valid():
        try:
            services.correction_submit(actor=request.user, **form.cleaned_data)
        except ApplicationError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(request, _("已收到您的纠错，网站工作人员将核实处理。谢谢！"))
            return redirect("portal_site:correction_new")
    return render(request, "portal/correction_form.html", {"form": form})


@staff_required
@require_GET
def correction_list(request: HttpRequest) -> HttpResponse:
    corrections = selectors.correction_list_for(user=request.user)
    return render(request, "portal/staff/correction_list.html", {"corrections": corrections})


@staff_required
@require_POST
def correction_handle(request: HttpRequest, pk: int) -> HttpResponse:
    correction = get_object_or_404(selectors.correction_list_for(user=request.user), pk=pk)
    services.correction_handle(actor=request.user, correction=correction)
    messages.success(request, _("已标记为已处理。"))
    return redirect("portal_staff:correction_list")
