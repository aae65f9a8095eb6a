"""Records for the insights tests, written straight to the tables (the services that own them
are tested in their apps): problems with chosen dates and states, accountability, campaigns
imported with announced figures."""

from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from conftest import World, make_user
from kaimen.accounts.models import UserKind
from kaimen.campaigns.models import Campaign, CampaignState, Metric, Project, ProjectState, Theme
from kaimen.orgs.models import Organization
from kaimen.supervision.models import AccountabilityRecord, Inspection, InspectionKind, Problem

# A Friday; 10 June 2024 (Dragon Boat Festival) is a holiday.
TODAY = date(2024, 6, 14)


def problem_make(
    commission: Organization,
    unit: Organization,
    *,
    assigned: date,
    deadline: date,
    state: str = "rectifying",
    closed: date | None = None,
    project: Project | None = None,
    listed: bool = False,
    name: str = "",
) -> Problem:
    serial = Problem.objects.filter(commission=commission).count() + 1
    return Problem.objects.create(
        commission=commission,
        number=f"{assigned.year}-{serial:04d}",
        source="inspection",
        responsible_unit=unit,
        project=project,
        description=name or f"{unit.name}问题{serial}",
        assigned_on=assigned,
        original_deadline=deadline,
        deadline=deadline,
        state=state,
        listed=listed,
        closed_at=datetime(closed.year, closed.month, closed.day, 4, tzinfo=UTC)
        if closed
        else None,
    )


def supervision_world(w: World) -> dict[str, Problem]:
    """定海: 教育局 red + yellow + closed on time; 公安分局 orange + blue + closed late.
    普陀: 民政局 red."""
    dh, pt = w.orgs["dh_jiwei"], w.orgs["pt_jiwei"]
    jiaoyu, gongan, minzheng = w.orgs["dh_jiaoyu"], w.orgs["dh_gongan"], w.orgs["pt_minzheng"]
    return {
        "red": problem_make(dh, jiaoyu, assigned=date(2024, 5, 6), deadline=date(2024, 5, 10)),
        "yellow": problem_make(
            dh, jiaoyu, assigned=date(2024, 6, 3), deadline=date(2024, 6, 5), state="notified"
        ),
        "closed_on_time": problem_make(
            dh,
            jiaoyu,
            assigned=date(2024, 5, 6),
            deadline=date(2024, 5, 31),
            state="closed",
            closed=date(2024, 5, 20),
            project=w.projects["published"],
        ),
        "orange": problem_make(
            dh, gongan, assigned=date(2024, 5, 20), deadline=date(2024, 5, 27), state="open"
        ),
        "blue": problem_make(
            dh, gongan, assigned=date(2024, 6, 11), deadline=date(2024, 6, 17), state="open"
        ),
        "closed_late": problem_make(
            dh,
            gongan,
            assigned=date(2024, 5, 6),
            deadline=date(2024, 5, 10),
            state="closed",
            closed=date(2024, 5, 15),
        ),
        "putuo_red": problem_make(
            pt, minzheng, assigned=date(2024, 5, 6), deadline=date(2024, 5, 10)
        ),
    }


def accountability_make(w: World) -> None:
    dh = w.orgs["dh_jiwei"]
    AccountabilityRecord.objects.create(
        commission=dh,
        decided_on=date(2024, 5, 1),
        cases=2,
        persons=3,
        measure="education",
        amount_recovered=Decimal("10000.00"),
    )
    Inspection.objects.create(commission=dh, date=date(2024, 5, 2), kind=InspectionKind.ONSITE)
    w.projects["published"].institutions.create(organization=w.orgs["dh_jiaoyu"], title="制度一")


def metric_make(  # noqa: PLR0917  (reads like the figure)
    owner: dict[str, Any], label: str, value: str, unit: str, normalized: str, nunit: str
) -> Metric:
    return Metric.objects.create(
        **owner,
        label=label,
        value=Decimal(value),
        unit=unit,
        normalized_value=Decimal(normalized),
        normalized_unit=nunit,
    )


def imported_campaign(issuer: Organization, year: int) -> Campaign:
    return Campaign.objects.create(
        issuer=issuer,
        year=year,
        title="漠视侵害群众利益问题专项治理",
        state=CampaignState.PUBLISHED,
        imported=True,
    )


def anti_fraud_project(campaign: Campaign, recovered_wan: str) -> Project:
    project = Project.objects.create(
        campaign=campaign,
        position=1,
        title="电信网络诈骗专项治理",
        theme=Theme.ANTI_FRAUD,
        state=ProjectState.PUBLISHED,
    )
    normalized = str(Decimal(recovered_wan) * 10000)
    metric_make({"project": project}, "追赃挽损", recovered_wan, "万元", normalized, "元")
    return project


def second_citizen() -> Any:
    return make_user("citizen2", kind=UserKind.CITIZEN)
