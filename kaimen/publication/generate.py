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

A campaign run on the system says everything from its records: 会同/精选 and the totals are the
figure registry's counts (`supervision.figures`), and the text names the figures that come from
the records. A campaign imported from an old announcement has no such detail, so its own intro
(and intro figures) are what it announced.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Prefetch

from kaimen.campaigns.figures import figure_as_written, plain_number
from kaimen.campaigns.models import (
    Campaign,
    Metric,
    Outcome,
    Project,
    ProjectLeadUnit,
    ProjectState,
)
from kaimen.core.format import cn_numeral
from kaimen.orgs.models import Organization, OrganizationKind
from kaimen.supervision.figures import Values, recorded_for

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
    code: str = ""

    def __str__(self) -> str:
        return f"{self.label}{figure_as_written(value=self.value, unit=self.unit, qualifier=self.qualifier)}"


# How an announcement words each registered figure, in the seeds' order (each wording reads back
# to its code through the indicator dictionary, so a published text round-trips).
WORDING = (
    ("inspections", "督导检查", "次"),
    ("cases", "查处腐败和作风问题", "个"),
    ("persons_handled", "批评教育帮助和处理", "人"),
    ("sanctions", "给予党纪政务处分", "人"),
    ("problems_rectified", "推动职能部门整改问题", "个"),
    ("institutions", "推动建立和完善制度", "项"),
    ("notices", "制发整改通知书", "份"),
    ("listed", "挂牌督办问题", "个"),
    ("funds_recovered", "追缴清退资金", "万元"),
)
TEN_THOUSAND = Decimal(10000)
RECORDS_NOTE = "以上{labels}等数据，均根据纪检监察机关监督检查、问题整改和问责处理记录统计。"


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


def computed_totals(values: Values) -> list[Total]:
    """The intro totals of a campaign run on the system: the registry's counts."""
    totals = []
    for code, label, unit in WORDING:
        value = values.get(code, Decimal(0))
        if unit == "万元":
            value = (value / TEN_THOUSAND).quantize(Decimal("0.01")).normalize()
        if value:  # nothing recorded: nothing claimed
            totals.append(Total(label, value, unit, code=code))
    return totals


def imported_totals(metrics: Iterable[Metric]) -> list[Total]:
    """The intro figures an imported campaign announced (less 会同…单位 / 精选…项目)."""
    return [
        Total(m.label, m.value, m.unit, m.qualifier, code=m.code)
        for m in metrics
        if not m.label.startswith(_OPENING_LABELS)
    ]


def intro_totals(campaign: Campaign) -> list[Total]:
    if campaign.imported:
        return imported_totals(campaign.metrics.order_by("position", "pk"))
    return computed_totals(recorded_for(campaign))


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


def intro_text(campaign: Campaign) -> str:
    """Two paragraphs: what was done with whom, then the totals and the call for scrutiny. An
    imported campaign keeps what it announced; one run on the system says it from its records
    and names the figures that come from them."""
    if campaign.imported and campaign.intro.strip():
        return campaign.intro.strip()  # what the campaign announced, figures included
    region = _region_word(campaign)
    values = recorded_for(campaign)
    units, projects = (plain_number(values[c]) for c in ("units_involved", "projects_selected"))
    opening = campaign.intro.strip() or (
        f"{campaign.year}年，{campaign.issuer.name}聚焦群众“急难愁盼”，"
        f"会同{units}家单位精选{projects}个项目，"
        f"在{region}组织开展漠视侵害群众利益问题专项治理。"
    )
    totals = (
        imported_totals(campaign.metrics.all()) if campaign.imported else computed_totals(values)
    )
    figures = "，".join(str(total) for total in totals)
    summary = (
        "专项治理开展以来，各牵头单位主动作为，持续深化“群众点题、部门答题、纪委监督、社会评价”"
        "工作机制，为群众解决了一批操心事、烦心事、揪心事。"
    )
    if figures:
        verb = "共组织" if totals[0].label == "督导检查" else "共"
        summary += f"{region}各级纪检监察组织加强统筹协调，{verb}{figures}。"
        if not campaign.imported:
            summary += RECORDS_NOTE.format(labels="、".join(t.label for t in totals))
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
    parts = [announcement_title(campaign), intro_text(campaign)]
    parts += [
        project_text(index, item, campaign.issuer) for index, item in enumerate(projects, start=1)
    ]
    return "\n\n".join(parts) + "\n"
