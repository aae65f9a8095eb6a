"""Importing published results announcements (成果公告) into campaigns, projects and figures.

The parser (`kaimen.importer`, pure Python) turns a text into dataclasses; this module is the
Django side: it keeps the parse of an upload in an `ImportRun` that an admin reviews and
corrects, and `announcement_import` is the one function that writes a campaign from a parsed
announcement — or, in a dry run, only says what it would write. Importing the same text twice
changes nothing; a changed text yields a plan that is applied only when the caller confirms.

The parsed announcement travels as JSON (`ImportRun.parsed`): the importer's `to_json_dict()`
shape, enriched with what the review page and the records need — the title and intro, and for
every figure its value and unit as written, qualifier, source text, offsets in the text and the
outcome item it belongs to.
"""

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from kaimen.campaigns.models import (
    Campaign,
    CampaignState,
    ImportRun,
    ImportState,
    Metric,
    Outcome,
    Project,
    ProjectLeadUnit,
    ProjectState,
)
from kaimen.campaigns.themes import theme_for_title
from kaimen.core.errors import ApplicationError, ConflictError
from kaimen.core.permissions import require
from kaimen.importer import (
    AnnouncementInputError,
    Figure,
    ParsedAnnouncement,
    decode_bytes,
    docx_to_text,
    parse_announcement,
)
from kaimen.orgs.models import Level, Organization, OrganizationKind
from kaimen.orgs.services import organization_create
from kaimen.timeline.services import event_record

MAX_SOURCE_BYTES = 5 * 1024 * 1024
DEFAULT_CAMPAIGN_TITLE = "漠视侵害群众利益问题专项治理"
MIN_YEAR, MAX_YEAR = 1990, 2100

ProgressCallback = Callable[[int, int], None]


class OperatorActor:
    """The person at the console running a management command (not a user of the site).

    Commands act with full rights; the events they leave name the command as their actor.
    """

    is_superuser = True
    is_active = True
    is_authenticated = False

    def __init__(self, label: str) -> None:
        self.label = label

    def __str__(self) -> str:
        return self.label

    def has_perm(self, perm: str, obj: object = None) -> bool:
        return True


# ---------------------------------------------------------------- the parsed announcement


_STORED_PLACES = Decimal("0.000001")  # Metric.value keeps six decimal places


@dataclass(frozen=True)
class FigureData:
    """A figure as it will be stored: as written and normalised (974.6 万元 → 9746000 元)."""

    label: str
    value: Decimal
    unit: str
    normalized_value: Decimal
    normalized_unit: str
    qualifier: str = ""
    source: str = ""
    outcome: int | None = None  # index of the outcome item it was read from; None: the goal

    def key(self) -> tuple[object, ...]:
        """What is stored of it (Metric keeps six decimal places), for comparing with the records."""
        return (
            self.label[:200],
            self.value.quantize(_STORED_PLACES),
            self.unit[:20],
            self.normalized_value.quantize(_STORED_PLACES),
            self.normalized_unit[:20],
            self.qualifier[:10],
            self.outcome,
        )


@dataclass(frozen=True)
class ProjectData:
    title: str
    lead_units: tuple[str, ...]
    goal: str
    outcomes: tuple[tuple[str, str], ...]
    metrics: tuple[FigureData, ...]


@dataclass(frozen=True)
class AnnouncementData:
    year: int
    title: str
    intro: str
    totals: tuple[FigureData, ...]
    projects: tuple[ProjectData, ...]


_MULTIPLIERS = (("万亿", Decimal(10) ** 12), ("亿", Decimal(10) ** 8), ("万", Decimal(10) ** 4))


def figure_normalize(value: Decimal, unit: str) -> tuple[Decimal, str]:
    """Apply a 万/亿 multiplier of the unit: (974.6, 万元) → (9746000, 元)."""
    unit = unit.strip()
    if unit == "千元":
        return value * 1000, "元"
    for prefix, factor in _MULTIPLIERS:
        if unit.startswith(prefix):
            return value * factor, unit[len(prefix) :]
    return value, unit


