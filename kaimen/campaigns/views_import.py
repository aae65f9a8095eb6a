"""Back office: a commission brings its history (journey 8).

Upload or paste an announcement → review the parse beside the highlighted source → correct →
confirm → the import runs as a background task, its progress polled with htmx.
"""

from typing import Any

from django.contrib import messages
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from kaimen.campaigns.forms_import import (
    CampaignCorrectionForm,
    FigureFormSet,
    ImportConfirmForm,
    ImportUploadForm,
    ProjectCorrectionForm,
    StructureForm,
    figure_rows,
)
from kaimen.campaigns.imports import (
    MAX_SOURCE_BYTES,
    announcement_import,
    import_run_confirm,
    import_run_correct,
    import_run_create,
    parsed_with_campaign,
    parsed_with_project,
    review_context,
)
from kaimen.campaigns.imports.structure import (
    parsed_with_figure_moved,
    parsed_with_project_split,
    parsed_with_projects_merged,
    parsed_with_title_line,
)
from kaimen.campaigns.models import ImportRun
from kaimen.campaigns.selectors_import import (
    import_issuers_for,
    import_run_get_for,
    import_run_list_for,
)
from kaimen.core.errors import ApplicationError
from kaimen.orgs.decorators import staff_required


def _form_error(form: Form, error: ApplicationError) -> None:
    """Show a service's error next to the field it names (or above the form)."""
    field = error.field if error.field in form.fields else None
    form.add_error(field, error.message)


def _issuers_or_404(request: HttpRequest) -> Any:
    issuers = import_issuers_for(user=request.user)
    if not issuers.exists():
        raise Http404
    return issuers


@staff_required
def run_list(request: HttpRequest) -> HttpResponse:
    _issuers_or_404(request)
    runs = import_run_list_for(user=request.user)[:50]
    return render(request, "campaigns/staff/import_list.html", {"runs": runs})


@staff_required
@require_http_methods(["GET", "POST"])
def run_new(request: HttpRequest) -> HttpResponse:
    issuers = _issuers_or_404(request)
    form = ImportUploadForm(request.POST or None, request.FILES or None, issuers=issuers)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            run = import_run_create(
                actor=request.user,
                issuer=form.cleaned_data["issuer"],
                source_name=upload.name if upload else "",
                data=upload.read(MAX_SOURCE_BYTES + 1) if upload else None,
                text=form.cleaned_data["text"],
            )
        except ApplicationError as error:
            _form_error(form, error)
        else:
            return redirect("imports_staff:review", pk=run.pk)
    return render(request, "campaigns/staff/import_new.html", {"form": form})


@staff_required
def run_review(request: HttpRequest, pk: int) -> HttpResponse:
    run = import_run_get_for(user=request.user, pk=pk)
    plan, problem = None, None
    try:
        plan = announcement_import(
            actor=request.user, issuer=run.issuer, parsed=run.parsed, create_orgs=True, dry_run=True
        )
    except ApplicationError as error:
        problem = error.message
    context = review_context(run) | {
        "plan": plan,
        "problem": problem,
        "confirm_form": ImportConfirmForm(),
    }
    return render(request, "campaigns/staff/import_review.html", context)


@staff_required
def run_progress(request: HttpRequest, pk: int) -> HttpResponse:
    run = import_run_get_for(user=request.user, pk=pk)
    return render(request, "campaigns/staff/import_review.html#progress", {"run": run})


@staff_required
@require_http_methods(["GET", "POST"])
def run_campaign_edit(request: HttpRequest, pk: int) -> HttpResponse:
    run = import_run_get_for(user=request.user, pk=pk)
    totals = run.parsed.get("intro_totals") or []
    form = CampaignCorrectionForm(
        request.POST or None,
        initial={"year": run.parsed.get("year"), "title": run.parsed.get("title")},
    )
    formset = FigureFormSet(request.POST or None, initial=_figure_initial(totals), prefix="fig")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        parsed = parsed_with_campaign(
            run.parsed,
            year=form.cleaned_data["year"],
            title=form.cleaned_data["title"],
            totals=figure_rows(formset),
        )
        if _corrected(request, run, parsed, form):
            return redirect("imports_staff:review", pk=run.pk)
    context = {
        "run": run,
        "form": form,
        "formset": formset,
        "rows": _rows(formset, totals),
        "heading": _("年度与总体数据"),
    }
    return render(request, "campaigns/staff/import_edit.html", context)


