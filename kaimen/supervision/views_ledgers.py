"""Ledger pages: choose filters, download the Excel ledgers; import problems from Excel."""

import dataclasses
from urllib.parse import quote

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from kaimen.core.errors import ApplicationError
from kaimen.core.excel import MAX_SHEET_BYTES, XLSX_CONTENT_TYPE, xlsx_response
from kaimen.orgs.decorators import staff_required
from kaimen.orgs.permissions import WATCH_JURISDICTION
from kaimen.orgs.selectors import organizations_for
from kaimen.supervision import ledgers
from kaimen.supervision.forms_ledgers import ImportForm, LedgerFilterForm


def _commission_only(request: HttpRequest) -> None:
    """Inspections and accountability are the commission's: units get the same 404."""
    if not request.user.has_perm(WATCH_JURISDICTION):
        raise Http404


@staff_required
def index(request: HttpRequest) -> HttpResponse:
    context = {
        "form": LedgerFilterForm(request.GET or None, user=request.user),
        "commission": request.user.has_perm(WATCH_JURISDICTION),
        "can_import": organizations_for(user=request.user, perm="supervision.add_problem").exists(),
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
    return xlsx_response(content, _("问题整改台账"))


@staff_required
def inspections_xlsx(request: HttpRequest) -> HttpResponse:
    _commission_only(request)
    filters = LedgerFilterForm(request.GET, user=request.user).filters()
    return xlsx_response(
        ledgers.inspections_workbook(user=request.user, filters=filters), _("督导检查台账")
    )


@staff_required
def accountability_xlsx(request: HttpRequest) -> HttpResponse:
    _commission_only(request)
    filters = LedgerFilterForm(request.GET, user=request.user).filters()
    content = ledgers.accountability_workbook(user=request.user, filters=filters)
    return xlsx_response(content, _("问责情况台账"))


@staff_required
def import_template(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(ledgers.import_template(), content_type=XLSX_CONTENT_TYPE)
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
            if upload.size > MAX_SHEET_BYTES:
                raise ApplicationError(_("文件过大（不超过 2 MB）。"), field="file")
            result = ledgers.problems_import(
                actor=request.user,
                commission=form.cleaned_data["commission"],
                content=upload.read(MAX_SHEET_BYTES + 1),
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
