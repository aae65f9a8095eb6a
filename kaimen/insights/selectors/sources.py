"""Panels other apps add to the dashboard: one function per source, each in a constant number
of queries, each returning None when its app is not installed (or has nothing to say).

To add a source, write `def <name>_panel(*, user, today) -> Panel | None` and list it in
`SOURCES`.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.apps import apps
from django.db.models import Count, Q
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from kaimen.insights.links import url_or_none
from kaimen.orgs.selectors import path_q, scope_for, watched_q


@dataclass(frozen=True)
class PanelRow:
    label: str | Promise
    value: Any
    url: str | None = None
    tone: str = ""  # "danger", "warning", "success" or ""


@dataclass(frozen=True)
class Panel:
    key: str
    title: str | Promise
    rows: list[PanelRow]
    note: str | Promise = ""
    chart: dict[str, Any] = field(default_factory=dict)  # {"labels": [...], "values": [...]}


def _scoped(user: Any, commission_field: str, unit_field: str | None) -> Q:
    scope = scope_for(user)
    q = watched_q(user, f"{commission_field}_id")
    if q and unit_field and scope.unit_ids:
        q |= Q(**{f"{unit_field}_id__in": scope.unit_ids})
    return q


# ---------------------------------------------------------------- reports (投诉举报)


def reports_panel(*, user: Any, today: date) -> Panel | None:
    """Reports by state and by deadline: one aggregate."""
    if not apps.is_installed("kaimen.reports"):
        return None
    from kaimen.reports.models import (  # noqa: PLC0415  (optional app)
        ACCEPT_PENDING_STATES,
        REPLY_PENDING_STATES,
        Report,
        ReportState,
    )

    aggregates: dict[str, Any] = {f"s_{s}": Count("pk", filter=Q(state=s)) for s in ReportState}
    aggregates["accept_late"] = Count(
        "pk", filter=Q(state__in=ACCEPT_PENDING_STATES, accept_due__lt=today)
    )
    aggregates["reply_late"] = Count(
        "pk", filter=Q(state__in=REPLY_PENDING_STATES, reply_due__lt=today)
    )
    row = Report.objects.filter(_scoped(user, "commission", "assigned_unit")).aggregate(
        **aggregates
    )
    names = ("reports_staff:report_list", "reports:report_list")
    rows = [
        PanelRow(state.label, row[f"s_{state}"], url_or_none(names, state=state.value))
        for state in ReportState
    ]
    rows.append(
        PanelRow(_("超期未受理"), row["accept_late"], url_or_none(names, late="accept"), "danger")
    )
    rows.append(
        PanelRow(_("超期未答复"), row["reply_late"], url_or_none(names, late="reply"), "danger")
    )
    return Panel(
        key="reports",
        title=_("投诉举报"),
        rows=rows,
        chart={
            "labels": [str(s.label) for s in ReportState],
            "values": [row[f"s_{s}"] for s in ReportState],
        },
    )


# ---------------------------------------------------------------- topics (群众点题)


def topics_panel(*, user: Any, today: date) -> Panel | None:
    """Topics of the calls the user watches by state, and their supports: two queries."""
    if not apps.is_installed("kaimen.participation"):
        return None
    from kaimen.participation.models import Support, Topic, TopicState  # noqa: PLC0415
    from kaimen.participation.selectors import topic_call_list_staff_for  # noqa: PLC0415

    if not scope_for(user).watch_paths and not scope_for(user).is_superuser:
        return None
    calls = topic_call_list_staff_for(user=user).order_by().values("pk")
    topics = Topic.objects.filter(call__in=calls)
    row = topics.aggregate(**{f"s_{s}": Count("pk", filter=Q(state=s)) for s in TopicState})
    supports = Support.objects.filter(topic__call__in=calls).count()
    names = ("participation_staff:topic_list", "participation:topic_list_staff")
    rows = [
        PanelRow(state.label, row[f"s_{state}"], url_or_none(names, state=state.value))
        for state in TopicState
        if row[f"s_{state}"]
    ]
    rows.append(PanelRow(_("群众支持（人次）"), supports))
    return Panel(
        key="topics",
        title=_("群众点题"),
        rows=rows,
        chart={
            "labels": [str(s.label) for s in TopicState],
            "values": [row[f"s_{s}"] for s in TopicState],
        },
    )


# ---------------------------------------------------------------- satisfaction (社会评价)


def satisfaction_panel(*, user: Any, today: date) -> Panel | None:
    """Ratings of the projects in the user's scope: one grouped query."""
    if not apps.is_installed("kaimen.participation"):
        return None
    from kaimen.participation.models import Evaluation, Rating  # noqa: PLC0415
    from kaimen.participation.selectors import satisfaction_rate  # noqa: PLC0415

    scope = scope_for(user)
    q = Q() if scope.is_superuser else path_q(scope.watch_paths, "campaign__issuer__path")
    if scope.unit_ids:
        q |= Q(lead_units__in=scope.unit_ids)
    counts = {
        row["rating"]: row["n"]
        for row in Evaluation.objects.filter(project__in=_project_ids(q))
        .order_by()
        .values("rating")
        .annotate(n=Count("pk"))
    }
    rate = satisfaction_rate(counts)
    rows = [PanelRow(r.label, counts.get(r.value, 0)) for r in Rating]
    rows.append(
        PanelRow(_("满意率"), "—" if rate is None else f"{rate}%", tone="success" if rate else "")
    )
    return Panel(
        key="satisfaction",
        title=_("社会评价"),
        rows=rows,
        note=_("满意率 =（满意 + 基本满意）÷ 全部评价，共 %(n)d 条") % {"n": sum(counts.values())},
        chart={
            "labels": [str(r.label) for r in Rating],
            "values": [counts.get(r.value, 0) for r in Rating],
        },
    )


def _project_ids(q: Q) -> Any:
    from kaimen.campaigns.models import Project  # noqa: PLC0415

    return Project.objects.filter(q).order_by().values("pk")


Source = Callable[..., Panel | None]
SOURCES: tuple[Source, ...] = (reports_panel, topics_panel, satisfaction_panel)


def dashboard_panels(*, user: Any, today: date) -> list[Panel]:
    panels = []
    for source in SOURCES:
        panel = source(user=user, today=today)
        if panel is not None:
            panels.append(panel)
    return panels
