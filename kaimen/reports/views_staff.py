"""Back office for reports: inbox by state with deadline colours, detail with timeline, the
handling actions, the identity on explicit request (logged), CSV export."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from kaimen.core.errors import ApplicationError
from kaimen.core.files import file_response
from kaimen.orgs.decorators import staff_required
from kaimen.orgs.models import Organization
from kaimen.orgs.selectors import scope_for
from kaimen.reports import selectors, services
from kaimen.reports.forms import (
    AssignForm,
    CloseForm,
    DeclineForm,
    InboxFilterForm,
    ProblemForm,
    ReplyForm,
    StaffReportForm,
    VersionForm,
)
from kaimen.reports.identity import Identity
from kaimen.reports.labels import ACTION_LABELS
from kaimen.reports.models import Report, ReportState
from kaimen.reports.receipts import receipt_display
from kaimen.reports.views_public import client_key

S = ReportState
# Lazy: the labels are read per request, in the request's language.
TABS: dict[str, tuple[Any, tuple[str, ...]]] = {
    "received": (gettext_lazy("待受理"), (S.RECEIVED,)),
    "accepted": (gettext_lazy("待交办"), (S.ACCEPTED,)),
    "assigned": (gettext_lazy("办理中"), (S.ASSIGNED,)),
    "replied": (gettext_lazy("已答复"), (S.REPLIED, S.RATED)),
    "reopened": (gettext_lazy("复核中"), (S.REOPENED,)),
    "finished": (gettext_lazy("已办结"), (S.CLOSED, S.DECLINED)),
    "all": (gettext_lazy("全部"), ()),
}


@staff_required
def inbox(request: HttpRequest) -> HttpResponse:
    form = InboxFilterForm(request.GET)
    form.is_valid()
    tab = form.cleaned_data.get("tab") or "all"
    tab = tab if tab in TABS else "all"
    reports = selectors.report_list_for(
        user=request.user, states=TABS[tab][1] or None, kind=form.cleaned_data.get("kind") or None
    )
    page = Paginator(reports, 30).get_page(request.GET.get("page"))
    colouring = selectors.ReportColouring(timezone.localdate())
    rows = [(report, colouring.colour(report)) for report in page.object_list]
    context = {
        "page": page,
        "rows": rows,
        "tabs": TABS,
        "tab": tab,
        "form": form,
        "can_enter": handled_commissions(request.user).exists(),
        "can_route": selectors.routing_place_choices_for(user=request.user).exists(),
    }
    return render(request, "reports/staff/inbox.html", context)


def handled_commissions(user: Any) -> QuerySet[Organization]:
    """The commissions whose reports the user handles (and may enter or import reports for)."""
    return Organization.objects.filter(pk__in=[org.pk for org in _commissions(user, handling=True)])


def _commissions(user: Any, *, handling: bool = False) -> Any:
    """The user's commissions (those it handles reports for, with `handling`)."""
    scope = scope_for(user)
    qs = Organization.objects.filter(kind="commission")
    if scope.is_superuser:
        return qs
    qs = qs.filter(pk__in=scope.commission_ids)
    return [org for org in qs if scope.supervises(org)] if handling else qs


