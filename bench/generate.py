"""Generate a province's worth of campaigns into the configured database, fast.

    DJANGO_SETTINGS_MODULE=bench.settings DATABASE_URL=postgres://... python -m bench.generate

1 province, 11 cities, 90 districts (each a region with its commission and ten departments),
3 years of campaigns per district with about 12 projects each (≈ 3,240 projects), every project
with 2–3 lead units, 3 targets, 4 outcomes of 2–3 figures, 3 monthly reports, an institution and
its timeline; campaign intro figures; states mostly published. Prints a JSON summary (row counts,
ids of public projects and campaigns) on stdout for `bench.run_foundation`.

This is test data: it is written with `bulk_create` straight into the tables, bypassing the
services (no permission checks, one event per state change written here rather than by
`event_record`, though with a valid hash chain so `verify_events` still passes). Never use this
pattern for real data.
"""

import argparse
import json
import random
import sys
import time
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

import django

if __name__ == "__main__":
    django.setup()

from django.contrib.auth.hashers import make_password
from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from kaimen.accounts.models import User, UserKind
from kaimen.campaigns.models import (
    Campaign,
    CampaignState,
    Comparator,
    Institution,
    Metric,
    Outcome,
    ProgressReport,
    Project,
    ProjectLeadUnit,
    ProjectState,
    Target,
    Theme,
)
from kaimen.orgs.models import Level, Membership, Organization, OrganizationKind, Role
from kaimen.timeline.models import Event
from kaimen.timeline.services import events_seal_all

BATCH = 2000

CITIES = (
    ("杭州市", 13), ("宁波市", 10), ("温州市", 12), ("嘉兴市", 7), ("湖州市", 5), ("绍兴市", 6),
    ("金华市", 9), ("衢州市", 6), ("舟山市", 4), ("台州市", 9), ("丽水市", 9),
)  # fmt: skip
DISTRICT_SUFFIXES = "东西南北中新安平和兴宁华康泰阳明"

DEPARTMENTS = (
    "教育局", "公安分局", "民政局", "人力社保局", "卫生健康局",
    "市场监管分局", "住房和城乡建设局", "农业农村局", "交通运输局", "生态环境分局",
)  # fmt: skip

# Title templates with the theme they belong to and a unit of the figures they produce.
TOPICS = (
    ("中小学非教育教学事务进校园问题专项治理", Theme.EDUCATION, "所"),
    ("中小学校食堂采购问题专项治理", Theme.EDUCATION, "家"),
    ("电信网络诈骗问题专项治理", Theme.ANTI_FRAUD, "起"),
    ("养老服务补贴发放问题专项治理", Theme.ELDERLY_CARE, "人"),
    ("居家养老服务质量问题专项治理", Theme.ELDERLY_CARE, "户"),
    ("社会救助资金发放问题专项治理", Theme.SOCIAL_INSURANCE, "万元"),
    ("农村饮用水安全问题专项治理", Theme.ENVIRONMENT, "处"),
    ("住宅小区物业服务问题专项治理", Theme.HOUSING, "个"),
    ("医疗机构违规收费问题专项治理", Theme.HEALTH, "万元"),
    ("口腔种植医疗服务价格问题专项治理", Theme.HEALTH, "元"),
    ("预付式消费问题专项治理", Theme.MARKET_REGULATION, "家"),
    ("农村集体“三资”管理问题专项治理", Theme.AGRICULTURE, "万元"),
    ("征地拆迁安置问题专项治理", Theme.LAND_RESETTLEMENT, "户"),
    ("公共充电设施建设问题专项治理", Theme.ENERGY, "个"),
    ("农民工工资拖欠问题专项治理", Theme.EMPLOYMENT, "万元"),
    ("政务服务“办事难”问题专项治理", Theme.PUBLIC_SERVICE, "项"),
    ("城乡公交出行不便问题专项治理", Theme.TRANSPORT, "条"),
)
OUTCOME_HEADLINES = (
    "聚焦群众急难愁盼，全面排查问题底数",
    "压实主体责任，推动问题整改到位",
    "强化监督检查，严肃查处违规行为",
    "健全长效机制，巩固治理成果",
    "畅通群众诉求渠道，提升群众满意度",
    "开展“回头看”，防止问题反弹回潮",
)
METRIC_LABELS = ("开展检查", "发现问题", "整改问题", "追缴资金", "惠及群众", "建立完善制度")
INTRO_LABELS = (
    ("发现问题", "个"), ("整改问题", "个"), ("查处腐败和作风问题", "个"),
    ("批评教育帮助和处理", "人"), ("追缴清退资金", "万元"), ("建立完善制度", "项"),
)  # fmt: skip
PARAGRAPH = (
    "坚持以人民为中心的发展思想，聚焦群众反映强烈的突出问题，会同相关职能部门深入开展专项治理，"
    "通过明察暗访、交叉检查、“四不两直”等方式压实责任，对发现的问题建立清单、逐项销号，"
    "推动解决了一批群众身边的急难愁盼问题，群众获得感、幸福感、安全感进一步增强。"
)