def _json_number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def _figure_json(figure: Figure, outcome: int | None) -> dict[str, Any]:
    return {
        "label": figure.label,
        "value": _json_number(figure.normalized_value),
        "unit": figure.normalized_unit,
        "written_value": str(figure.value),
        "written_unit": figure.unit,
        "qualifier": figure.qualifier,
        "source": figure.source,
        "start": figure.start,
        "end": figure.end,
        "outcome": outcome,
    }


def announcement_to_json(parsed: ParsedAnnouncement) -> dict[str, Any]:
    """`parsed.to_json_dict()` plus what review, correction and storage need (see module doc)."""
    data: dict[str, Any] = dict(parsed.to_json_dict())
    data["title"] = parsed.title
    data["intro"] = parsed.intro
    data["intro_totals"] = [_figure_json(f, None) for f in parsed.intro_totals]
    projects: list[dict[str, Any]] = []
    for item, project in zip(data["projects"], parsed.projects, strict=True):
        outcome_of = {
            (f.start, f.end): index
            for index, outcome in enumerate(project.outcomes)
            for f in outcome.figures
        }
        projects.append(
            {
                **item,
                "metrics": [
                    _figure_json(f, outcome_of.get((f.start, f.end))) for f in project.figures
                ],
                "start": project.start,
                "end": project.end,
            }
        )
    data["projects"] = projects
    return data


def _text(raw: Mapping[str, Any], key: str) -> str:
    value = raw.get(key)
    return value.strip() if isinstance(value, str) else ""


def _decimal(value: object, field: str) -> Decimal:
    try:
        number = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        raise ApplicationError(
            _("“%s”不是有效的数字。") % value, code="invalid_number", field=field
        ) from None
    if not number.is_finite() or abs(number) >= Decimal(10) ** 19:
        raise ApplicationError(_("数值超出范围。"), code="invalid_number", field=field)
    return number


def _figure_data(raw: object, field: str, outcomes: int) -> FigureData:
    if not isinstance(raw, Mapping):
        raise ApplicationError(_("数据格式不正确。"), code="invalid", field=field)
    label = _text(raw, "label")
    if not label:
        raise ApplicationError(_("请填写数据的名称。"), code="required", field=f"{field}.label")
    normalized_value = _decimal(raw.get("value"), f"{field}.value")
    normalized_unit = _text(raw, "unit")
    if raw.get("written_value") is not None:
        value = _decimal(raw["written_value"], f"{field}.value")
        unit = _text(raw, "written_unit")
    else:
        value, unit = normalized_value, normalized_unit
    outcome = raw.get("outcome")
    if not isinstance(outcome, int) or not 0 <= outcome < outcomes:
        outcome = None
    return FigureData(
        label=label,
        value=value,
        unit=unit,
        normalized_value=normalized_value,
        normalized_unit=normalized_unit,
        qualifier=_text(raw, "qualifier"),
        source=_text(raw, "source"),
        outcome=outcome,
    )


def _campaign_title(raw_title: str) -> str:
    """The campaign's name from the announcement's headline (without 工作成果 / 公布 …)."""
    title = raw_title.strip()
    for prefix in ("区纪委区监委公布", "纪委监委公布", "公布"):
        if prefix in title:
            title = title.split(prefix, 1)[1].strip()
    for suffix in ("工作成果", "成果", "工作"):
        title = title.removesuffix(suffix)
    return title.strip()[:200] or DEFAULT_CAMPAIGN_TITLE