@staff_required
def report_enter(request: HttpRequest) -> HttpResponse:
    handled = [org.pk for org in _commissions(request.user, handling=True)]
    if not handled:
        raise Http404
    commissions = Organization.objects.filter(pk__in=handled)
    form = StaffReportForm(
        request.POST or None, request.FILES or None, user=request.user, commissions=commissions
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            submission = services.report_submit(
                actor=request.user,
                data=services.ReportInput(
                    kind=data["kind"],
                    channel=data["channel"],
                    category=data["category"],
                    content=data["content"],
                    organization=data["organization"],
                    project=data["project"],
                    address=data["address"],
                    external_number=data["external_number"],
                    identity=Identity(name=data["name"].strip(), phone=data["phone"].strip()),
                ),
                attachments=data["attachments"],
                client=client_key(request),
                idempotency_key=data["idempotency_key"],
                commission=data["commission"],
            )
        except ApplicationError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            context = {"submission": submission, "receipt": receipt_display(submission.receipt)}
            return render(request, "reports/staff/entered.html", context)
    return render(request, "reports/staff/enter.html", {"form": form})


def _detail_context(request: HttpRequest, report: Report, **extra: Any) -> dict[str, Any]:
    units = selectors.unit_choices_for_report(report=report)
    suggestion = selectors.routing_suggestion(report=report)
    context: dict[str, Any] = {
        "report": report,
        "colour": selectors.ReportColouring(timezone.localdate()).colour(report),
        "actions": services.report_allowed_actions(user=request.user, report=report),
        "can_read_identity": report.has_identity
        and request.user.has_perm("reports.read_identity", report),
        "replies": report.replies.select_related("unit"),
        "attachments": report.attachments.all(),
        "timeline": [
            (event, ACTION_LABELS.get(event.action, event.action))
            for event in selectors.report_timeline_for(report=report)
        ],
        "linked": report.linked.select_related("category"),
        "suggestion": suggestion,
        "decline_form": DeclineForm(initial={"version": report.version}),
        "close_form": CloseForm(initial={"version": report.version}),
        "accept_form": VersionForm(initial={"version": report.version}),
        "assign_form": AssignForm(
            units=units, initial={"version": report.version, "unit": suggestion}
        ),
        "reply_form": ReplyForm(initial={"version": report.version}),
        "problem_form": ProblemForm(
            units=units, initial={"responsible_unit": report.assigned_unit or suggestion}
        ),
    }
    context.update(extra)
    return context


@staff_required
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    report = selectors.report_get_for(user=request.user, pk=pk)
    return render(request, "reports/staff/detail.html", _detail_context(request, report))


def _accept(request: HttpRequest, report: Report) -> Any:
    form = VersionForm(request.POST)
    form.is_valid()
    return services.report_accept(
        actor=request.user, report=report, version=form.cleaned_data.get("version")
    )


def _decline(request: HttpRequest, report: Report) -> Any:
    form = DeclineForm(request.POST)
    if not form.is_valid():
        raise ApplicationError(_("请填写不予受理的理由。"), field="reason")
    data = form.cleaned_data
    return services.report_decline(
        actor=request.user, report=report, reason=data["reason"], version=data["version"]
    )


def _assign(request: HttpRequest, report: Report) -> Any:
    form = AssignForm(request.POST, units=selectors.unit_choices_for_report(report=report))
    if not form.is_valid():
        raise ApplicationError(_("请选择本辖区内的承办单位。"), field="unit")
    data = form.cleaned_data
    return services.report_assign(
        actor=request.user, report=report, unit=data["unit"], version=data["version"]
    )


def _reply(request: HttpRequest, report: Report) -> Any:
    form = ReplyForm(request.POST)
    if not form.is_valid():
        raise ApplicationError(_("请填写答复内容。"), field="body")
    data = form.cleaned_data
    return services.report_reply(
        actor=request.user,
        report=report,
        body=data["body"],
        public=data["public"],
        version=data["version"],
    )


def _close(request: HttpRequest, report: Report) -> Any:
    form = CloseForm(request.POST)
    form.is_valid()
    data = form.cleaned_data
    return services.report_close(
        actor=request.user,
        report=report,
        reason=data.get("reason", ""),
        version=data.get("version"),
    )


def _problem(request: HttpRequest, report: Report) -> Any:
    form = ProblemForm(request.POST, units=selectors.unit_choices_for_report(report=report))
    if not form.is_valid():
        raise ApplicationError(_("请选择责任单位并填写整改时限。"), field="responsible_unit")
    data = form.cleaned_data
    return services.report_problem_create(
        actor=request.user,
        report=report,
        responsible_unit=data["responsible_unit"],
        deadline=data["deadline"],
        description=data["description"],
    )


ACTIONS: dict[str, Callable[[HttpRequest, Report], Any]] = {
    "accept": _accept,
    "decline": _decline,
    "assign": _assign,
    "reply": _reply,
    "close": _close,
    "problem": _problem,
}


@staff_required
@require_POST
def report_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    handler = ACTIONS.get(action)
    if handler is None:
        raise Http404
    report = selectors.report_get_for(user=request.user, pk=pk)
    try:
        handler(request, report)
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("已完成。"))
    return redirect("reports_staff:detail", pk=pk)


@staff_required
@require_POST
def report_identity(request: HttpRequest, pk: int) -> HttpResponse:
    """Show the identity to a commission handler who asked for it; the read is recorded."""
    report = selectors.report_get_for(user=request.user, pk=pk)
    identity = services.report_identity_read(actor=request.user, report=report)
    context = _detail_context(request, report, identity=identity)
    response = render(request, "reports/staff/detail.html", context)
    response["Cache-Control"] = "no-store"
    return response


@staff_required
def report_attachment(request: HttpRequest, pk: int, attachment_id: int) -> HttpResponseBase:
    report = selectors.report_get_for(user=request.user, pk=pk)
    attachment = get_object_or_404(report.attachments, pk=attachment_id)
    name = (attachment.file.name or "").rsplit("/", 1)[-1]
    return file_response(
        attachment.file, filename=name, as_attachment=False, content_type=attachment.content_type
    )


@staff_required
def report_export(request: HttpRequest) -> HttpResponse:
    commissions = list(_commissions(request.user)[:1])
    if not commissions:
        raise Http404
    reports = selectors.report_list_for(user=request.user)
    body = services.report_export_csv(
        actor=request.user, commission=commissions[0], reports=reports
    )
    response = HttpResponse("\ufeff" + body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="reports.csv"'
    return response