@dataclass
class District:
    region: Organization
    commission: Organization
    departments: list[Organization]
    admin: User
    unit_user: User


@dataclass
class Summary:
    counts: dict[str, int] = field(default_factory=dict)
    public_project_ids: list[int] = field(default_factory=list)
    public_campaign_ids: list[int] = field(default_factory=list)
    seconds: float = 0.0


class _Chain:
    """Writes timeline events in time order, then seals them as the sealer would."""

    def __init__(self) -> None:
        self.pending: list[tuple[datetime, int, Event]] = []

    def add(self, when: datetime, event: Event) -> None:
        self.pending.append((when, len(self.pending), event))

    def write(self) -> int:
        events: list[Event] = []
        for when, _index, event in sorted(self.pending, key=lambda item: (item[0], item[1])):
            event.created_at = when
            events.append(event)
        Event.objects.bulk_create(events, batch_size=BATCH)
        events_seal_all()
        return len(events)


def _create_orgs(
    level_rows: list[Organization], parents: dict[int, Organization] | None = None
) -> list[Organization]:
    """bulk_create one level of the tree, then give each row its path: `<parent path><id>/`."""
    for org in level_rows:
        org.path = ""
    created = Organization.objects.bulk_create(level_rows, batch_size=BATCH)
    for org in created:
        parent_path = org.parent.path if org.parent is not None else ""
        org.path = f"{parent_path}{org.pk}/"
    Organization.objects.bulk_update(created, ["path"], batch_size=BATCH)
    return created


def _district_name(city: str, index: int) -> str:
    return f"{city[:-1]}{DISTRICT_SUFFIXES[index % len(DISTRICT_SUFFIXES)]}{index // len(DISTRICT_SUFFIXES) + 1}区"


