"""Staff back office for campaigns and projects (not the Django admin).

Views parse with a form, call one service or selector, and render; every write goes through
`kaimen.campaigns.services`. Edit forms carry the version they were read at: a stale save is
shown as a conflict with the user's input kept on the page.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Literal

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from kaimen.campaigns import services
from kaimen.campaigns.figures import metric_as_written
from kaimen.campaigns.forms import (
    BaseRowFormSet,
    CampaignCreateForm,
    CampaignTransitionForm,
    CampaignUpdateForm,
    OutcomeForm,
    ProgressReportForm,
    ProjectAnswerForm,
    ProjectCreateForm,
    ProjectManageForm,
    ProjectTransitionForm,
    StyledForm,
    TargetForm,
    VersionForm,
    commission_choices_for,
    outcome_formset,
    target_formset,
)
from kaimen.campaigns.labels import ACTION_LABELS, FIELD_LABELS
from kaimen.campaigns.models import (
    Campaign,
    CampaignState,
    Comparator,
    Project,
    ProjectState,
    Theme,
)
from kaimen.campaigns.selectors import (
    campaign_get_for,
    campaign_list_staff_for,
    project_get_for,
    project_list_staff_for,
    report_months_missing,
)
from kaimen.core.decorators import staff_required
from kaimen.core.errors import ApplicationError, ConflictError
from kaimen.orgs.selectors import scope_for
from kaimen.timeline.models import Event
from kaimen.timeline.selectors import event_list_for

SaveResult = Literal["ok", "error", "conflict"]

# ---------------------------------------------------------------- presentation helpers

PROJECT_ACTION_BUTTONS: dict[str, tuple[Any, str, str]] = {
    # action: (label, Bootstrap button style, icon)
    "approve": (gettext_lazy("确定项目"), "btn-primary", "bi-check2-circle"),
    "start": (gettext_lazy("启动治理"), "btn-primary", "bi-play-circle"),
    "submit_outcomes": (gettext_lazy("报送治理成果"), "btn-success", "bi-send"),
    "publish": (gettext_lazy("公布成果"), "btn-success", "bi-megaphone"),
    "return": (gettext_lazy("退回修改"), "btn-outline-danger", "bi-arrow-counterclockwise"),
    "close": (gettext_lazy("结项"), "btn-outline-secondary", "bi-archive"),
}
CONFIRM_TEXT: dict[str, Any] = {
    "submit_outcomes": gettext_lazy("报送后成果将交纪委监委审核，审核期间不能修改。"),
    "publish": gettext_lazy("公布后成果将在公开门户展示，不能再修改。"),
    "close": gettext_lazy("结项后项目归档。"),
}


MONTH_TEXT = re.compile(r"^\d{4}-\d{2}$")


def _value_text(name: str, value: Any) -> str:
    if isinstance(value, list):
        return "；".join(str(v) for v in value) or _("（无）")
    if name == "state":
        for choices in (ProjectState, CampaignState):
            if value in choices.values:
                return str(choices(value).label)
    if name == "month" and isinstance(value, str) and MONTH_TEXT.match(value):
        year, month = value.split("-")
        return _("%(year)s年%(month)d月") % {"year": year, "month": int(month)}
    if name == "theme" and value in Theme.values:
        return str(Theme(value).label)
    text = str(value) if value not in (None, "") else _("（空）")
    return text if len(text) <= 120 else text[:118] + "…"  # noqa: PLR2004


@dataclass
class TimelineRow:
    at: datetime
    actor: str
    action: str
    changes: list[tuple[str, str, str]] = field(default_factory=list)
    reason: str = ""


def timeline_rows(events: Any) -> list[TimelineRow]:
    """Events as a person reads them: who did what, what changed from what to what, and why."""
    rows = []
    for event in events:
        event_: Event = event
        before = event_.before if isinstance(event_.before, dict) else {}
        after = event_.after if isinstance(event_.after, dict) else {}
        changes = []
        for name in dict.fromkeys([*before, *after]):
            label = str(FIELD_LABELS.get(name, name))
            old = _value_text(name, before[name]) if name in before else ""
            new = _value_text(name, after[name]) if name in after else ""
            changes.append((label, old, new))
        actor = event_.actor_label
        if event_.actor is not None:
            actor = event_.actor.display_name or event_.actor.get_username()
        rows.append(
            TimelineRow(
                at=event_.created_at,
                actor=actor,
                action=str(ACTION_LABELS.get(event_.action, event_.action)),
                changes=changes,
                reason=event_.reason,
            )
        )
    return rows


def report_month_due(project: Project, today: date) -> date | None:
    """The month whose report the lead unit still owes, or None.

    Reports cover the campaign's year: the month due is the current one while that year runs,
    its December once it is over, none before it starts; a report for that month or a later
    one settles it. Only a project in progress owes reports (none once outcomes are submitted).
    """
    year = project.campaign.year
    if project.state != ProjectState.IN_PROGRESS or today.year < year:
        return None
    due = today.replace(day=1) if today.year == year else date(year, 12, 1)
    if hasattr(project, "last_report_month"):
        last = project.last_report_month
    else:
        last = project.reports.order_by("-month").values_list("month", flat=True).first()
    return None if last is not None and last >= due else due


def _month_words(month: date) -> str:
    """11月 in the current year, 2025年12月 otherwise."""
    if month.year == timezone.localdate().year:
        return _("%(month)d月") % {"month": month.month}
    return _("%(year)d年%(month)d月") % {"year": month.year, "month": month.month}


@dataclass(frozen=True)
class Step:
    label: str
    tone: str  # Bootstrap colour: warning (to do), info (waiting), secondary


def project_next_steps(user: Any, project: Project) -> list[Step]:
    """What this user is expected to do next on this project (待填写治理目标, 待报送月报 …)."""
    scope = scope_for(user)
    leads = bool(scope.unit_ids & {u.pk for u in project.lead_units.all()})
    manages = user.has_perm("campaigns.manage_project", project)
    targets = getattr(project, "target_count", None)
    if targets is None:
        targets = project.targets.count()
    outcomes = getattr(project, "outcome_count", None)
    if outcomes is None:
        outcomes = project.outcomes.count()
    due = report_month_due(project, timezone.localdate())
    state = project.state
    steps: list[Step] = []
    if leads:
        if state == ProjectState.DRAFT:
            steps.append(Step(_("待纪委监委确定项目"), "secondary"))
        answering = state in (ProjectState.APPROVED, ProjectState.IN_PROGRESS)
        if answering and (not project.goal.strip() or not targets):
            steps.append(Step(_("待填写治理目标"), "warning"))
        if state == ProjectState.APPROVED:
            steps.append(Step(_("待启动治理"), "warning"))
        if state == ProjectState.IN_PROGRESS:
            missing = report_months_missing(project, timezone.localdate())
            if missing:
                months = "、".join(_month_words(month) for month in missing)
                steps.append(Step(_("待报送%(month)s月报") % {"month": months}, "warning"))
            if not outcomes:
                steps.append(Step(_("待填写治理成果"), "secondary"))
            else:
                steps.append(Step(_("待报送成果"), "warning"))
        if state == ProjectState.OUTCOMES_SUBMITTED:
            steps.append(Step(_("成果审核中"), "info"))
    if manages:
        if state == ProjectState.DRAFT:
            if not project.lead_units.all():
                steps.append(Step(_("待指定牵头单位"), "warning"))
            steps.append(Step(_("待确定项目"), "warning"))
        if state == ProjectState.OUTCOMES_SUBMITTED:
            steps.append(Step(_("待审核成果"), "warning"))
        if state == ProjectState.PUBLISHED:
            steps.append(Step(_("可结项"), "secondary"))
    if not leads and due is not None:
        if due == timezone.localdate().replace(day=1):
            steps.append(Step(_("本月月报未报"), "secondary"))
        else:
            steps.append(Step(_("%(month)s月报未报") % {"month": _month_words(due)}, "secondary"))
    return steps


def _plain(value: Any) -> str:
    return "" if value is None else format(value.normalize(), "f")


def target_rows(project: Project) -> list[dict[str, Any]]:
    return [
        {
            "label": t.label,
            "comparator": Comparator(t.comparator).label,
            "target": _plain(t.target_value),
            "actual": _plain(t.actual_value),
            "unit": t.unit,
            "achieved": t.achieved,
            "ratio": t.ratio,
        }
        for t in project.targets.all()
    ]


def outcome_rows(project: Project) -> list[tuple[Any, list[str]]]:
    """Each outcome item with its figures as written ("查处问题 136 个")."""
    return [
        (
            outcome,
            [f"{m.label} {metric_as_written(m)}".strip() for m in outcome.metrics.all()],
        )
        for outcome in project.outcomes.all()
    ]


def _attempt(
    request: HttpRequest,
    call: Callable[[], object],
    form: StyledForm,
    *,
    success: str,
    formset: BaseRowFormSet | None = None,
) -> SaveResult:
    """Call a service; put what it refuses next to the field it names."""
    try:
        call()
    except ConflictError as exc:
        form.add_error(None, exc.message)
        return "conflict"
    except ApplicationError as exc:
        _place_error(form, formset, exc)
        return "error"
    messages.success(request, success)
    return "ok"


def _place_error(form: StyledForm, formset: BaseRowFormSet | None, exc: ApplicationError) -> None:
    name = exc.field or ""
    parts = name.replace("-", ".").split(".")
    if formset is not None and len(parts) == 3 and parts[1].isdigit():  # noqa: PLR2004
        rows = formset.used_forms()
        index = int(parts[1])
        if index < len(rows) and parts[2] in rows[index].fields:
            rows[index].add_error(parts[2], exc.message)
            return
    form.add_error(name if name in form.fields else None, exc.message)


def _post_data(request: HttpRequest) -> Any:
    """The POST data, or None for a GET. "overwrite" (offered after a conflict, naming the
    version now stored) saves the user's input over the other person's, deliberately."""
    if request.method != "POST":
        return None
    data = request.POST.copy()
    if data.get("overwrite", "").isdigit():
        data["version"] = str(data["overwrite"])
    return data


def _require(request: HttpRequest, perm: str, obj: Campaign | Project) -> None:
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied(perm)


def _project_url(project: Project, anchor: str = "") -> str:
    url = reverse("campaigns_staff:project_detail", args=[project.pk])
    return f"{url}#{anchor}" if anchor else url


# ---------------------------------------------------------------- campaigns


@staff_required
def campaign_list(request: HttpRequest) -> HttpResponse:
    campaigns = campaign_list_staff_for(user=request.user)
    can_create = commission_choices_for(request.user).exists()
    return render(
        request,
        "campaigns/staff/campaign_list.html",
        {"campaigns": campaigns, "can_create": can_create},
    )


@staff_required
def campaign_create(request: HttpRequest) -> HttpResponse:
    if not commission_choices_for(request.user).exists():
        raise PermissionDenied("campaigns.add_campaign")
    form = CampaignCreateForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        created: list[Campaign] = []
        result = _attempt(
            request,
            lambda: created.append(
                services.campaign_create(actor=request.user, **form.cleaned_data)
            ),
            form,
            success=_("已创建专项治理，请添加治理项目。"),
        )
        if result == "ok":
            return redirect("campaigns_staff:campaign_detail", pk=created[0].pk)
    return render(request, "campaigns/staff/campaign_form.html", {"form": form, "creating": True})


@staff_required
def campaign_detail(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = campaign_get_for(user=request.user, pk=pk)
    projects = list(project_list_staff_for(user=request.user, campaign=campaign))
    can_manage = request.user.has_perm("campaigns.change_campaign", campaign)
    context = {
        "campaign": campaign,
        "projects": [(p, project_next_steps(request.user, p)) for p in projects],
        "can_manage": can_manage,
        "can_start": can_manage and campaign.state == CampaignState.DRAFT,
        "can_publish": can_manage and campaign.state == CampaignState.RUNNING,
        "timeline": timeline_rows(event_list_for(target=campaign)) if can_manage else [],
    }
    return render(request, "campaigns/staff/campaign_detail.html", context)


@staff_required
def campaign_update(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = campaign_get_for(user=request.user, pk=pk)
    _require(request, "campaigns.change_campaign", campaign)
    form = CampaignUpdateForm(_post_data(request), initial=CampaignUpdateForm.initial_for(campaign))
    result = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        result = _attempt(
            request,
            lambda: services.campaign_update(actor=request.user, campaign=campaign, **data),
            form,
            success=_("已保存。"),
        )
        if result == "ok":
            return redirect("campaigns_staff:campaign_detail", pk=campaign.pk)
    context = {"form": form, "campaign": campaign, "conflict": result == "conflict"}
    return render(request, "campaigns/staff/campaign_form.html", context)


@require_POST
@staff_required
def campaign_transition(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = campaign_get_for(user=request.user, pk=pk)
    _require(request, "campaigns.change_campaign", campaign)
    form = CampaignTransitionForm(request.POST)
    if form.is_valid():
        try:
            services.campaign_transition(
                actor=request.user, campaign=campaign, action=form.cleaned_data["action"]
            )
        except ApplicationError as exc:
            messages.warning(request, exc.message)
        else:
            messages.success(
                request, _("专项治理状态已更新为“%s”。") % campaign.get_state_display()
            )
    return redirect("campaigns_staff:campaign_detail", pk=campaign.pk)


# ---------------------------------------------------------------- projects


@staff_required
def project_create(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = campaign_get_for(user=request.user, pk=pk)
    _require(request, "campaigns.change_campaign", campaign)
    form = ProjectCreateForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        created: list[Project] = []
        data = form.cleaned_data
        result = _attempt(
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
    _require(request, "campaigns.manage_project", project)
    initial = ProjectManageForm.initial_for(project)
    form = ProjectManageForm(_post_data(request), initial=initial, user=request.user)
    result = None
    if request.method == "POST" and form.is_valid():
        data = {**form.cleaned_data, "lead_units": list(form.cleaned_data["lead_units"])}
        result = _attempt(
            request,
            lambda: services.project_update(actor=request.user, project=project, **data),
            form,
            success=_("已保存。"),
        )
        if result == "ok":
            return redirect(_project_url(project))
    context = {"form": form, "project": project, "conflict": result == "conflict"}
    return render(request, "campaigns/staff/project_manage.html", context)


@staff_required
def project_answer(request: HttpRequest, pk: int) -> HttpResponse:
    """The lead unit's answer: goal, work plan and quantified targets, saved together."""
    project = project_get_for(user=request.user, pk=pk)
    _require(request, "campaigns.answer_project", project)
    data = _post_data(request)
    form = ProjectAnswerForm(data, initial=ProjectAnswerForm.initial_for(project))
    formset = target_formset(data, initial=TargetForm.initial_for(project))
    result = None
    if data is not None and form.is_valid() and formset.is_valid():
        result = _attempt(
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
            return redirect(_project_url(project, "goal"))
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
    _require(request, "campaigns.answer_project", project)
    due = report_month_due(project, timezone.localdate())
    form = ProgressReportForm(
        request.POST or None,
        initial={"month": due} if due else None,
        targets=project.targets.order_by("position", "pk"),
    )
    if request.method == "POST" and form.is_valid():
        result = _attempt(
            request,
            lambda: services.progress_report_submit(
                actor=request.user, project=project, **form.report_data()
            ),
            form,
            success=_("%(year)d年%(month)d月月报已报送。")
            % {"year": form.cleaned_data["month"].year, "month": form.cleaned_data["month"].month},
        )
        if result == "ok":
            return redirect(_project_url(project, "reports"))
    reports = {f"{r.month:%Y-%m}": r for r in project.reports.all()}
    context = {"form": form, "project": project, "reports": reports}
    return render(request, "campaigns/staff/report_form.html", context)


@staff_required
def project_outcomes(request: HttpRequest, pk: int) -> HttpResponse:
    """The numbered outcome items (治理成果): headline and body; figures are read from them."""
    project = project_get_for(user=request.user, pk=pk)
    _require(request, "campaigns.answer_project", project)
    data = _post_data(request)
    form = VersionForm(data, initial={"version": project.version})
    formset = outcome_formset(data, initial=OutcomeForm.initial_for(project))
    result = None
    if data is not None and form.is_valid() and formset.is_valid():
        result = _attempt(
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
            return redirect(_project_url(project, "outcomes"))
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
        return redirect(_project_url(project))
    action = form.cleaned_data["action"]
    target = services.PROJECT_TRANSITIONS.get(action)
    if target is not None and project.state == target.target:
        messages.info(request, _("该操作已完成，无需重复提交。"))
        return redirect(_project_url(project))
    if target is None or not request.user.has_perm(target.permission, project):
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
    return redirect(_project_url(project))
