"""Back-office pages of 巡视整改: the tour ledger, the four lists, measures, the progress report.

Views parse with a form, call one service or selector, and render; every write goes through
`kaimen.tours.services`.
"""

from collections.abc import Callable
from datetime import date
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from kaimen.campaigns.selectors_import import import_run_get_for
from kaimen.core.errors import ApplicationError, ConflictError
from kaimen.core.excel import xlsx_response
from kaimen.core.format import cn_date
from kaimen.core.forms import BaseRowFormSet, StyledForm
from kaimen.core.word import DOCX_CONTENT_TYPE
from kaimen.orgs.decorators import staff_required
from kaimen.supervision.warnings import COLOUR_LABELS, STATUS_COLOURS, STATUS_LABELS
from kaimen.timeline.presentation import TimelineRow, timeline_rows
from kaimen.timeline.selectors import event_list_for
from kaimen.tours import selectors, services
from kaimen.tours.announcement import report_docx, tour_report
from kaimen.tours.forms import (
    LIST_KINDS,
    CloseForm,
    MeasureEditForm,
    MeasureFilterForm,
    ProgressForm,
    ReopenForm,
    ReportForm,
    TourCreateForm,
    TourUpdateForm,
    item_formset,
    measure_formset,
    office_choices_for,
)
from kaimen.tours.imports import tour_import
from kaimen.tours.labels import ACTION_LABELS, FIELD_LABELS
from kaimen.tours.ledgers import tour_measures_workbook
from kaimen.tours.models import FeedbackItem, Measure, MeasureState, Tour

LIST_TITLES: dict[str, Any] = {
    "problems": gettext_lazy("问题清单"),
    "tasks": gettext_lazy("任务清单"),
    "responsibility": gettext_lazy("责任清单"),
    "deadlines": gettext_lazy("时限清单"),
}


def _value(name: str, value: Any) -> str:
    if name == "state" and value in MeasureState.values:
        return str(MeasureState(value).label)
    if name == "deadline" and isinstance(value, str) and len(value) == 10:  # noqa: PLR2004
        return cn_date(date.fromisoformat(value))
    text = "" if value in (None, "") else str(value)
    return text if len(text) <= 120 else text[:118] + "…"  # noqa: PLR2004


def _timeline(measure: Measure) -> list[TimelineRow]:
    """The measure's events in words: who did what, what changed from what to what, and why."""
    return timeline_rows(
        event_list_for(target=measure),
        action_labels=ACTION_LABELS,
        field_labels=FIELD_LABELS,
        value_text=_value,
        shown=lambda name: name in FIELD_LABELS and name != "units",
    )


def _attempt(
    request: HttpRequest,
    call: Callable[[], object],
    form: StyledForm,
    *,
    success: str,
    formset: BaseRowFormSet | None = None,
) -> bool:
    """Call a service; put what it refuses next to the field it names."""
    try:
        call()
    except ConflictError as exc:
        form.add_error(None, exc.message)
        return False
    except ApplicationError as exc:
        name = exc.field or ""
        parts = name.split("-")
        if formset is not None and len(parts) == 3 and parts[1].isdigit():  # noqa: PLR2004
            rows = formset.used_forms()
            index = int(parts[1])
            if index < len(rows) and parts[2] in rows[index].fields:
                rows[index].add_error(parts[2], exc.message)
                return False
        form.add_error(name if name in form.fields else None, exc.message)
        return False
    messages.success(request, success)
    return True


def _require(request: HttpRequest, perm: str, obj: Any) -> None:
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied(perm)


def _context(request: HttpRequest, tour: Tour, **extra: Any) -> dict[str, Any]:
    return {
        "tour": tour,
        "can_manage": request.user.has_perm("tours.manage_tour", tour),
        "colour_labels": COLOUR_LABELS,
        "status_labels": STATUS_LABELS,
        "status_colours": STATUS_COLOURS,
        "list_titles": LIST_TITLES,
        **extra,
    }


def _filtered_rows(request: HttpRequest, tour: Tour) -> tuple[MeasureFilterForm, list[Any]]:
    form = MeasureFilterForm(
        request.GET or None, tour=tour, categories=selectors.tour_categories(tour)
    )
    data = form.cleaned_data if form.is_valid() else {}
    unit = data.get("unit")
    measures = selectors.measure_list_for(
        user=request.user,
        tour=tour,
        state=data.get("state") or None,
        unit=unit.pk if unit else None,
        category=data.get("category") or None,
    )
    return form, selectors.measure_rows(measures, tour, colour=data.get("colour") or None)