def _build_tree(districts_wanted: int) -> list[District]:
    province = _create_orgs(
        [
            Organization(
                name="浙江省",
                kind=OrganizationKind.REGION,
                level=Level.PROVINCE,
                region_code="330000",
            )
        ]
    )[0]
    _create_orgs(
        [
            Organization(
                name="浙江省纪委监委",
                kind=OrganizationKind.COMMISSION,
                level=Level.PROVINCE,
                parent=province,
            )
        ]
    )
    cities = _create_orgs(
        [
            Organization(name=name, kind=OrganizationKind.REGION, level=Level.CITY, parent=province)
            for name, _count in CITIES
        ]
    )
    _create_orgs(
        [
            Organization(
                name=f"{city.name}纪委监委",
                kind=OrganizationKind.COMMISSION,
                level=Level.CITY,
                parent=city,
            )
            for city in cities
        ]
    )
    # Spread the districts over the cities in the proportions of CITIES (90 in all by default).
    total = sum(count for _name, count in CITIES)
    regions: list[Organization] = []
    for city, (_name, count) in zip(cities, CITIES, strict=True):
        share = max(1, round(count * districts_wanted / total))
        regions += [
            Organization(
                name=_district_name(city.name, i),
                kind=OrganizationKind.REGION,
                level=Level.COUNTY,
                parent=city,
            )
            for i in range(share)
        ]
    regions = _create_orgs(regions[:districts_wanted])
    commissions = _create_orgs(
        [
            Organization(
                name=f"{r.name}纪委监委",
                kind=OrganizationKind.COMMISSION,
                level=Level.COUNTY,
                parent=r,
            )
            for r in regions
        ]
    )
    departments = _create_orgs(
        [
            Organization(
                name=f"{r.name}{d}", kind=OrganizationKind.DEPARTMENT, level=Level.COUNTY, parent=r
            )
            for r in regions
            for d in DEPARTMENTS
        ]
    )
    unusable = make_password(None)
    users = User.objects.bulk_create(
        [
            User(username=f"bench-{r.pk}-{who}", kind=UserKind.STAFF, password=unusable)
            for r in regions
            for who in ("admin", "unit")
        ],
        batch_size=BATCH,
    )
    result: list[District] = []
    memberships: list[Membership] = []
    for index, (region, commission) in enumerate(zip(regions, commissions, strict=True)):
        units = departments[index * len(DEPARTMENTS) : (index + 1) * len(DEPARTMENTS)]
        admin, unit_user = users[2 * index], users[2 * index + 1]
        memberships.append(
            Membership(user=admin, organization=commission, role=Role.COMMISSION_ADMIN)
        )
        memberships.append(Membership(user=unit_user, organization=units[0], role=Role.UNIT_STAFF))
        result.append(District(region, commission, units, admin, unit_user))
    Membership.objects.bulk_create(memberships, batch_size=BATCH)
    return result


def _project_state(rng: random.Random, year: int, last_year: int) -> ProjectState:
    if year < last_year:
        return ProjectState.CLOSED if rng.random() < 0.3 else ProjectState.PUBLISHED
    roll = rng.random()
    if roll < 0.7:
        return ProjectState.PUBLISHED
    if roll < 0.9:
        return ProjectState.IN_PROGRESS
    return ProjectState.DRAFT


PROJECT_STEPS = (  # the transitions a project went through to reach each state
    (ProjectState.APPROVED, "approve"),
    (ProjectState.IN_PROGRESS, "start"),
    (ProjectState.OUTCOMES_SUBMITTED, "submit_outcomes"),
    (ProjectState.PUBLISHED, "publish"),
    (ProjectState.CLOSED, "close"),
)
STATE_ORDER = [ProjectState.DRAFT, *(state for state, _action in PROJECT_STEPS)]
UNIT_OF_TITLE = {title: unit for title, _theme, unit in TOPICS}


def _figure(rng: random.Random, unit: str) -> tuple[Decimal, str, Decimal, str]:
    value = Decimal(rng.randint(3, 2000))
    if unit == "万元":
        value = Decimal(rng.randint(10, 99999)) / 10
        return value, unit, value * 10000, "元"
    return value, unit, value, unit


def _event(
    actor: User, district: District, action: str, target: Any, type_: ContentType, **data: Any
) -> Event:
    return Event(
        actor=actor,
        actor_label=actor.username,
        organization=district.commission,
        action=action,
        target_type=type_,
        target_id=str(target.pk),
        target_repr=str(target)[:200],
        **data,
    )


