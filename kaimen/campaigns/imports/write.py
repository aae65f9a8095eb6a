"""`announcement_import`: the one function that writes a campaign from an announcement."""

from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from kaimen.campaigns.imports.common import ProgressCallback
from kaimen.campaigns.imports.data import (
    AnnouncementData,
    FigureData,
    ProjectData,
    TargetData,
    announcement_data,
)
from kaimen.campaigns.imports.plan import (
    FIELD_LABELS,
    ImportPlan,
    plan_compare,
    stored_project,
    wanted_project,
)
from kaimen.campaigns.imports.units import region_of, resolve_units
from kaimen.campaigns.indicators import code_for
from kaimen.campaigns.models import (
    Campaign,
    CampaignState,
    Metric,
    Outcome,
    Project,
    ProjectLeadUnit,
    ProjectState,
    Target,
)
from kaimen.campaigns.themes import theme_for_title
from kaimen.core.errors import ApplicationError
from kaimen.core.permissions import require
from kaimen.orgs.models import Level, Organization, OrganizationKind
from kaimen.orgs.services import organization_create
from kaimen.timeline.services import event_record


@transaction.atomic
def announcement_import(
    *,
    actor: Any,
    issuer: Organization,
    parsed: Mapping[str, Any],
    create_orgs: bool,
    dry_run: bool,
    allow_update: bool = False,
    progress: ProgressCallback | None = None,
) -> ImportPlan:
    """Write (or with `dry_run`, only describe) the campaign of a parsed announcement.

    The campaign (issuer, year) is created published and marked imported, with its intro
    totals, its projects (published, lead units, goal, outcome items and figures, theme) and one
    event per record. Importing the same content again changes nothing. When the campaign was
    imported before from a different text, the changes are applied only with `allow_update`;
    lead units the region does not have are created only with `create_orgs`.
    """
    require(actor, "campaigns.import_announcement", issuer)
    if parsed.get("kind") == "tour_progress":
        raise ApplicationError(
            _("这是巡视（巡察）整改进展情况的通报，请导入为巡视整改，而不是专项治理。"),
            code="tour_report",
            field="kind",
        )
    data = announcement_data(parsed)
    region = region_of(issuer)
    written_units = list(dict.fromkeys(u for p in data.projects for u in p.lead_units))
    found, unknown = resolve_units(written_units, region)

    def unit_names(project: ProjectData) -> list[str]:
        return list(
            dict.fromkeys(found[u].name if u in found else unknown[u] for u in project.lead_units)
        )

    campaign = Campaign.objects.filter(issuer=issuer, year=data.year).first()
    if campaign is not None and not campaign.imported:
        raise ApplicationError(
            _("%(issuer)s %(year)d 年度的专项治理是在系统中建立的，不能用导入的公告覆盖。")
            % {"issuer": issuer.name, "year": data.year},
            code="exists",
            field="year",
        )
    plan = ImportPlan(
        issuer=issuer.name,
        year=data.year,
        campaign=campaign,
        creates_campaign=campaign is None,
        project_count=len(data.projects),
    )
    existing = plan_compare(plan, campaign, data, unit_names)
    needed_units = {u for p in data.projects for u in p.lead_units}
    if plan.has_changes:
        plan.new_units = sorted({unknown[u] for u in needed_units if u in unknown})
    if dry_run or not plan.has_changes:
        return plan
    if plan.new_units and not create_orgs:
        raise ApplicationError(
            _("以下牵头单位尚未在%(region)s登记：%(units)s。请先建立这些单位，或选择自动创建。")
            % {
                "region": region.name,
                "units": "、".join(sorted(u for u in unknown if u in needed_units)),
            },
            code="unknown_units",
            field="lead_units",
        )
    if campaign is not None and not allow_update:
        raise ApplicationError(
            "\n".join(plan.describe()) + "\n" + _("请确认后再导入。"),
            code="needs_confirmation",
        )
    for written, name in unknown.items():
        if written in needed_units and name not in {o.name for o in found.values()}:
            found[written] = _unit_create(actor=actor, name=name, region=region)
            for other, other_name in unknown.items():
                if other_name == name:
                    found[other] = found[written]
    campaign = _campaign_write(actor=actor, issuer=issuer, campaign=campaign, data=data, plan=plan)
    plan.campaign = campaign
    total = len(data.projects)
    changed_positions = {c.position for c in plan.changed}
    for position, project_data in enumerate(data.projects, start=1):
        units = list(dict.fromkeys(found[u] for u in project_data.lead_units))
        stored = existing.get(position)
        if stored is None:
            _project_create(
                actor=actor, campaign=campaign, position=position, data=project_data, units=units
            )
        elif position in changed_positions:
            _project_rewrite(actor=actor, project=stored, data=project_data, units=units)
        if progress is not None:
            progress(position, total)
    for position in sorted(existing):
        if position > total:
            _project_remove(actor=actor, project=existing[position])
    plan.applied = True
    return plan


def _unit_create(*, actor: Any, name: str, region: Organization) -> Organization:
    level = region.level if region.kind == OrganizationKind.REGION else Level.COUNTY
    unit = organization_create(
        name=name, kind=OrganizationKind.DEPARTMENT, level=level, parent=region
    )
    event_record(
        actor=actor,
        action="organization.created",
        target=unit,
        organization=unit,
        after={"name": name, "parent": region.name},
        reason=_("导入成果公告时新建的牵头单位"),
    )
    return unit