# ---------------------------------------------------------------- tours


@staff_required
def tour_list(request: HttpRequest) -> HttpResponse:
    tours = selectors.tour_list_for(user=request.user)
    can_create = office_choices_for(request.user).exists()
    return render(request, "tours/tour_list.html", {"tours": tours, "can_create": can_create})


@staff_required
def tour_create(request: HttpRequest) -> HttpResponse:
    if not office_choices_for(request.user).exists():
        raise PermissionDenied("tours.add_tour")
    form = TourCreateForm(request.POST or None, user=request.user)
    created: list[Tour] = []
    if form.is_bound and form.is_valid():
        ok = _attempt(
            request,
            lambda: created.append(services.tour_create(actor=request.user, **form.cleaned_data)),
            form,
            success=_("已创建，请录入巡视反馈问题。"),
        )
        if ok:
            return redirect("tours:items_add", pk=created[0].pk)
    return render(request, "tours/tour_form.html", {"form": form, "creating": True})


@staff_required
def tour_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The tour ledger: feedback items by category with their measures and colours."""
    tour = selectors.tour_get_for(user=request.user, pk=pk)
    form, rows = _filtered_rows(request, tour)
    items = list(selectors.tour_items(tour))
    all_rows = selectors.measure_rows(
        selectors.measure_list_for(user=request.user, tour=tour), tour
    )
    context = _context(
        request,
        tour,
        filter_form=form,
        filtered=bool(request.GET),
        groups=selectors.ledger_groups(items, rows, keep_empty=not request.GET),
        counts=selectors.tour_counts(all_rows),
        reports=tour.reports.all()[:5],
        report_form=ReportForm(),
        sees_all=selectors.sees_all_measures(request.user, tour),
    )
    return render(request, "tours/tour_detail.html", context)


@staff_required
def tour_update(request: HttpRequest, pk: int) -> HttpResponse:
    tour = selectors.tour_get_for(user=request.user, pk=pk)
    _require(request, "tours.manage_tour", tour)
    counted = services.tour_figures_counted(tour=tour)
    initial = TourUpdateForm.initial_for(tour)
    if request.GET.get("count"):
        initial.update(counted)
    form = TourUpdateForm(request.POST or None, initial=initial)
    if form.is_bound and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        ok = _attempt(
            request,
            lambda: services.tour_update(actor=request.user, tour=tour, version=version, **data),
            form,
            success=_("已保存。"),
        )
        if ok:
            return redirect("tours:tour_detail", pk=tour.pk)
    context = _context(request, tour, form=form, counted=counted)
    return render(request, "tours/tour_form.html", context)


@staff_required
def tour_lists(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    """The four lists (问题、任务、责任、时限清单): four views of the same measures."""
    if kind not in LIST_KINDS:
        raise Http404
    tour = selectors.tour_get_for(user=request.user, pk=pk)
    form, rows = _filtered_rows(request, tour)
    if kind == "deadlines":
        rows.sort(key=lambda row: (row.measure.deadline, row.item.position, row.measure.position))
    context = _context(
        request,
        tour,
        kind=kind,
        list_title=LIST_TITLES[kind],
        filter_form=form,
        rows=rows,
        groups=selectors.ledger_groups(
            list(selectors.tour_items(tour)), rows, keep_empty=kind == "problems"
        ),
        units=selectors.responsibility_list(rows) if kind == "responsibility" else [],
    )
    return render(request, "tours/tour_lists.html", context)


@require_POST
@staff_required
def report_create(request: HttpRequest, pk: int) -> HttpResponse:
    tour = selectors.tour_get_for(user=request.user, pk=pk)
    _require(request, "tours.manage_tour", tour)
    form = ReportForm(request.POST)
    if form.is_valid():
        try:
            services.tour_report_create(actor=request.user, tour=tour, **form.cleaned_data)
        except ApplicationError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("已记录整改进展报告。"))
    else:
        messages.error(request, _("请填写报告日期和进展情况。"))
    return redirect(reverse("tours:tour_detail", args=[tour.pk]) + "#reports")


# ---------------------------------------------------------------- entering items and measures


@staff_required
def items_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Enter several feedback items at once (a formset)."""
    tour = selectors.tour_get_for(user=request.user, pk=pk)
    _require(request, "tours.manage_tour", tour)
    form = StyledForm(request.POST or None)
    formset = item_formset(request.POST or None)
    if form.is_bound and form.is_valid() and formset.is_valid():
        rows = [row.to_data() for row in formset.used_forms()]
        ok = _attempt(
            request,
            lambda: services.feedback_items_add(actor=request.user, tour=tour, items=rows),
            form,
            formset=formset,
            success=_("已录入 %d 个反馈问题，请逐项分解整改措施。") % len(rows),
        )
        if ok:
            return redirect("tours:tour_detail", pk=tour.pk)
    context = _context(
        request,
        tour,
        form=form,
        formset=formset,
        categories=selectors.tour_categories(tour),
        items=selectors.tour_items(tour),
    )
    return render(request, "tours/items_add.html", context)


