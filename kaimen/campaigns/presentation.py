"""How the back office shows campaigns and projects: labels of actions and fields, timelines,
the next steps expected of a user, target and outcome rows."""

import re
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kaimen.campaigns.figures import metric_as_written
from kaimen.campaigns.labels import ACTION_LABELS, FIELD_LABELS
from kaimen.campaigns.models import (
    CampaignState,
    Comparator,
    Project,
    ProjectState,
    Theme,
)
from kaimen.campaigns.selectors import report_months_missing
from kaimen.orgs.selectors import scope_for
from kaimen.timeline import presentation as timeline
from kaimen.timeline.presentation import TimelineRow

SaveResult = Literal["ok", "error", "conflict"]


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


def timeline_rows(events: Any) -> list[TimelineRow]:
    """Events as a person reads them: who did what, what changed from what to what, and why."""
    return timeline.timeline_rows(
        events, action_labels=ACTION_LABELS, field_labels=FIELD_LABELS, value_text=_value_text
    )


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