@staff_required
@require_http_methods(["GET", "POST"])
def run_project_edit(request: HttpRequest, pk: int, position: int) -> HttpResponse:
    run = import_run_get_for(user=request.user, pk=pk)
    projects = run.parsed.get("projects") or []
    if not 1 <= position <= len(projects):
        raise Http404
    project = projects[position - 1]
    initial = {
        "title": project.get("title"),
        "lead_units": "、".join(project.get("lead_units") or []),
        "goal": project.get("goal") or "",
    }
    form = ProjectCorrectionForm(request.POST or None, initial=initial)
    metrics = project.get("metrics") or []
    formset = FigureFormSet(request.POST or None, initial=_figure_initial(metrics), prefix="fig")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        parsed = parsed_with_project(
            run.parsed, position - 1, **form.cleaned_data, figures=figure_rows(formset)
        )
        if _corrected(request, run, parsed, form):
            return redirect(reverse("imports_staff:review", args=[run.pk]) + f"#project-{position}")
    heading = _("项目 %(n)d：%(title)s") % {"n": position, "title": project.get("title")}
    context = {
        "run": run,
        "form": form,
        "formset": formset,
        "heading": heading,
        "rows": _rows(formset, metrics),
    }
    return render(request, "campaigns/staff/import_edit.html", context)


def _rows(formset: Any, figures: list[dict[str, Any]]) -> list[tuple[Any, str]]:
    """Each figure's form with the text it was read from (new rows have none)."""
    sources = [f.get("source", "") for f in figures]
    return [(form, sources[i] if i < len(sources) else "") for i, form in enumerate(formset)]


def _figure_initial(figures: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        {
            "label": f.get("label"),
            "value": f.get("written_value", f.get("value")),
            "unit": f.get("written_unit", f.get("unit")),
        }
        for f in figures
    ]


def _corrected(request: HttpRequest, run: ImportRun, parsed: dict[str, Any], form: Form) -> bool:
    try:
        import_run_correct(actor=request.user, run=run, parsed=parsed)
    except ApplicationError as error:
        _form_error(form, error)
        return False
    messages.success(request, _("已保存更正。"))
    return True


def _restructured(run: ImportRun, data: dict[str, Any]) -> dict[str, Any]:
    operation = data["operation"]
    if operation == "title_line":
        return parsed_with_title_line(run.parsed, run.source_text, data["line"])
    if operation == "merge":
        return parsed_with_projects_merged(run.parsed, data["position"])
    if operation == "split":
        return parsed_with_project_split(run.parsed, data["position"], data["outcome"])
    source, index = (int(part) for part in data["figure"].split(":"))
    return parsed_with_figure_moved(run.parsed, source, index, data["target"])


@staff_required
@require_POST
def run_structure(request: HttpRequest, pk: int) -> HttpResponse:
    """A person fixes the structure: a line is a title, projects merge or split, a figure moves."""
    run = import_run_get_for(user=request.user, pk=pk)
    form = StructureForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
        return redirect("imports_staff:review", pk=run.pk)
    try:
        import_run_correct(
            actor=request.user, run=run, parsed=_restructured(run, form.cleaned_data)
        )
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("已调整结构。"))
    return redirect("imports_staff:review", pk=run.pk)


@staff_required
@require_POST
def run_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    run = import_run_get_for(user=request.user, pk=pk)
    form = ImportConfirmForm(request.POST)
    form.is_valid()
    try:
        import_run_confirm(
            actor=request.user,
            run=run,
            create_orgs=form.cleaned_data.get("create_orgs", False),
            allow_update=form.cleaned_data.get("allow_update", False),
        )
    except ApplicationError as error:
        messages.error(request, error.message)
    return redirect("imports_staff:review", pk=run.pk)
