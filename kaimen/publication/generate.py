"""The draft text of a results announcement, written from the records in the seeds' form.

    定海区纪委监委公布2024年漠视侵害群众利益问题专项治理工作成果

    2024年，定海区纪委监委聚焦群众“急难愁盼”，会同8家单位精选9个项目，……
    专项治理开展以来，……共组织督导检查646次，查处腐败和作风问题2个，……

    一
    治理项目：中小学非教育教学事务进校园问题专项治理
    牵头单位：区教育局
    治理目标：……
    治理成果：
    1.强化统筹，形成治理融合力。成立专项治理工作专班，……

The totals come from the supervision records (inspections, problems, accountability) and the
institutions of the campaign; a campaign imported from an old announcement has no such detail,
so its own intro (and intro figures) are what it announced.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Prefetch

from kaimen.campaigns.models import (
    Campaign,
    Institution,
    Metric,
    Outcome,
    Project,
    ProjectLeadUnit,
    ProjectState,
)
from kaimen.campaigns.templatetags.campaign_figures import figure_value
from kaimen.core.format import cn_numeral
from kaimen.orgs.models import Organization, OrganizationKind
from kaimen.supervision.selectors import campaign_supervision_totals

# The projects an announcement reports: those whose outcomes have been submitted or published.
ANNOUNCED_STATES = (ProjectState.OUTCOMES_SUBMITTED, ProjectState.PUBLISHED, ProjectState.CLOSED)
# Intro figures that the first paragraph already states (会同8家单位精选9个项目).
_OPENING_LABELS = ("会同", "精选")
_SENTENCE_END = "。！？；"
_LEVEL_SUFFIXES = "省市区县"


@dataclass(frozen=True)
class Total:
    """One figure of the intro: 督导检查 646 次."""

    label: str
    value: Decimal
    unit: str
    qualifier: str = ""

    def __str__(self) -> str:
        return f"{self.label}{figure_value(self)}{self.unit}"


def _region_of(issuer: Organization) -> Organization:
    if issuer.kind == OrganizationKind.REGION or issuer.parent is None:
        return issuer
    return issuer.parent


def announcement_title(campaign: Campaign) -> str:
    """定海区纪委监委公布2024年漠视侵害群众利益问题专项治理工作成果."""
    issuer = campaign.issuer.name
    year_prefix = f"{campaign.year}年"
    core = campaign.title.strip().removeprefix(issuer).removeprefix(year_prefix).strip()
    core = core.removesuffix("工作成果").removesuffix("成果") or "漠视侵害群众利益问题专项治理"
    return f"{issuer}公布{campaign.year}年{core}工作成果"


def lead_unit_label(unit: Organization, issuer: Organization) -> str:
    """A lead unit as the announcements write it, relative to the issuer's region.

    定海区教育局 → 区教育局; 舟山市生态环境局定海分局 → 市生态环境局定海分局; a unit with a
    short name is written by it; any other unit by its full name.
    """
    if unit.short_name:
        return unit.short_name
    region: Organization | None = _region_of(issuer)
    while region is not None and region.kind == OrganizationKind.REGION:
        name = region.name
        if (
            name[-1:] in _LEVEL_SUFFIXES
            and unit.name.startswith(name)
            and len(unit.name) > len(name)
        ):
            return name[-1] + unit.name[len(name) :]
        region = region.parent
    return unit.name


def _one_line(text: str) -> str:
    """Goals and outcome bodies are one paragraph each in an announcement."""
    return "".join(line.strip() for line in text.splitlines())


def _sentence(text: str) -> str:
    text = text.strip()
    return text if not text or text[-1] in _SENTENCE_END else f"{text}。"


def _region_word(campaign: Campaign) -> str:
    """全区 / 全县 / 全市 / 全省, after the issuer's region."""
    name = _region_of(campaign.issuer).name
    return f"全{name[-1]}" if name[-1:] in _LEVEL_SUFFIXES else "全区"


def computed_totals(campaign: Campaign) -> list[Total]:
    """The intro totals counted from the records of the campaign."""
    supervision = campaign_supervision_totals(campaign)
    institutions = Institution.objects.filter(project__campaign=campaign).count()
    totals = [
        Total("督导检查", Decimal(supervision.inspections), "次"),
        Total("查处腐败和作风问题", Decimal(supervision.cases), "个"),
        Total("批评教育帮助和处理", Decimal(supervision.persons), "人"),
        Total("推动职能部门整改问题", Decimal(supervision.problems_closed), "个"),
        Total("推动建立和完善制度", Decimal(institutions), "项"),
    ]
    return [total for total in totals if total.value]  # nothing recorded: nothing claimed


