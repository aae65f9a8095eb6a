"""Every write to campaigns and projects: permission, validation, one transaction, one Event."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from kaimen.campaigns.indicators import code_for
from kaimen.campaigns.models import (
    Campaign,
    CampaignState,
    Comparator,
    Metric,
    OpennessPolicy,
    Outcome,
    ProgressReport,
    Project,
    ProjectLeadUnit,
    ProjectState,
    Target,
    TargetReading,
    Theme,
)
from kaimen.core.errors import ApplicationError
from kaimen.core.permissions import require
from kaimen.core.transitions import Action, StateMachine, advance
from kaimen.importer import extract_figures
from kaimen.orgs.models import Organization
from kaimen.timeline.services import changes, event_record


@dataclass(frozen=True)
class TargetData:
    label: str
    comparator: str
    target_value: Decimal
    unit: str = ""
    actual_value: Decimal | None = None


@dataclass(frozen=True)
class OutcomeData:
    headline: str
    body: str


# ---------------------------------------------------------------- campaigns


@transaction.atomic
def campaign_create(
    *, actor: Any, issuer: Organization, year: int, title: str, intro: str = ""
) -> Campaign:
    require(actor, "campaigns.add_campaign", issuer)
    _validate_campaign_title(title)
    if Campaign.objects.filter(issuer=issuer, year=year).exists():
        raise ApplicationError(
            _("%(issuer)s 的 %(year)s 年度专项治理已存在。") % {"issuer": issuer, "year": year},
            code="duplicate",
            field="year",
        )
    campaign = Campaign(issuer=issuer, year=year, title=title.strip(), intro=intro.strip())
    campaign.full_clean()
    campaign.save()
    event_record(
        actor=actor,
        action="campaign.created",
        target=campaign,
        organization=issuer,
        after={"year": year, "title": campaign.title},
    )
    return campaign


@transaction.atomic
def campaign_update(
    *, actor: Any, campaign: Campaign, version: int, title: str, intro: str
) -> Campaign:
    require(actor, "campaigns.change_campaign", campaign)
    _validate_campaign_title(title)
    new = {"title": title.strip(), "intro": intro.strip()}
    before, after = changes(campaign, new.keys(), new)
    if not after:
        return campaign  # nothing changes: a repeated save is harmless, whatever its version
    _bump(campaign, version)
    for field, value in new.items():
        setattr(campaign, field, value)
    campaign.full_clean()
    campaign.save(update_fields=[*new.keys(), "updated_at"])
    event_record(
        actor=actor,
        action="campaign.updated",
        target=campaign,
        organization=campaign.issuer,
        before=before,
        after=after,
    )
    return campaign


def _validate_campaign_title(title: str) -> None:
    if not title.strip():
        raise ApplicationError(_("请填写标题。"), code="required", field="title")


CAMPAIGN_MACHINE = StateMachine(
    {
        "start": Action((CampaignState.DRAFT,), CampaignState.RUNNING),
        "publish": Action((CampaignState.RUNNING,), CampaignState.PUBLISHED),
    }
)


@transaction.atomic
def campaign_transition(
    *, actor: Any, campaign: Campaign, action: str, reason: str = ""
) -> Campaign:
    require(actor, "campaigns.change_campaign", campaign)
    _known(CAMPAIGN_MACHINE, action)
    target = CAMPAIGN_MACHINE.check(
        campaign, action, lambda allowed: _("当前状态不能执行此操作。")
    ).target
    source = campaign.state
    advance(
        campaign,
        version=None,
        stale=_("该专项治理的状态已被他人更改，请刷新后重试。"),
        state=target,
    )
    campaign.refresh_from_db()
    event_record(
        actor=actor,
        action=f"campaign.{action}",
        target=campaign,
        organization=campaign.issuer,
        before={"state": source},
        after={"state": target},
        reason=reason,
    )
    return campaign


# ---------------------------------------------------------------- projects


@transaction.atomic
def project_create(
    *,
    actor: Any,
    campaign: Campaign,
    title: str,
    lead_units: list[Organization],
    theme: str = Theme.OTHER,
    goal: str = "",
    state: ProjectState = ProjectState.DRAFT,
) -> Project:
    require(actor, "campaigns.change_campaign", campaign)
    if not title.strip():
        raise ApplicationError(_("请填写治理项目名称。"), code="required", field="title")
    if campaign.projects.filter(title=title.strip()).exists():
        raise ApplicationError(
            _("该专项治理中已有名为“%s”的项目。") % title.strip(), code="duplicate", field="title"
        )
    position = (campaign.projects.aggregate(m=Max("position"))["m"] or 0) + 1
    project = Project(
        campaign=campaign,
        position=position,
        title=title.strip(),
        theme=theme,
        goal=goal.strip(),
        state=state,
    )
    project.full_clean()
    project.save()
    _set_lead_units(project, lead_units)
    event_record(
        actor=actor,
        action="project.created",
        target=project,
        organization=campaign.issuer,
        after={"title": project.title, "lead_units": [u.name for u in lead_units]},
    )
    return project


MANAGED_FIELDS = ("title", "theme", "lead_units")
ANSWER_FIELDS = ("goal", "plan", "targets")


@transaction.atomic
def project_update(
    *,
    actor: Any,
    project: Project,
    version: int,
    title: str | None = None,
    theme: str | None = None,
    lead_units: list[Organization] | None = None,
    goal: str | None = None,
    plan: str | None = None,
    targets: list[TargetData] | None = None,
) -> Project:
    """Edit a project. The commission sets title, theme and lead units; the lead unit writes
    its answer (goal, work plan, quantified targets). Fields left as None are not touched."""
    given = {
        name: value
        for name, value in {
            "title": title,
            "theme": theme,
            "lead_units": lead_units,
            "goal": goal,
            "plan": plan,
            "targets": targets,
        }.items()
        if value is not None
    }
    if any(name in MANAGED_FIELDS for name in given):
        require(actor, "campaigns.manage_project", project)
    if any(name in ANSWER_FIELDS for name in given):
        require(actor, "campaigns.answer_project", project)
    _validate_project_fields(given)
    scalar = {
        name: value.strip() if isinstance(value, str) else value
        for name, value in given.items()
        if name in ("title", "theme", "goal", "plan")
    }
    before, after = changes(project, scalar.keys(), scalar)
    if lead_units is not None:
        old_units = [u.name for u in project.lead_units.all()]
        new_units = [u.name for u in dict.fromkeys(lead_units)]
        if old_units != new_units:
            before["lead_units"], after["lead_units"] = old_units, new_units
    if targets is not None:
        old_targets = [_target_text(t) for t in project.targets.all()]
        new_targets = [_target_text(t) for t in targets]
        if old_targets != new_targets:
            before["targets"], after["targets"] = old_targets, new_targets
    if not after and not before:
        return project  # nothing changes: a repeated save is harmless, whatever its version
    _bump(project, version)
    for field, value in scalar.items():
        setattr(project, field, value)
    project.full_clean()
    project.save(update_fields=[*scalar.keys(), "updated_at"])
    if "lead_units" in after:
        _set_lead_units(project, lead_units or [])
    if "targets" in after:
        _replace_targets(project, targets or [])
    event_record(
        actor=actor,
        action="project.updated",
        target=project,
        organization=project.campaign.issuer,
        before=before,
        after=after,
    )
    return project


def _validate_project_fields(given: dict[str, Any]) -> None:
    if "title" in given and not given["title"].strip():
        raise ApplicationError(_("请填写治理项目名称。"), code="required", field="title")
    if "theme" in given and given["theme"] not in Theme.values:
        raise ApplicationError(_("主题无效。"), code="invalid", field="theme")
    if "lead_units" in given and not given["lead_units"]:
        raise ApplicationError(_("请至少指定一个牵头单位。"), code="required", field="lead_units")
    for index, target in enumerate(given.get("targets", [])):
        if not target.label.strip():
            raise ApplicationError(
                _("第 %d 个指标缺少名称。") % (index + 1),
                code="required",
                field=f"targets.{index}.label",
            )
        if target.comparator not in Comparator.values:
            raise ApplicationError(
                _("比较方式无效。"), code="invalid", field=f"targets.{index}.comparator"
            )


def _plain(value: Decimal | None) -> str:
    """60.0000 → "60", 4275.50 → "4275.5" (never "6E+1")."""
    if value is None:
        return ""
    return format(value.normalize(), "f")


def _target_text(target: Target | TargetData) -> str:
    comparator = (
        Comparator(target.comparator).label if target.comparator in Comparator.values else "?"
    )
    text = f"{target.label.strip()} {comparator} {_plain(target.target_value)}{target.unit.strip()}"
    if target.actual_value is not None:
        text += _("（完成 %s）") % f"{_plain(target.actual_value)}{target.unit.strip()}"
    return text


def _replace_targets(project: Project, targets: list[TargetData]) -> list[Target]:
    # The replaced targets' readings go with them: two plain deletes whatever their number (the
    # collector would select the targets first to cascade, a query only when there are some).
    TargetReading.objects.filter(target__project=project).delete()
    project.targets.all()._raw_delete(project.targets.db)
    return Target.objects.bulk_create(
        Target(
            project=project,
            position=index,
            label=t.label.strip(),
            comparator=t.comparator,
            target_value=t.target_value,
            unit=t.unit.strip(),
            actual_value=t.actual_value,
        )
        for index, t in enumerate(targets, start=1)
    )


def _set_lead_units(project: Project, units: list[Organization]) -> None:
    ProjectLeadUnit.objects.filter(project=project).delete()
    ProjectLeadUnit.objects.bulk_create(
        ProjectLeadUnit(project=project, organization=unit, position=index)
        for index, unit in enumerate(dict.fromkeys(units), start=1)
    )
    if hasattr(project, "_prefetched_objects_cache"):
        project._prefetched_objects_cache.pop("lead_units", None)


PROJECT_MACHINE = StateMachine(
    {
        "approve": Action(
            (ProjectState.DRAFT,), ProjectState.APPROVED, ("campaigns.manage_project",)
        ),
        "start": Action(
            (ProjectState.APPROVED,), ProjectState.IN_PROGRESS, ("campaigns.answer_project",)
        ),
        "submit_outcomes": Action(
            (ProjectState.IN_PROGRESS,),
            ProjectState.OUTCOMES_SUBMITTED,
            ("campaigns.answer_project",),
        ),
        "return": Action(
            (ProjectState.OUTCOMES_SUBMITTED,),
            ProjectState.IN_PROGRESS,
            ("campaigns.manage_project",),
        ),
        "publish": Action(
            (ProjectState.OUTCOMES_SUBMITTED,),
            ProjectState.PUBLISHED,
            ("campaigns.manage_project",),
        ),
        "close": Action(
            (ProjectState.PUBLISHED,), ProjectState.CLOSED, ("campaigns.manage_project",)
        ),
    }
)
REASON_REQUIRED = frozenset({"return"})


def project_allowed_actions(*, user: Any, project: Project) -> list[str]:
    return PROJECT_MACHINE.allowed(user, project)


@transaction.atomic
def project_transition(
    *, actor: Any, project: Project, action: str, version: int | None = None, reason: str = ""
) -> Project:
    _known(PROJECT_MACHINE, action)
    transition = PROJECT_MACHINE.check(
        project,
        action,
        lambda allowed: (
            _("项目当前状态为“%(state)s”，不能执行此操作。")
            % {"state": project.get_state_display()}
        ),
    )
    require(actor, transition.permissions[0], project)
    if action in REASON_REQUIRED and not reason.strip():
        raise ApplicationError(_("请说明退回理由。"), code="required", field="reason")
    if action == "submit_outcomes" and not project.outcomes.exists():
        raise ApplicationError(_("请先填写治理成果。"), code="no_outcomes", field="outcomes")
    source = project.state
    advance(
        project,
        version=version,
        stale=_("该项目已被他人修改，请刷新后重试。"),
        state=transition.target,
    )
    event_record(
        actor=actor,
        action=f"project.{action}",
        target=project,
        organization=project.campaign.issuer,
        before={"state": source},
        after={"state": transition.target},
        reason=reason.strip(),
    )
    return project


@transaction.atomic
def project_outcomes_save(
    *, actor: Any, project: Project, version: int, outcomes: list[OutcomeData]
) -> Project:
    """Replace the numbered outcome items; their figures are read from the text."""
    require(actor, "campaigns.answer_project", project)
    for index, item in enumerate(outcomes):
        if not item.headline.strip():
            raise ApplicationError(
                _("第 %d 项成果缺少标题。") % (index + 1),
                code="required",
                field=f"outcomes-{index}-headline",
            )
    current = [(o.headline, o.body) for o in project.outcomes.all()]
    if current == [(o.headline.strip(), o.body.strip()) for o in outcomes]:
        return project  # nothing changes: a repeated save is harmless, whatever its version
    _bump(project, version)
    before = {"outcomes": [headline for headline, _body in current]}
    outcomes_replace(project=project, outcomes=outcomes)
    event_record(
        actor=actor,
        action="project.outcomes_saved",
        target=project,
        organization=project.campaign.issuer,
        before=before,
        after={"outcomes": [o.headline.strip() for o in outcomes]},
    )
    return project


def outcomes_replace(*, project: Project, outcomes: list[OutcomeData]) -> None:
    """Write outcome items and their figures (shared by the unit's form and the importer)."""
    Metric.objects.filter(project=project).delete()
    project.outcomes.all().delete()
    for position, item in enumerate(outcomes, start=1):
        outcome = Outcome.objects.create(
            project=project,
            position=position,
            headline=item.headline.strip(),
            body=item.body.strip(),
        )
        text = f"{outcome.headline}。{outcome.body}"
        Metric.objects.bulk_create(
            Metric(
                project=project,
                outcome=outcome,
                position=index,
                label=figure.label[:200],
                value=figure.value,
                unit=figure.unit,
                normalized_value=figure.normalized_value,
                normalized_unit=figure.normalized_unit,
                qualifier=figure.qualifier,
                source_text=figure.source[:300],
                code=code_for(figure.label, figure.normalized_unit),
            )
            for index, figure in enumerate(extract_figures(text), start=1)
        )


@transaction.atomic
def progress_report_submit(
    *,
    actor: Any,
    project: Project,
    month: date,
    body: str,
    next_steps: str = "",
    actuals: dict[int, Decimal] | None = None,
) -> ProgressReport:
    """Submit (or resubmit) the monthly report; one per month, so a double submit is harmless.

    `actuals` (target id → value) updates each target's actual value and keeps it with the
    report's month (`TargetReading`), so the project shows how each target moved."""
    require(actor, "campaigns.answer_project", project)
    if not body.strip():
        raise ApplicationError(_("请填写本月进展。"), code="required", field="body")
    month = month.replace(day=1)
    if month > timezone.localdate().replace(day=1):
        raise ApplicationError(_("不能提交未来月份的月报。"), code="future", field="month")
    actuals = actuals or {}
    targets = {t.pk: t for t in project.targets.filter(pk__in=list(actuals))}
    if set(actuals) - set(targets):
        raise ApplicationError(_("量化指标不属于该项目。"), code="invalid", field="actuals")
    if any(value < 0 for value in actuals.values()):
        raise ApplicationError(_("完成值不能为负数。"), code="invalid", field="actuals")
    report, created = ProgressReport.objects.update_or_create(
        project=project,
        month=month,
        defaults={
            "body": body.strip(),
            "next_steps": next_steps.strip(),
            "submitted_by": actor,
        },
    )
    for pk, value in actuals.items():
        TargetReading.objects.update_or_create(
            target=targets[pk], month=month, defaults={"value": value}
        )
        # The actual value is the latest month's reading (revising an earlier month leaves it).
        latest = targets[pk].readings.order_by("-month").first()
        Target.objects.filter(pk=pk).update(actual_value=latest.value if latest else value)
    event_record(
        actor=actor,
        action="project.report_submitted" if created else "project.report_revised",
        target=project,
        organization=project.campaign.issuer,
        after={
            "month": f"{month:%Y-%m}",
            **({"actuals": {str(k): str(v) for k, v in actuals.items()}} if actuals else {}),
        },
    )
    return report


@transaction.atomic
def openness_policy_set(
    *,
    actor: Any,
    commission: Organization,
    projects_public_on_approval: bool,
    progress_reports_public: bool,
) -> OpennessPolicy:
    """Choose what of the running year the public sees before results are published."""
    require(actor, "campaigns.set_openness", commission)
    policy, created = OpennessPolicy.objects.select_for_update().get_or_create(
        commission=commission
    )
    fields = ["projects_public_on_approval", "progress_reports_public"]
    before = {field: getattr(policy, field) for field in fields}
    after = {
        "projects_public_on_approval": projects_public_on_approval,
        "progress_reports_public": progress_reports_public,
    }
    if before == after and not created:
        return policy
    for field, value in after.items():
        setattr(policy, field, value)
    policy.save(update_fields=[*fields, "updated_at"])
    event_record(
        actor=actor,
        action="campaigns.openness_policy_set",
        target=policy,
        organization=commission,
        before=before,
        after=after,
    )
    return policy


# ---------------------------------------------------------------- helpers


def _bump(obj: Any, version: int) -> None:
    """An edit (no transition): write only if nobody changed the record since `version`."""
    advance(
        obj,
        version=version,
        stale=_("保存冲突：在您编辑期间，他人已修改此内容。请刷新页面查看最新内容后再保存。"),
        match_state=False,
    )


def _known(machine: StateMachine, action: str) -> None:
    if action not in machine.actions:
        raise ApplicationError(_("未知的操作：%s") % action, code="unknown_action", field="action")
