"""Public pages: file a report (no account needed), the receipt shown once, follow it by receipt
and rate the reply. Mobile first."""

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kaimen.core.errors import ApplicationError
from kaimen.core.http_errors import error_response
from kaimen.core.throttle import ThrottledError, client_address
from kaimen.reports import selectors, services
from kaimen.reports.forms import RateForm, ReportForm, TrackForm
from kaimen.reports.identity import Identity
from kaimen.reports.models import Report
from kaimen.reports.receipts import receipt_display

SESSION_KEY = "reports_tracked"


def client_key(request: HttpRequest) -> str:
    return f"{client_address(request)}|{request.headers.get('User-Agent', '')[:200]}"


@login_not_required
def report_new(request: HttpRequest) -> HttpResponse:
    form = ReportForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            submission = services.report_submit(
                actor=request.user,
                data=services.ReportInput(
                    kind=data["kind"],
                    category=data["category"],
                    content=data["content"],
                    organization=data["organization"],
                    project=data["project"],
                    address=data["address"],
                    identity=Identity(name=data["name"].strip(), phone=data["phone"].strip()),
                ),
                attachments=data["attachments"],
                client=client_key(request),
                idempotency_key=data["idempotency_key"],
            )
        except ApplicationError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            receipt = receipt_display(submission.receipt)
            context = {
                "submission": submission,
                "receipt": receipt,
                # 4-4-4-4, each group kept whole when the line wraps; copied without spaces.
                "receipt_groups": receipt.split(),
                "receipt_digits": submission.receipt,
            }
            return render(request, "reports/receipt.html", context)
    return render(request, "reports/new.html", {"form": form})


@login_not_required
def report_track(request: HttpRequest) -> HttpResponse:
    form = TrackForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            report = selectors.report_get_by_receipt(
                code=form.cleaned_data["receipt"], client=client_address(request)
            )
        except ThrottledError as error:
            return error_response(request, 429, error.message, retry_after=error.retry_after)
        if report is not None:
            request.session[SESSION_KEY] = report.pk
            return redirect("reports:progress")
        form.add_error("receipt", _("查询码不正确，请核对后重新输入。"))
    return render(request, "reports/track.html", {"form": form})


def _tracked(request: HttpRequest) -> Report | None:
    pk = request.session.get(SESSION_KEY)
    return Report.objects.filter(pk=pk).select_related("category").first() if pk else None


@login_not_required
def report_progress(request: HttpRequest) -> HttpResponse:
    report = _tracked(request)
    if report is None:
        return redirect("reports:track")
    replies = selectors.report_public_replies(report=report)
    return render(
        request,
        "reports/progress.html",
        {"report": report, "replies": replies, "rate_form": RateForm()},
    )


@login_not_required
@require_POST
def report_rate(request: HttpRequest) -> HttpResponse:
    report = _tracked(request)
    if report is None:
        return redirect("reports:track")
    form = RateForm(request.POST)
    if form.is_valid():
        try:
            services.report_rate(
                report=report,
                rating=form.cleaned_data["rating"],
                comment=form.cleaned_data["comment"],
                actor=request.user,
            )
        except ApplicationError as exc:
            form.add_error(None, exc.message)
        else:
            return redirect("reports:progress")
    replies = selectors.report_public_replies(report=report)
    context = {"report": report, "replies": replies, "rate_form": form}
    return render(request, "reports/progress.html", context, status=400)