def announcement_data(parsed: Mapping[str, Any]) -> AnnouncementData:
    """Validate a parsed (and maybe corrected) announcement; errors name the field at fault."""
    year = parsed.get("year")
    if not isinstance(year, int) or isinstance(year, bool) or not MIN_YEAR <= year <= MAX_YEAR:
        raise ApplicationError(
            _("未能识别公告的年度，请在“年度”中填写。"), code="year_missing", field="year"
        )
    raw_projects = parsed.get("projects")
    if not isinstance(raw_projects, list) or not raw_projects:
        raise ApplicationError(
            _("没有识别出任何治理项目，无法导入。"), code="no_projects", field="projects"
        )
    projects = []
    for index, raw in enumerate(raw_projects):
        prefix = f"projects.{index}"
        if not isinstance(raw, Mapping):
            raise ApplicationError(_("项目格式不正确。"), code="invalid", field=prefix)
        title = _text(raw, "title")
        if not title:
            raise ApplicationError(
                _("第 %d 个项目缺少名称。") % (index + 1), code="required", field=f"{prefix}.title"
            )
        units = tuple(
            dict.fromkeys(
                unit
                for written in raw.get("lead_units") or []
                for unit in lead_unit_split(str(written))
            )
        )
        if not units:
            raise ApplicationError(
                _("项目“%s”缺少牵头单位。") % title, code="required", field=f"{prefix}.lead_units"
            )
        outcomes = tuple(
            (_text(o, "headline"), _text(o, "body"))
            for o in raw.get("outcomes") or []
            if isinstance(o, Mapping) and (_text(o, "headline") or _text(o, "body"))
        )
        metrics = tuple(
            _figure_data(m, f"{prefix}.metrics.{i}", len(outcomes))
            for i, m in enumerate(raw.get("metrics") or [])
        )
        projects.append(
            ProjectData(
                title=title[:200],
                lead_units=units,
                goal=_text(raw, "goal"),
                outcomes=tuple((h[:300] or b[:60], b) for h, b in outcomes),
                metrics=metrics,
            )
        )
    totals = tuple(
        _figure_data(m, f"intro_totals.{i}", 0)
        for i, m in enumerate(parsed.get("intro_totals") or [])
    )
    return AnnouncementData(
        year=year,
        title=_campaign_title(_text(parsed, "title")),
        intro=_text(parsed, "intro"),
        totals=totals,
        projects=tuple(projects),
    )


# ---------------------------------------------------------------- lead units


UNIT_ALIASES = (
    ("卫健局", "卫生健康局"),
    ("资源规划局", "自然资源和规划局"),
    ("人社局", "人力社保局"),
)


_JOINT_UNIT = re.compile(
    r"^(?P<first>[^（(]+)[（(](?P<second>[^）)]+(?:局|办|委|办公室|中心|所))[）)]$"
)


def lead_unit_split(written: str) -> list[str]:
    """ "区卫健局（区医保局）" names two units acting together; anything else is one."""
    written = written.strip()
    match = _JOINT_UNIT.match(written)
    if match is None:
        return [written] if written else []
    return [match["first"].strip(), match["second"].strip()]


def _region_of(issuer: Organization) -> Organization:
    if issuer.kind == OrganizationKind.REGION or issuer.parent is None:
        return issuer
    return issuer.parent


def _region_stem(region: Organization) -> str:
    """定海区 → 定海; 舟山市 → 舟山 (how units of other levels name their branch here)."""
    name = region.name
    return name[:-1] if len(name) > 2 and name[-1] in "省市区县" else name  # noqa: PLR2004


def unit_name_candidates(raw: str, region: Organization) -> list[str]:
    """Names a lead unit written as in the announcement may be registered under.

    The first is the name as written; the last is the full name a new unit gets: "区教育局"
    → 定海区教育局; "市生态环境局定海分局" → 舟山市生态环境局定海分局 (the city bureau's
    branch, which sits in the district); "区卫健局" → 定海区卫生健康局.
    """
    written = raw.strip()
    names = [written]
    for short, full in UNIT_ALIASES:
        if short in written and full not in written:
            names.append(written.replace(short, full))
    city = (
        region.parent if region.parent and region.parent.kind == OrganizationKind.REGION else None
    )
    full_names: list[str] = []
    for name in list(names):
        if name.startswith(region.name) or (city and name.startswith(city.name)):
            continue
        if name[0] in "区县":  # the district's own bodies: 区教育局 / 县教育局
            full_names.append(region.name + name[1:])
        elif city and name.startswith("市") and not name.startswith("市场"):
            full_names.append(city.name + name[1:])
        elif city and _region_stem(region) in name:
            full_names.append(city.name + name)
        else:
            full_names.append(region.name + name)
    return list(dict.fromkeys([*names, *full_names]))