def _campaign_write(
    *,
    actor: Any,
    issuer: Organization,
    campaign: Campaign | None,
    data: AnnouncementData,
    plan: ImportPlan,
) -> Campaign:
    if campaign is None:
        campaign = Campaign(
            issuer=issuer,
            year=data.year,
            title=data.title,
            intro=data.intro,
            state=CampaignState.PUBLISHED,
            imported=True,
        )
        campaign.full_clean()
        campaign.save()
        _totals_write(campaign, data.totals)
        event_record(
            actor=actor,
            action="campaign.imported",
            target=campaign,
            organization=issuer,
            after={
                "year": data.year,
                "title": data.title,
                "projects": len(data.projects),
                "totals": [f"{f.label} {f.value}{f.unit}" for f in data.totals],
            },
        )
        return campaign
    before = {"title": campaign.title, "intro_length": len(campaign.intro)}
    campaign.title, campaign.intro = data.title, data.intro
    campaign.save(update_fields=["title", "intro", "updated_at"])
    if FIELD_LABELS["totals"] in plan.campaign_fields:
        Metric.objects.filter(campaign=campaign).delete()
        _totals_write(campaign, data.totals)
    event_record(
        actor=actor,
        action="campaign.reimported",
        target=campaign,
        organization=issuer,
        before=before,
        after={
            "title": data.title,
            "intro_length": len(data.intro),
            "changed": plan.campaign_fields,
            "added": plan.added,
            "removed": plan.removed,
            "changed_projects": [c.title for c in plan.changed],
        },
    )
    return campaign


def _metric(figure: FigureData, position: int, **owner: Any) -> Metric:
    return Metric(
        **owner,
        position=position,
        label=figure.label[:200],
        value=figure.value,
        unit=figure.unit[:20],
        normalized_value=figure.normalized_value,
        normalized_unit=figure.normalized_unit[:20],
        qualifier=figure.qualifier[:10],
        source_text=figure.source[:300],
        code=code_for(figure.label, figure.normalized_unit),
    )


def _totals_write(campaign: Campaign, totals: tuple[FigureData, ...]) -> None:
    Metric.objects.bulk_create(
        _metric(f, index, campaign=campaign) for index, f in enumerate(totals, start=1)
    )


def _answer_write(project: Project, data: ProjectData, units: list[Organization]) -> None:
    """Lead units, outcome items and figures as the parser read them (or the admin fixed them)."""
    ProjectLeadUnit.objects.filter(project=project).delete()
    ProjectLeadUnit.objects.bulk_create(
        ProjectLeadUnit(project=project, organization=unit, position=index)
        for index, unit in enumerate(units, start=1)
    )
    Metric.objects.filter(project=project).delete()
    project.outcomes.all().delete()
    outcomes = Outcome.objects.bulk_create(
        Outcome(project=project, position=index, headline=headline, body=body)
        for index, (headline, body) in enumerate(data.outcomes, start=1)
    )
    if outcomes and outcomes[0].pk is None:  # backends that do not return ids on bulk insert
        outcomes = list(project.outcomes.order_by("position"))
    Metric.objects.bulk_create(
        _metric(
            figure,
            index,
            project=project,
            outcome=outcomes[figure.outcome] if figure.outcome is not None else None,
        )
        for index, figure in enumerate(data.metrics, start=1)
    )
    _targets_write(project, data.targets)


def _targets_write(project: Project, targets: tuple[TargetData, ...]) -> None:
    """The text's targets, position by position: a target kept from an earlier import keeps its
    row (and whatever was recorded against it since); one the text no longer has goes."""
    stored = {target.position: target for target in project.targets.all()}
    for position, data in enumerate(targets, start=1):
        target = stored.pop(position, None) or Target(project=project, position=position)
        target.label = data.label
        target.target_value = data.target_value
        target.unit = data.unit
        target.actual_value = data.actual_value
        target.full_clean(exclude=["project"])
        target.save()
    Target.objects.filter(pk__in=[target.pk for target in stored.values()]).delete()


def _project_create(
    *, actor: Any, campaign: Campaign, position: int, data: ProjectData, units: list[Organization]
) -> Project:
    project = Project(
        campaign=campaign,
        position=position,
        title=data.title,
        theme=theme_for_title(data.title),
        goal=data.goal,
        state=ProjectState.PUBLISHED,
    )
    project.full_clean(exclude=["campaign"])
    project.save()
    _answer_write(project, data, units)
    event_record(
        actor=actor,
        action="project.imported",
        target=project,
        organization=campaign.issuer,
        after={
            "title": data.title,
            "lead_units": [u.name for u in units],
            "theme": project.theme,
            "outcomes": len(data.outcomes),
            "metrics": len(data.metrics),
            "targets": [f"{t.label} {t.target_value}{t.unit}" for t in data.targets],
        },
    )
    return project


def _project_rewrite(
    *, actor: Any, project: Project, data: ProjectData, units: list[Organization]
) -> None:
    old = stored_project(project)
    new = wanted_project(data, [u.name for u in units])
    changed = [k for k in new if old[k] != new[k]]
    project.title, project.theme, project.goal = data.title, new["theme"], data.goal
    project.save(update_fields=["title", "theme", "goal", "updated_at"])
    _answer_write(project, data, units)
    event_record(
        actor=actor,
        action="project.reimported",
        target=project,
        organization=project.campaign.issuer,
        before={k: _brief(k, old[k]) for k in changed},
        after={k: _brief(k, new[k]) for k in changed},
    )


def _brief(key: str, value: Any) -> Any:
    """Events keep counts of outcome items and figures, not the whole lists."""
    return len(value) if key in ("outcomes", "metrics", "targets") else value


def _project_remove(*, actor: Any, project: Project) -> None:
    event_record(
        actor=actor,
        action="project.import_removed",
        target=project,
        organization=project.campaign.issuer,
        before={"title": project.title, "position": project.position},
        reason=_("重新导入的公告中已没有该项目"),
    )
    ProjectLeadUnit.objects.filter(project=project).delete()
    project.delete()
