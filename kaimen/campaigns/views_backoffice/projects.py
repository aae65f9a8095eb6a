"""Project pages: create, detail, manage, answer, monthly reports, outcomes, transitions."""

from typing import Literal

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kaimen.campaigns import services
from kaimen.campaigns.forms import (
    OutcomeForm,
    ProgressReportForm,
    ProjectAnswerForm,
    ProjectCreateForm,
    ProjectManageForm,
    ProjectTransitionForm,
    TargetForm,
    VersionForm,
    outcome_formset,
    target_formset,
)
from kaimen.campaigns.models import (
    Project,
    ProjectState,
)
from kaimen.campaigns.presentation import (
    CONFIRM_TEXT,
    PROJECT_ACTION_BUTTONS,
    outcome_rows,
    project_next_steps,
    report_month_due,
    target_rows,
    timeline_rows,
)
from kaimen.campaigns.selectors import (
    campaign_get_for,
    project_get_for,
)
from kaimen.campaigns.views_backoffice.common import attempt, post_data, project_url, require_perm
from kaimen.core.errors import ApplicationError
from kaimen.orgs.decorators import staff_required
from kaimen.timeline.selectors import event_list_for

SaveResult = Literal["ok", "error", "conflict"]


@staff_required
def project_create(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = campaign_get_for(user=request.user, pk=pk)
    require_perm(request, "campaigns.change_campaign", campaign)
    form = ProjectCreateForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        created: list[Project] = []
        data = form.cleaned_data
        result = attempt(
            request,
            lambda: created.append(
                services.project_create(
                    actor=request.user,
                    campaign=campaign,
                    title=data["title"],
                    theme=data["theme"],
                    lead_units=list(data["lead_units"]),
                )
            ),
            form,
            success=_("已添加治理项目。"),
        )
        if result == "ok":
            if "another" in request.POST:
                return redirect("campaigns_staff:project_create", pk=campaign.pk)
            return redirect("campaigns_staff:project_detail", pk=created[0].pk)
    context = {"form": form, "campaign": campaign}
    return render(request, "campaigns/staff/project_create.html", context)


@staff_required
def project_detail(request: HttpRequest, pk: int) -> HttpResponse:
    project = project_get_for(user=request.user, pk=pk)
    user = request.user
    # A running project is public from approval on the portal, but its working page (reports,
    # internal timeline) is for its own staff until the results are published.
    if not (project.is_public or user.has_perm("campaigns.view_internal_project", project)):
        raise Http404
    events = list(event_list_for(target=project))
    returned = next((e for e in reversed(events) if e.action == "project.return"), None)
    actions = services.project_allowed_actions(user=user, project=project)
    context = {
        "project": project,
        "campaign": project.campaign,
        "targets": target_rows(project),
        "outcomes": outcome_rows(project),
        "reports": project.reports.select_related("submitted_by").order_by("-month"),
        "timeline": timeline_rows(events),
        "actions": [(a, *PROJECT_ACTION_BUTTONS[a], CONFIRM_TEXT.get(a, "")) for a in actions],
        "can_answer": user.has_perm("campaigns.answer_project", project),
        "can_manage": user.has_perm("campaigns.manage_project", project)
        and project.state not in (ProjectState.PUBLISHED, ProjectState.CLOSED),
        "next_steps": project_next_steps(user, project),
        "returned": returned if returned and project.state == ProjectState.IN_PROGRESS else None,
    }
    return render(request, "campaigns/staff/project_detail.html", context)


@staff_required
def project_manage(request: HttpRequest, pk: int) -> HttpResponse:
    """The commission sets the title, theme and lead units."""
    project = project_get_for(user=request.user, pk=pk)
    require_perm(request, "campaigns.manage_project", project)
    initial = ProjectManageForm.initial_for(project)
    form = ProjectManageForm(post_data(request), initial=initial, user=request.user)
    result = None
    if request.method == "POST" and form.is_valid():
        data = {**form.cleaned_data, "lead_units": list(form.cleaned_data["lead_units"])}
        result = attempt(
            request,
            lambda: services.project_update(actor=request.user, project=project, **data),
            form,
            success=_("已保存。"),
        )
        if result == "ok":
            return redirect(project_url(project))
    context = {"form": form, "project": project, "conflict": result == "conflict"}
    return render(request, "campaigns/staff/project_manage.html", context)


@staff_required
def project_answer(request: HttpRequest, pk: int) -> HttpResponse:
    """The lead unit's answer: goal, work plan and quantified targets, saved together."""
    project = project_get_for(user=request.user, pk=pk)
    require_perm(request, "campaigns.answer_project", project)
    data = post_data(request)
    form = ProjectAnswerForm(data, initial=ProjectAnswerForm.initial_for(project))
    formset = target_formset(data, initial=TargetForm.initial_for(project))
    result = None
    if data is not None and form.is_valid() and formset.is_valid():
        result = attempt(
            request,
            lambda: services.project_update(
                actor=request.user,
                project=project,
                version=form.cleaned_data["version"],
                goal=form.cleaned_data["goal"],
                plan=form.cleaned_data["plan"],
                targets=[row.to_data() for row in formset.used_forms()],
            ),
            form,
            formset=formset,
            success=_("治理目标和量化指标已保存。"),
        )
        if result == "ok":
            return redirect(project_url(project, "goal"))
    context = {
        "form": form,
        "formset": formset,
        "project": project,
        "conflict": result == "conflict",
        "latest_targets": target_rows(project) if result == "conflict" else [],
    }
    return render(request, "campaigns/staff/project_answer.html", context)


@staff_required
def report_submit(request: HttpRequest, pk: int) -> HttpResponse:
    """Submit the monthly progress report; a month already reported is revised."""
    project = project_get_for(user=request.user, pk=pk)
    require_perm(request, "campaigns.answer_project", project)
    due = report_month_due(project, timezone.localdate())
    form = ProgressReportForm(
        request.POST or None,
        initial={"month": due} if due else None,
        targets=project.targets.order_by("position", "pk"),
    )
    if request.method == "POST" and form.is_valid():
        result = attempt(
            request,
            lambda: services.progress_report_submit(
                actor=request.user, project=project, **form.report_data()
            ),
            form,
            success=_("%(year)d年%(month)d月月报已报送。")
            % {"year": form.cleaned_data["month"].year, "month": form.cleaned_data["month"].month},
        )
        if result == "ok":
            return redirect(project_url(project, "reports"))
    reports = {f"{r.month:%Y-%m}": r for r in project.reports.all()}
    context = {"form": form, "project": project, "reports": reports}
    return render(request, "campaigns/staff/report_form.html", context)


@staff_required
def project_outcomes(request: HttpRequest, pk: int) -> HttpResponse:
    """The numbered outcome items (治理成果): headline and body; figures are read from them."""
    project = project_get_for(user=request.user, pk=pk)
    require_perm(request, "campaigns.answer_project", project)
    data = post_data(request)
    form = VersionForm(data, initial={"version": project.version})
    formset = outcome_formset(data, initial=OutcomeForm.initial_for(project))
    result = None
    if data is not None and form.is_valid() and formset.is_valid():
        result = attempt(
            request,
            lambda: services.project_outcomes_save(
                actor=request.user,
                project=project,
                version=form.cleaned_data["version"],
                outcomes=[row.to_data() for row in formset.used_forms()],
            ),
            form,
            formset=formset,
            success=_("治理成果已保存。确认无误后，请在项目页点击“报送治理成果”。"),
        )
        if result == "ok":
            return redirect(project_url(project, "outcomes"))
    context = {
        "form": form,
        "formset": formset,
        "project": project,
        "conflict": result == "conflict",
    }
    return render(request, "campaigns/staff/project_outcomes.html", context)


@require_POST
@staff_required
def project_transition(request: HttpRequest, pk: int) -> HttpResponse:
    """Approve, start, submit outcomes, return (with reason), publish, close."""
    project = project_get_for(user=request.user, pk=pk)
    form = ProjectTransitionForm(request.POST)
    if not form.is_valid():
        messages.warning(request, _("请求无效，请刷新页面后重试。"))
        return redirect(project_url(project))
    action = form.cleaned_data["action"]
    target = services.PROJECT_MACHINE.actions.get(action)
    if target is not None and project.state == target.target:
        messages.info(request, _("该操作已完成，无需重复提交。"))
        return redirect(project_url(project))
    if target is None or not request.user.has_perm(target.permissions[0], project):
        raise PermissionDenied(action)
    try:
        services.project_transition(
            actor=request.user,
            project=project,
            action=action,
            version=form.cleaned_data["version"],
            reason=form.cleaned_data["reason"],
        )
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("项目状态已更新为“%s”。") % ProjectState(project.state).label)
    return redirect(project_url(project))