def _resolve_units(
    names: list[str], region: Organization
) -> tuple[dict[str, Organization], dict[str, str]]:
    """Map written unit names to organizations of the region; unknown ones to their new names."""
    candidates = {name: unit_name_candidates(name, region) for name in names}
    all_names = {c for cs in candidates.values() for c in cs}
    existing: dict[str, Organization] = {}
    for org in Organization.objects.filter(
        path__startswith=region.path, name__in=all_names
    ).exclude(kind=OrganizationKind.REGION):
        existing.setdefault(org.name, org)
    found: dict[str, Organization] = {}
    unknown: dict[str, str] = {}
    for name, names_for in candidates.items():
        match = next((existing[c] for c in names_for if c in existing), None)
        if match is None:
            unknown[name] = names_for[-1]
        else:
            found[name] = match
    return found, unknown


# ---------------------------------------------------------------- the plan


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
    "intro": "导语",
    "totals": "总体数据",
}


def _stored_project(project: Project) -> dict[str, Any]:
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
    }


def _lead_links(project: Project) -> list[ProjectLeadUnit]:
    return list(
        ProjectLeadUnit.objects.filter(project=project)
        .select_related("organization")
        .order_by("position")
    )


def _wanted_project(data: ProjectData, unit_names: list[str]) -> dict[str, Any]:
    return {
        "title": data.title,
        "theme": theme_for_title(data.title),
        "lead_units": unit_names,
        "goal": data.goal,
        "outcomes": [(h, b) for h, b in data.outcomes],
        "metrics": [m.key() for m in data.metrics],
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


def _plan_compare(
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
        old = _stored_project(stored)
        new = _wanted_project(project_data, unit_names(project_data))
        fields = [FIELD_LABELS[k] for k in new if old[k] != new[k]]
        if fields:
            plan.changed.append(ProjectChange(position, stored.title, fields))
    plan.removed = [existing[p].title for p in sorted(existing) if p > len(data.projects)]
    return existing


# ---------------------------------------------------------------- writing


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
    data = announcement_data(parsed)
    region = _region_of(issuer)
    written_units = list(dict.fromkeys(u for p in data.projects for u in p.lead_units))
    found, unknown = _resolve_units(written_units, region)

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
    existing = _plan_compare(plan, campaign, data, unit_names)
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
        },
    )
    return project


def _project_rewrite(
    *, actor: Any, project: Project, data: ProjectData, units: list[Organization]
) -> None:
    old = _stored_project(project)
    new = _wanted_project(data, [u.name for u in units])
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
    return len(value) if key in ("outcomes", "metrics") else value


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


# ---------------------------------------------------------------- import runs (back office)


def source_text_read(*, source_name: str, data: bytes | None, text: str | None) -> tuple[str, str]:
    """The announcement text of an upload or a paste, and the name of the field it came from."""
    if data is not None:
        if len(data) > MAX_SOURCE_BYTES:
            raise ApplicationError(
                _("文件过大（%(size).1f MB），上限为 5 MB。") % {"size": len(data) / 1024 / 1024},
                code="too_large",
                field="file",
            )
        try:
            if source_name.lower().endswith(".docx") or data.startswith(b"PK\x03\x04"):
                return docx_to_text(data), "file"
            return decode_bytes(data), "file"
        except AnnouncementInputError as error:
            raise ApplicationError(str(error), code="unreadable", field="file") from None
    pasted = (text or "").strip()
    if not pasted:
        raise ApplicationError(_("请上传公告文件或粘贴公告全文。"), code="required", field="text")
    if len(pasted.encode()) > MAX_SOURCE_BYTES:
        raise ApplicationError(_("文本过长，上限为 5 MB。"), code="too_large", field="text")
    return pasted, "text"