@staff_required
def measures_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Break one feedback item into measures (a formset)."""
    item = selectors.item_get_for(user=request.user, pk=pk)
    tour = item.tour
    _require(request, "tours.manage_tour", tour)
    form = StyledForm(request.POST or None)
    formset = measure_formset(request.POST or None, tour=tour)
    if form.is_bound and form.is_valid() and formset.is_valid():
        rows = [row.to_data() for row in formset.used_forms()]
        ok = _attempt(
            request,
            lambda: services.measures_add(actor=request.user, item=item, measures=rows),
            form,
            formset=formset,
            success=_("已添加 %d 项整改措施。") % len(rows),
        )
        if ok:
            if "another" in request.POST:
                following = tour.items.filter(position__gt=item.position).order_by("position")
                nxt: FeedbackItem | None = following.first()
                if nxt is not None:
                    return redirect("tours:measures_add", pk=nxt.pk)
            return redirect(reverse("tours:tour_detail", args=[tour.pk]) + f"#item-{item.pk}")
    context = _context(
        request, tour, item=item, form=form, formset=formset, existing=item.measures.all()
    )
    return render(request, "tours/measures_add.html", context)


# ---------------------------------------------------------------- one measure


def _measure_context(request: HttpRequest, measure: Measure, **forms: Any) -> dict[str, Any]:
    tour = measure.item.tour
    user = request.user
    today = timezone.localdate()
    row = selectors.measure_rows([measure], tour, today=today)[0]
    can_update = user.has_perm("tours.update_measure", measure)
    can_close = user.has_perm("tours.close_measure", measure)
    done = measure.state == MeasureState.DONE
    defaults: dict[str, Any] = {
        "progress_form": ProgressForm(
            initial={"version": measure.version, "progress": measure.progress}
        )
        if can_update and not done
        else None,
        "close_form": CloseForm(initial={"version": measure.version, "evidence": measure.progress})
        if can_close and not done
        else None,
        "reopen_form": ReopenForm(initial={"version": measure.version})
        if can_close and done
        else None,
        "edit_form": MeasureEditForm(
            initial={
                "version": measure.version,
                "text": measure.text,
                "units": list(measure.units.all()),
                "leader": measure.leader,
                "deadline": measure.deadline,
            },
            tour=tour,
        )
        if can_close and not done
        else None,
    }
    defaults.update(forms)
    return _context(
        request,
        tour,
        measure=measure,
        row=row,
        can_update=can_update,
        can_close=can_close,
        timeline=_timeline(measure),
        **defaults,
    )


def _measure_url(measure: Measure) -> str:
    return reverse("tours:measure_detail", args=[measure.pk])


@staff_required
def measure_detail(request: HttpRequest, pk: int) -> HttpResponse:
    measure = selectors.measure_get_for(user=request.user, pk=pk)
    return render(request, "tours/measure_detail.html", _measure_context(request, measure))


def _measure_post(  # noqa: PLR0917
    request: HttpRequest,
    pk: int,
    perm: str,
    form_name: str,
    form_class: type[StyledForm],
    call: Callable[[Measure, dict[str, Any]], object],
    success: str,
) -> HttpResponse:
    measure = selectors.measure_get_for(user=request.user, pk=pk)
    _require(request, perm, measure)
    kwargs: dict[str, Any] = {"tour": measure.item.tour} if form_class is MeasureEditForm else {}
    form = form_class(request.POST, **kwargs)
    if form.is_valid() and _attempt(
        request, lambda: call(measure, form.cleaned_data), form, success=success
    ):
        return redirect(_measure_url(measure))
    measure.refresh_from_db()
    context = _measure_context(request, measure, **{form_name: form})
    return render(request, "tours/measure_detail.html", context, status=400)


@require_POST
@staff_required
def measure_progress(request: HttpRequest, pk: int) -> HttpResponse:
    return _measure_post(
        request,
        pk,
        "tours.update_measure",
        "progress_form",
        ProgressForm,
        lambda m, d: services.measure_progress(actor=request.user, measure=m, **d),
        _("已更新整改进展。"),
    )


@require_POST
@staff_required
def measure_close(request: HttpRequest, pk: int) -> HttpResponse:
    return _measure_post(
        request,
        pk,
        "tours.close_measure",
        "close_form",
        CloseForm,
        lambda m, d: services.measure_close(actor=request.user, measure=m, **d),
        _("已对账销号。"),
    )


@require_POST
@staff_required
def measure_reopen(request: HttpRequest, pk: int) -> HttpResponse:
    return _measure_post(
        request,
        pk,
        "tours.close_measure",
        "reopen_form",
        ReopenForm,
        lambda m, d: services.measure_reopen(actor=request.user, measure=m, **d),
        _("已恢复为整改中。"),
    )


@require_POST
@staff_required
def measure_edit(request: HttpRequest, pk: int) -> HttpResponse:
    def call(measure: Measure, data: dict[str, Any]) -> object:
        form = MeasureEditForm(request.POST, tour=measure.item.tour)
        form.cleaned_data = data
        return services.measure_update(
            actor=request.user, measure=measure, version=data["version"], data=form.to_data()
        )

    return _measure_post(
        request,
        pk,
        "tours.change_measure",
        "edit_form",
        MeasureEditForm,
        call,
        _("已修改整改措施。"),
    )


# ---------------------------------------------------------------- the progress report


def _report(request: HttpRequest, tour: Tour) -> Any:
    _require(request, "tours.manage_tour", tour)
    measures = selectors.measure_list_for(user=request.user, tour=tour)
    return tour_report(tour, selectors.tour_items(tour), measures)


@staff_required
def announcement(request: HttpRequest, pk: int) -> HttpResponse:
    tour = selectors.tour_get_for(user=request.user, pk=pk)
    report = _report(request, tour)
    return render(request, "tours/announcement.html", _context(request, tour, report=report))


@staff_required
def measures_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    tour = selectors.tour_get_for(user=request.user, pk=pk)
    today = timezone.localdate()
    state = request.GET.get("state") or None
    rows = selectors.measure_rows(
        selectors.measure_list_for(user=request.user, tour=tour, state=state),
        tour,
        today=today,
        colour=request.GET.get("colour") or None,
    )
    content = tour_measures_workbook(user=request.user, tour=tour, rows=rows, today=today)
    return xlsx_response(content, _("%s反馈问题整改台账") % tour.name)


@staff_required
def announcement_docx(request: HttpRequest, pk: int) -> HttpResponse:
    tour = selectors.tour_get_for(user=request.user, pk=pk)
    content = report_docx(_report(request, tour))
    response = HttpResponse(
        content,
        content_type=DOCX_CONTENT_TYPE,
    )
    filename = f"{tour.name}整改进展情况的通报.docx"
    from urllib.parse import quote  # noqa: PLC0415

    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response


@staff_required
def announcement_text(request: HttpRequest, pk: int) -> HttpResponse:
    tour = selectors.tour_get_for(user=request.user, pk=pk)
    return HttpResponse(_report(request, tour).text, content_type="text/plain; charset=utf-8")


@staff_required
@require_POST
def tour_import_run(request: HttpRequest, pk: int) -> HttpResponse:
    """The back office's import of a tour progress report: the reviewed parse becomes a tour."""
    run = import_run_get_for(user=request.user, pk=pk)
    try:
        result = tour_import(actor=request.user, office=run.issuer, parsed=run.parsed)
    except ApplicationError as error:
        messages.error(request, error.message)
        return redirect("imports_staff:review", pk=run.pk)
    if result.created:
        messages.success(
            request,
            _("已建立巡视整改：%(items)d 个反馈问题，%(measures)d 条整改措施。")
            % {"items": result.items, "measures": result.measures},
        )
    else:
        messages.info(request, _("该巡视整改已导入，无需更改。"))
    return redirect("tours:tour_detail", pk=result.tour.pk)
