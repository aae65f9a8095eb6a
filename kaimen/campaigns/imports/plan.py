"""What an import would change: compare a parsed announcement with the records."""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from kaimen.campaigns.imports.data import AnnouncementData, FigureData, ProjectData, TargetData
from kaimen.campaigns.models import (
    Campaign,
    Metric,
    Project,
    ProjectLeadUnit,
)
from kaimen.campaigns.themes import theme_for_title


@dataclass
class ProjectChange:
    position: int
    title: str
    fields: list[str]


@dataclass
class ImportPlan:
    """What an import does (or, in a dry run, would do) to the database."""

    issuer: str
    year: int
    campaign: Campaign | None = None
    creates_campaign: bool = False
    campaign_fields: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: list[ProjectChange] = field(default_factory=list)
    new_units: list[str] = field(default_factory=list)
    project_count: int = 0
    applied: bool = False

    @property
    def has_changes(self) -> bool:
        return bool(
            self.creates_campaign
            or self.campaign_fields
            or self.added
            or self.removed
            or self.changed
        )

    @property
    def updates_existing(self) -> bool:
        return self.campaign is not None and self.has_changes

    def describe(self) -> list[str]:
        """The plan in plain Chinese lines (command output, review page)."""
        head = f"{self.issuer} {self.year}年"
        if not self.has_changes:
            return [_("%s：与已导入的内容相同，无需更改。") % head]
        if self.creates_campaign:
            lines = [
                _("%(head)s：新建专项治理，%(n)d 个治理项目。")
                % {"head": head, "n": self.project_count}
            ]
        else:
            lines = [_("%s：已导入的内容与本次文本不同：") % head]
            if self.campaign_fields:
                lines.append(_("  专项治理：%s 有变化") % "、".join(self.campaign_fields))
            lines += [_("  新增项目：%s") % title for title in self.added]
            lines += [_("  删除项目：%s") % title for title in self.removed]
            lines += [
                _("  项目 %(n)d“%(title)s”：%(fields)s 有变化")
                % {"n": c.position, "title": c.title, "fields": "、".join(c.fields)}
                for c in self.changed
            ]
        if self.new_units:
            lines.append(_("  新建牵头单位：%s") % "、".join(self.new_units))
        return lines


FIELD_LABELS = {
    "title": "名称",
    "theme": "主题",
    "lead_units": "牵头单位",
    "goal": "治理目标",
    "outcomes": "治理成果",
    "metrics": "数据",
    "targets": "量化目标",
    "intro": "导语",
    "totals": "总体数据",
}


def stored_project(project: Project) -> dict[str, Any]:
    metrics = sorted(project.metrics.all(), key=lambda m: m.position)
    outcome_index = {o.pk: i for i, o in enumerate(project.outcomes.all())}
    return {
        "title": project.title,
        "theme": project.theme,
        "lead_units": [link.organization.name for link in _lead_links(project)],
        "goal": project.goal,
        "outcomes": [(o.headline, o.body) for o in project.outcomes.all()],
        "metrics": [
            FigureData(
                label=m.label,
                value=m.value,
                unit=m.unit,
                normalized_value=m.normalized_value,
                normalized_unit=m.normalized_unit,
                qualifier=m.qualifier,
                outcome=outcome_index.get(m.outcome_id) if m.outcome_id else None,
            ).key()
            for m in metrics
        ],
        "targets": [
            TargetData(
                label=t.label,
                target_value=t.target_value,
                unit=t.unit,
                actual_value=t.actual_value,
            ).key()
            for t in project.targets.order_by("position")
        ],
    }


def _lead_links(project: Project) -> list[ProjectLeadUnit]:
    return list(
        ProjectLeadUnit.objects.filter(project=project)
        .select_related("organization")
        .order_by("position")
    )


def wanted_project(data: ProjectData, unit_names: list[str]) -> dict[str, Any]:
    return {
        "title": data.title,
        "theme": theme_for_title(data.title),
        "lead_units": unit_names,
        "goal": data.goal,
        "outcomes": [(h, b) for h, b in data.outcomes],
        "metrics": [m.key() for m in data.metrics],
        "targets": [t.key() for t in data.targets],
    }


def _totals_key(figures: list[FigureData] | tuple[FigureData, ...]) -> list[tuple[object, ...]]:
    return [f.key() for f in figures]


def _stored_totals(campaign: Campaign) -> list[tuple[object, ...]]:
    return [
        FigureData(
            label=m.label,
            value=m.value,
            unit=m.unit,
            normalized_value=m.normalized_value,
            normalized_unit=m.normalized_unit,
            qualifier=m.qualifier,
        ).key()
        for m in Metric.objects.filter(campaign=campaign).order_by("position")
    ]


def plan_compare(
    plan: ImportPlan,
    campaign: Campaign | None,
    data: AnnouncementData,
    unit_names: Callable[[ProjectData], list[str]],
) -> dict[int, Project]:
    """Fill the plan with what differs between the records and the announcement (by position)."""
    if campaign is None:
        return {}
    if campaign.title != data.title:
        plan.campaign_fields.append(FIELD_LABELS["title"])
    if campaign.intro != data.intro:
        plan.campaign_fields.append(FIELD_LABELS["intro"])
    if _stored_totals(campaign) != _totals_key(data.totals):
        plan.campaign_fields.append(FIELD_LABELS["totals"])
    existing = {p.position: p for p in campaign.projects.all()}
    for position, project_data in enumerate(data.projects, start=1):
        stored = existing.get(position)
        if stored is None:
            plan.added.append(project_data.title)
            continue
        old = stored_project(stored)
        new = wanted_project(project_data, unit_names(project_data))
        fields = [FIELD_LABELS[k] for k in new if old[k] != new[k]]
        if fields:
            plan.changed.append(ProjectChange(position, stored.title, fields))
    plan.removed = [existing[p].title for p in sorted(existing) if p > len(data.projects)]
    return existing