@transaction.atomic
def import_run_create(
    *,
    actor: Any,
    issuer: Organization,
    source_name: str,
    data: bytes | None,
    text: str | None,
) -> ImportRun:
    """Read and parse an uploaded or pasted announcement; keep it for review."""
    require(actor, "campaigns.import_announcement", issuer)
    source, source_field = source_text_read(source_name=source_name, data=data, text=text)
    if not source.strip():
        raise ApplicationError(_("文件中没有文字。"), code="empty", field=source_field)
    parsed = parse_announcement(source)
    run = ImportRun.objects.create(
        issuer=issuer,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
        source_name=(source_name or _("粘贴的文本"))[:200],
        source_text=parsed.text,
        parsed=announcement_to_json(parsed),
        state=ImportState.PARSED,
    )
    event_record(
        actor=actor,
        action="import_run.created",
        target=run,
        organization=issuer,
        after={
            "source": run.source_name,
            "year": parsed.year,
            "projects": len(parsed.projects),
            "warnings": len(parsed.warnings),
        },
    )
    return run


def _require_editable(run: ImportRun) -> None:
    if run.state not in (ImportState.PARSED, ImportState.FAILED):
        raise ConflictError(
            _("该导入已确认（%s），不能再修改。") % run.get_state_display(),
            code="invalid_transition",
        )


@transaction.atomic
def import_run_correct(*, actor: Any, run: ImportRun, parsed: dict[str, Any]) -> ImportRun:
    """Store the admin's corrections to the parse, once they validate."""
    require(actor, "campaigns.import_announcement", run.issuer)
    _require_editable(run)
    announcement_data(parsed)
    before = run.parsed
    changed = sorted(key for key in set(before) | set(parsed) if before.get(key) != parsed.get(key))
    changed_projects = [
        index + 1
        for index, (old, new) in enumerate(
            zip(before.get("projects") or [], parsed.get("projects") or [], strict=False)
        )
        if old != new
    ]
    run.parsed = parsed
    run.state = ImportState.PARSED
    run.save(update_fields=["parsed", "state", "updated_at"])
    event_record(
        actor=actor,
        action="import_run.corrected",
        target=run,
        organization=run.issuer,
        after={"changed": changed, "projects": changed_projects},
    )
    return run


def parsed_with_campaign(
    parsed: Mapping[str, Any], *, year: int | None, title: str, totals: list[dict[str, Any]]
) -> dict[str, Any]:
    """A copy of `parsed` with the campaign part replaced (totals: label, value, unit as written)."""
    result = dict(parsed)
    result["year"], result["title"] = year, title
    result["intro_totals"] = _figures_corrected(list(parsed.get("intro_totals") or []), totals)
    return result


def parsed_with_project(
    parsed: Mapping[str, Any],
    index: int,
    *,
    title: str,
    lead_units: list[str],
    goal: str,
    figures: list[dict[str, Any]],
) -> dict[str, Any]:
    """A copy of `parsed` with project `index` (0-based) corrected."""
    projects = [dict(p) for p in parsed.get("projects") or []]
    if not 0 <= index < len(projects):
        raise ApplicationError(_("没有这个项目。"), code="not_found", field="project")
    project = projects[index]
    project.update(
        title=title.strip(),
        lead_units=[u.strip() for u in lead_units if u.strip()],
        goal=goal.strip() or None,
        metrics=_figures_corrected(list(project.get("metrics") or []), figures),
    )
    return {**parsed, "projects": projects}


