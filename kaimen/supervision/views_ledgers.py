"""Ledger pages: choose filters, download the Excel ledgers; import problems from Excel."""

import dataclasses
from urllib.parse import quote

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from kaimen.core.decorators import staff_required
from kaimen.core.errors import ApplicationError
from kaimen.orgs.selectors import scope_for
from kaimen.supervision import ledgers
from kaimen.supervision.forms_ledgers import ImportForm, LedgerFilterForm
from kaimen.supervision.selectors import supervising_commissions_for
from kaimen.tours.selectors import measure_list_for, measure_rows, tour_get_for


def _xlsx(content: bytes, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=ledgers.XLSX_CONTENT_TYPE)
    filename = f"{name}（{ledgers.cn_date(timezone.localdate())}）.xlsx"
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response


def _commission_only(request: HttpRequest) -> None:
    """Inspections and accountability are the commission's: units get the same 404."""
    scope = scope_for(request.user)
    if not (scope.is_superuser or scope.watch_paths):
        raise Http404


@staff_required
def index(request: HttpRequest) -> HttpResponse:
    scope = scope_for(request.user)
    context = {
        "form": LedgerFilterForm(request.GET or None, user=request.user),
        "commission": scope.is_superuser or bool(scope.watch_paths),
        "can_import": bool(supervising_commissions_for(user=request.user)) or scope.is_superuser,
    }
    return render(request, "supervision/ledgers/index.html", context)


@staff_required
def problems_xlsx(request: HttpRequest) -> HttpResponse:
    filters = dataclasses.replace(
        LedgerFilterForm(request.GET, user=request.user).filters(),
        q=request.GET.get("q", "")[:100] or None,
        ids=tuple(int(v) for v in request.GET.getlist("problem")[:500] if v.isdigit()),
    )
    content = ledgers.problems_workbook(user=request.user, filters=filters)
    return _xlsx(content, _("问题整改台账"))


@staff_required
def inspections_xlsx(request: HttpRequest) -> HttpResponse:
    _commission_only(request)
    filters = LedgerFilterForm(request.GET, user=request.user).filters()
    return _xlsx(
        ledgers.inspections_workbook(user=request.user, filters=filters), _("督导检查台账")
    )


@staff_required
def accountability_xlsx(request: HttpRequest) -> HttpResponse:
    _commission_only(request)
    filters = LedgerFilterForm(request.GET, user=request.user).filters()
    content = ledgers.accountability_workbook(user=request.user, filters=filters)
    return _xlsx(content, _("问责情况台账"))


@staff_required
def tour_measures_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    tour = tour_get_for(user=request.user, pk=pk)
    today = timezone.localdate()
    state = request.GET.get("state") or None
    rows = measure_rows(
        measure_list_for(user=request.user, tour=tour, state=state),
        tour,
        today=today,
        colour=request.GET.get("colour") or None,
    )
    content = ledgers.tour_measures_workbook(user=request.user, tour=tour, rows=rows, today=today)
    return _xlsx(content, _("%s反馈问题整改台账") % tour.name)


@staff_required
def import_template(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(ledgers.import_template(), content_type=ledgers.XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote('问题导入模板.xlsx')}"
    return response


@staff_required
def problems_import(request: HttpRequest) -> HttpResponse:
    form = ImportForm(request.POST or None, request.FILES or None, user=request.user)
    if not form.fields["commission"].queryset.exists():  # type: ignore[attr-defined]
        raise PermissionDenied("supervision.add_problem")
    result = None
    if form.is_bound and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            if upload.size > ledgers.MAX_UPLOAD_BYTES:
                raise ApplicationError(_("文件过大（不超过 2 MB）。"), field="file")
            result = ledgers.problems_import(
                actor=request.user,
                commission=form.cleaned_data["commission"],
                content=upload.read(ledgers.MAX_UPLOAD_BYTES + 1),
            )
        except ApplicationError as exc:
            form.add_error("file", exc.message)
        else:
            if result.ok:
                messages.success(
                    request,
                    _("已导入 %(n)d 个问题（编号 %(first)s 至 %(last)s）。")
                    % {
                        "n": len(result.created),
                        "first": result.created[0].number,
                        "last": result.created[-1].number,
                    },
                )
                return redirect("ledgers:problems_import")
    status = 400 if form.is_bound else 200
    context = {"form": form, "result": result}
    return render(request, "supervision/ledgers/import.html", context, status=status)