def _campaigns(
    rng: random.Random, tree: list[District], years: tuple[int, ...], chain: _Chain
) -> tuple[list[Campaign], dict[int, District], list[Metric]]:
    """Campaigns of every district and year: past years published, the last one running."""
    last_year = max(years)
    campaigns = Campaign.objects.bulk_create(
        [
            Campaign(
                issuer=d.commission,
                year=year,
                title=f"{d.region.name}{year}年度漠视侵害群众利益问题专项治理",
                intro=PARAGRAPH * 2,
                state=CampaignState.PUBLISHED if year < last_year else CampaignState.RUNNING,
            )
            for d in tree
            for year in years
        ],
        batch_size=BATCH,
    )
    district_of = {c.pk: tree[i // len(years)] for i, c in enumerate(campaigns)}
    through = Campaign.participating_units.through
    through.objects.bulk_create(
        [
            through(campaign_id=c.pk, organization_id=unit.pk)
            for c in campaigns
            for unit in district_of[c.pk].departments
        ],
        batch_size=BATCH,
    )
    kind = ContentType.objects.get_for_model(Campaign, for_concrete_model=False)
    metrics: list[Metric] = []
    for c in campaigns:
        d = district_of[c.pk]
        start = datetime(c.year, 2, 15, 9, tzinfo=UTC)
        chain.add(start, _event(d.admin, d, "campaign.created", c, kind, after={"title": c.title}))
        chain.add(
            start + timedelta(days=20),
            _event(
                d.admin,
                d,
                "campaign.start",
                c,
                kind,
                before={"state": "draft"},
                after={"state": "running"},
            ),
        )
        if c.state == CampaignState.PUBLISHED:
            chain.add(
                datetime(c.year + 1, 1, 20, 10, tzinfo=UTC),
                _event(
                    d.admin,
                    d,
                    "campaign.publish",
                    c,
                    kind,
                    before={"state": "running"},
                    after={"state": "published"},
                ),
            )
        for position, (label, written_unit) in enumerate(INTRO_LABELS, start=1):
            value, unit, normalized, normalized_unit = _figure(rng, written_unit)
            metrics.append(
                Metric(
                    campaign=c,
                    position=position,
                    label=label,
                    value=value,
                    unit=unit,
                    normalized_value=normalized,
                    normalized_unit=normalized_unit,
                    source_text=f"{label}{value}{unit}",
                )
            )
    return campaigns, district_of, metrics


def _projects(
    rng: random.Random, campaigns: list[Campaign], per_campaign: int, last_year: int
) -> list[Project]:
    rows: list[Project] = []
    for c in campaigns:
        count = min(max(1, per_campaign + rng.randint(-2, 2)), len(TOPICS))
        for position, (title, theme, _unit) in enumerate(rng.sample(TOPICS, count), start=1):
            rows.append(
                Project(
                    campaign=c,
                    position=position,
                    title=title,
                    theme=theme,
                    goal=f"围绕{title[:-6]}，{PARAGRAPH}",
                    plan=PARAGRAPH,
                    state=_project_state(rng, c.year, last_year),
                    version=3,
                )
            )
    return Project.objects.bulk_create(rows, batch_size=BATCH)


@dataclass
class _Answers:
    lead_units: list[ProjectLeadUnit] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)
    outcomes: list[Outcome] = field(default_factory=list)
    reports: list[ProgressReport] = field(default_factory=list)
    institutions: list[Institution] = field(default_factory=list)


def _answer(
    rng: random.Random, p: Project, d: District, *, rows: _Answers, chain: _Chain, kind: ContentType
) -> None:
    """The lead units' answer to one project, as far as its state goes, and its timeline."""
    units = rng.sample(d.departments, rng.choice((2, 2, 3)))
    rows.lead_units += [
        ProjectLeadUnit(project=p, organization=u, position=i) for i, u in enumerate(units, start=1)
    ]
    done = p.state in (ProjectState.PUBLISHED, ProjectState.CLOSED)
    unit = UNIT_OF_TITLE[p.title]
    for position in range(1, 4):
        target = Decimal(rng.randint(10, 500))
        actual = (target * rng.randint(80, 130) / 100).quantize(Decimal(1)) if done else None
        rows.targets.append(
            Target(
                project=p,
                position=position,
                label=f"{METRIC_LABELS[position]}数量",
                comparator=Comparator.AT_LEAST,
                target_value=target,
                unit=unit,
                actual_value=actual,
            )
        )
    if done:
        rows.outcomes += [
            Outcome(
                project=p,
                position=position,
                headline=OUTCOME_HEADLINES[(position + p.pk) % len(OUTCOME_HEADLINES)],
                body=PARAGRAPH * 2,
            )
            for position in range(1, 5)
        ]
        rows.institutions.append(
            Institution(
                project=p,
                organization=units[0],
                title=f"{p.title[:-6]}长效管理办法",
                issued_on=date(p.campaign.year, 10, 1),
            )
        )
    if p.state != ProjectState.DRAFT:
        rows.reports += [
            ProgressReport(
                project=p,
                month=date(p.campaign.year, month, 1),
                body=PARAGRAPH,
                next_steps=PARAGRAPH[:60],
                submitted_by=d.unit_user,
            )
            for month in (4, 5, 6)
        ]
    when = datetime(p.campaign.year, 3, 1, 9, tzinfo=UTC) + timedelta(minutes=p.position)
    after = {"title": p.title, "lead_units": [u.name for u in units]}
    chain.add(when, _event(d.admin, d, "project.created", p, kind, after=after))
    previous = ProjectState.DRAFT
    for state, action in PROJECT_STEPS[: STATE_ORDER.index(ProjectState(p.state))]:
        when += timedelta(days=40)
        actor = d.unit_user if action in ("start", "submit_outcomes") else d.admin
        chain.add(
            when,
            _event(
                actor,
                d,
                f"project.{action}",
                p,
                kind,
                before={"state": str(previous)},
                after={"state": str(state)},
            ),
        )
        previous = state


def _outcome_metrics(rng: random.Random, outcomes: list[Outcome]) -> list[Metric]:
    metrics: list[Metric] = []
    for o in outcomes:
        for position in range(1, rng.choice((2, 3, 3)) + 1):
            label = METRIC_LABELS[(position + o.position) % len(METRIC_LABELS)]
            written = UNIT_OF_TITLE[o.project.title] if position == 1 else "个"
            value, unit, normalized, normalized_unit = _figure(rng, written)
            metrics.append(
                Metric(
                    project_id=o.project_id,
                    outcome=o,
                    position=position,
                    label=label,
                    value=value,
                    unit=unit,
                    normalized_value=normalized,
                    normalized_unit=normalized_unit,
                    source_text=f"{label}{value}{unit}",
                )
            )
    return metrics


@transaction.atomic
def generate(
    *,
    districts: int = 90,
    years: tuple[int, ...] = (2022, 2023, 2024),
    projects: int = 12,
    seed: int = 1,
) -> Summary:
    started = time.monotonic()
    rng = random.Random(seed)
    chain = _Chain()
    tree = _build_tree(districts)
    campaigns, district_of, metrics = _campaigns(rng, tree, years, chain)
    all_projects = _projects(rng, campaigns, projects, max(years))
    rows = _Answers()
    kind = ContentType.objects.get_for_model(Project, for_concrete_model=False)
    for p in all_projects:
        _answer(rng, p, district_of[p.campaign_id], rows=rows, chain=chain, kind=kind)
    ProjectLeadUnit.objects.bulk_create(rows.lead_units, batch_size=BATCH)
    Target.objects.bulk_create(rows.targets, batch_size=BATCH)
    outcomes = Outcome.objects.bulk_create(rows.outcomes, batch_size=BATCH)
    ProgressReport.objects.bulk_create(rows.reports, batch_size=BATCH)
    Institution.objects.bulk_create(rows.institutions, batch_size=BATCH)
    metrics += _outcome_metrics(rng, outcomes)
    Metric.objects.bulk_create(metrics, batch_size=BATCH)
    events = chain.write()

    return Summary(
        counts={
            "organizations": Organization.objects.count(),
            "campaigns": len(campaigns),
            "projects": len(all_projects),
            "lead units": len(rows.lead_units),
            "targets": len(rows.targets),
            "outcomes": len(outcomes),
            "metrics": len(metrics),
            "progress reports": len(rows.reports),
            "institutions": len(rows.institutions),
            "events": events,
        },
        public_project_ids=[
            p.pk for p in all_projects if p.state in (ProjectState.PUBLISHED, ProjectState.CLOSED)
        ],
        public_campaign_ids=[c.pk for c in campaigns],
        seconds=round(time.monotonic() - started, 1),
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--districts", type=int, default=90)
    parser.add_argument("--projects", type=int, default=12, help="projects per campaign (±2)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    summary = generate(districts=args.districts, projects=args.projects, seed=args.seed)
    out: dict[str, Any] = {
        "counts": summary.counts,
        "seconds": summary.seconds,
        "public_project_ids": summary.public_project_ids,
        "public_campaign_ids": summary.public_campaign_ids,
    }
    json.dump(out, sys.stdout)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