def _figures_corrected(
    old: list[dict[str, Any]], new: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """Apply corrected (label, value, unit as written, delete) rows to stored figures."""
    result = []
    for index, row in enumerate(new):
        base = dict(old[index]) if index < len(old) else {}
        if row.get("delete"):
            continue
        value = _decimal(row.get("value"), f"figures.{index}.value")
        unit = str(row.get("unit") or "").strip()
        normalized, normalized_unit = figure_normalize(value, unit)
        base.update(
            label=str(row.get("label") or "").strip(),
            written_value=str(value),
            written_unit=unit,
            value=_json_number(normalized),
            unit=normalized_unit,
        )
        result.append(base)
    return result


@transaction.atomic
def import_run_confirm(
    *, actor: Any, run: ImportRun, create_orgs: bool = False, allow_update: bool = False
) -> ImportRun:
    """Queue the import of a reviewed run; the task runs once the transaction commits."""
    from kaimen.campaigns.tasks import import_run_execute  # noqa: PLC0415  (tasks import us)

    require(actor, "campaigns.import_announcement", run.issuer)
    _require_editable(run)
    announcement_data(run.parsed)
    updated = ImportRun.objects.filter(pk=run.pk, state=run.state).update(
        state=ImportState.QUEUED, progress=0, message=""
    )
    if not updated:
        raise ConflictError(_("该导入已被确认。"), code="stale")
    run.state, run.progress, run.message = ImportState.QUEUED, 0, ""
    event_record(
        actor=actor,
        action="import_run.confirmed",
        target=run,
        organization=run.issuer,
        after={"create_orgs": create_orgs, "allow_update": allow_update},
    )
    transaction.on_commit(
        lambda: import_run_execute.enqueue(
            run.pk, create_orgs=create_orgs, allow_update=allow_update
        )
    )
    return run


def import_run_perform(*, run_id: int, create_orgs: bool, allow_update: bool) -> ImportRun | None:
    """Carry out a queued run (called by the task): running → done or failed, with a message."""
    claimed = ImportRun.objects.filter(pk=run_id, state=ImportState.QUEUED).update(
        state=ImportState.RUNNING, progress=0
    )
    run = ImportRun.objects.select_related("issuer", "created_by").filter(pk=run_id).first()
    if not claimed or run is None:
        return run  # already done, or picked up by another worker: nothing to do

    def progress(done: int, total: int) -> None:
        ImportRun.objects.filter(pk=run_id).update(progress=min(99, done * 100 // max(total, 1)))

    actor = run.created_by or OperatorActor("import task")
    try:
        plan = announcement_import(
            actor=actor,
            issuer=run.issuer,
            parsed=run.parsed,
            create_orgs=create_orgs,
            dry_run=False,
            allow_update=allow_update,
            progress=progress,
        )
    except ApplicationError as error:
        return _run_finish(run, actor, ImportState.FAILED, error.message, None)
    except Exception as error:
        _run_finish(run, actor, ImportState.FAILED, _("导入时发生内部错误，请联系管理员。"), None)
        raise error
    return _run_finish(run, actor, ImportState.DONE, "\n".join(plan.describe()), plan.campaign)


@transaction.atomic
def _run_finish(
    run: ImportRun, actor: Any, state: ImportState, message: str, campaign: Campaign | None
) -> ImportRun:
    run.state, run.message = state, message
    run.progress = 100 if state == ImportState.DONE else run.progress
    if campaign is not None:
        run.campaign = campaign
    run.save(update_fields=["state", "message", "progress", "campaign", "updated_at"])
    event_record(
        actor=actor,
        action=f"import_run.{state}",
        target=run,
        organization=run.issuer,
        after={"state": state, "campaign": campaign.pk if campaign else None},
        reason=message[:500] if state == ImportState.FAILED else "",
    )
    return run


# ---------------------------------------------------------------- the review page


@dataclass(frozen=True)
class Segment:
    """A piece of the source text; `figure_id` set when it is a figure to highlight."""

    text: str
    figure_id: str = ""
    title: str = ""
    kind: str = ""


def _plain(value: object) -> str:
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return str(value)
    text = f"{number.normalize():f}"
    return text


def _figure_view(raw: Mapping[str, Any], figure_id: str) -> dict[str, Any]:
    written = f"{_plain(raw.get('written_value', raw.get('value')))}{raw.get('written_unit', raw.get('unit', ''))}"
    normalized = f"{_plain(raw.get('value'))}{raw.get('unit', '')}"
    return {
        **raw,
        "id": figure_id,
        "written": written,
        "normalized": normalized if normalized != written else "",
    }


def source_segments(text: str, marks: list[tuple[int, int, str, str, str]]) -> list[Segment]:
    """Cut the source into plain pieces and highlighted figures (by offsets; overlaps skipped)."""
    segments: list[Segment] = []
    cursor = 0
    for start, end, figure_id, title, kind in sorted(marks):
        if start < cursor or end <= start or end > len(text):
            continue
        if start > cursor:
            segments.append(Segment(text[cursor:start]))
        segments.append(Segment(text[start:end], figure_id, title, kind))
        cursor = end
    if cursor < len(text):
        segments.append(Segment(text[cursor:]))
    return segments


def review_context(run: ImportRun) -> dict[str, Any]:
    """What the review page shows: the highlighted source and the parsed structure."""
    parsed = run.parsed
    marks: list[tuple[int, int, str, str, str]] = []

    def figure(raw: Mapping[str, Any], figure_id: str, kind: str) -> dict[str, Any]:
        view = _figure_view(raw, figure_id)
        if isinstance(raw.get("start"), int) and isinstance(raw.get("end"), int):
            marks.append(
                (raw["start"], raw["end"], figure_id, f"{view['label']}：{view['written']}", kind)
            )
        return view

    totals = [figure(f, f"t{i}", "total") for i, f in enumerate(parsed.get("intro_totals") or [])]
    projects = []
    for number, raw in enumerate(parsed.get("projects") or [], start=1):
        figures = [
            figure(m, f"p{number}-{j}", "metric") for j, m in enumerate(raw.get("metrics") or [])
        ]
        outcomes = [
            {**o, "figures": [f for f in figures if f.get("outcome") == index]}
            for index, o in enumerate(raw.get("outcomes") or [])
        ]
        projects.append(
            {
                **raw,
                "position": number,
                "outcomes": outcomes,
                "goal_figures": [f for f in figures if f.get("outcome") is None],
                "figure_count": len(figures),
            }
        )
    return {
        "run": run,
        "parsed": parsed,
        "totals": totals,
        "projects": projects,
        "warnings": parsed.get("warnings") or [],
        "segments": source_segments(run.source_text, marks),
    }


# ---------------------------------------------------------------- issuers (operator command)


@transaction.atomic
def import_issuer_get(*, actor: Any, issuer: str, region: str | None, create: bool) -> Organization:
    """The issuing commission named (or numbered) by an operator; created under `region` if asked."""
    commissions = Organization.objects.filter(kind=OrganizationKind.COMMISSION)
    if issuer.strip().isdigit():
        found = commissions.filter(pk=int(issuer)).first()
        if found is None:
            raise ApplicationError(_("没有编号为 %s 的纪委监委。") % issuer, field="issuer")
        return found
    matches = list(commissions.filter(name=issuer.strip()))
    if len(matches) > 1:
        raise ApplicationError(
            _("有多个名为“%(name)s”的纪委监委，请用编号：%(ids)s")
            % {"name": issuer, "ids": "、".join(str(m.pk) for m in matches)},
            code="ambiguous",
            field="issuer",
        )
    if matches:
        return matches[0]
    if not create or not region:
        raise ApplicationError(
            _("没有名为“%s”的纪委监委（可加 --create-orgs --region 新建）。") % issuer,
            code="not_found",
            field="issuer",
        )
    regions = list(Organization.objects.filter(kind=OrganizationKind.REGION, name=region.strip()))
    if len(regions) != 1:
        raise ApplicationError(
            _("行政区“%s”不存在或不唯一。") % region, code="not_found", field="region"
        )
    commission = organization_create(
        name=issuer.strip(),
        kind=OrganizationKind.COMMISSION,
        level=regions[0].level,
        parent=regions[0],
    )
    event_record(
        actor=actor,
        action="organization.created",
        target=commission,
        organization=commission,
        after={"name": commission.name, "parent": regions[0].name},
    )
    return commission