def imported_totals(metrics: Iterable[Metric]) -> list[Total]:
    """The intro figures an imported campaign announced (less 会同…单位 / 精选…项目)."""
    return [
        Total(m.label, m.value, m.unit, m.qualifier)
        for m in metrics
        if not m.label.startswith(_OPENING_LABELS)
    ]


def intro_totals(campaign: Campaign) -> list[Total]:
    if campaign.imported:
        return imported_totals(campaign.metrics.order_by("position", "pk"))
    return computed_totals(campaign)


@dataclass(frozen=True)
class AnnouncedProject:
    project: Project
    lead_units: list[Organization]
    outcomes: list[Outcome]


def announced_projects(campaign: Campaign) -> list[AnnouncedProject]:
    """The projects of the announcement in order, with their lead units in the order the
    commission named them, and their outcome items (three queries)."""
    projects = list(
        Project.objects.filter(campaign=campaign, state__in=ANNOUNCED_STATES)
        .order_by("position")
        .prefetch_related(Prefetch("outcomes", queryset=Outcome.objects.order_by("position")))
    )
    units: dict[int, list[Organization]] = {project.pk: [] for project in projects}
    links = ProjectLeadUnit.objects.filter(project__in=projects).select_related("organization")
    for link in links.order_by("project", "position", "pk"):
        units[link.project_id].append(link.organization)
    return [
        AnnouncedProject(project, units[project.pk], list(project.outcomes.all()))
        for project in projects
    ]


def intro_text(campaign: Campaign, projects: list[AnnouncedProject]) -> str:
    """Two paragraphs: what was done with whom, then the totals and the call for scrutiny."""
    if campaign.imported and campaign.intro.strip():
        return campaign.intro.strip()  # what the campaign announced, figures included
    units = {unit.pk for item in projects for unit in item.lead_units}
    region = _region_word(campaign)
    opening = campaign.intro.strip() or (
        f"{campaign.year}年，{campaign.issuer.name}聚焦群众“急难愁盼”，"
        f"会同{len(units)}家单位精选{len(projects)}个项目，"
        f"在{region}组织开展漠视侵害群众利益问题专项治理。"
    )
    totals = intro_totals(campaign)
    figures = "，".join(str(total) for total in totals)
    summary = (
        "专项治理开展以来，各牵头单位主动作为，持续深化“群众点题、部门答题、纪委监督、社会评价”"
        "工作机制，为群众解决了一批操心事、烦心事、揪心事。"
    )
    if figures:
        verb = "共组织" if totals[0].label == "督导检查" else "共"
        summary += f"{region}各级纪检监察组织加强统筹协调，{verb}{figures}。"
    summary += "为落实“开门治理”要求，现将专项治理成果公布如下，接受广大群众的监督和评判。"
    return f"{_one_line(opening)}\n{summary}"


def project_text(index: int, item: AnnouncedProject, issuer: Organization) -> str:
    project = item.project
    units = "、".join(lead_unit_label(unit, issuer) for unit in item.lead_units)
    lines = [cn_numeral(index), f"治理项目：{project.title.strip()}", f"牵头单位：{units}"]
    goal = _one_line(project.goal)
    if goal:
        lines.append(f"治理目标：{goal}")
    lines.append("治理成果：")
    for position, outcome in enumerate(item.outcomes, start=1):
        headline = _sentence(_one_line(outcome.headline))
        lines.append(f"{position}.{headline}{_one_line(outcome.body)}")
    return "\n".join(lines)


def announcement_text(campaign: Campaign) -> str:
    """The whole draft: title, intro, then one numbered section per announced project."""
    campaign = Campaign.objects.select_related("issuer__parent__parent").get(pk=campaign.pk)
    projects = announced_projects(campaign)
    parts = [announcement_title(campaign), intro_text(campaign, projects)]
    parts += [
        project_text(index, item, campaign.issuer) for index, item in enumerate(projects, start=1)
    ]
    return "\n\n".join(parts) + "\n"
