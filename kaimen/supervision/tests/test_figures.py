"""The figure registry: one count per figure, one rule for which campaign a record belongs to."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conftest import World
from kaimen.campaigns.indicators import BY_CODE
from kaimen.campaigns.models import Campaign, Institution, Project
from kaimen.supervision.figures import FIGURES, REGISTRY, recorded_figures, recorded_for
from kaimen.supervision.models import (
    AccountabilityRecord,
    Inspection,
    InspectionKind,
    Measure,
)
from kaimen.supervision.tests.factories import problem_in, putuo_problem


def _campaign(world: World) -> Campaign:
    assert world.campaign is not None
    return world.campaign


def test_every_figure_has_a_dictionary_code() -> None:
    assert set(FIGURES) <= set(BY_CODE)
    assert len(FIGURES) == len(REGISTRY)


def test_recorded_figures_of_a_campaign(world: World) -> None:
    # given inspections, problems and records linked to the 2024 定海 campaign or made by its
    # commission in 2024, and others that do not count
    campaign = _campaign(world)
    linked = Inspection.objects.create(
        commission=world.orgs["zs_jiwei"], date=date(2024, 5, 1), kind=InspectionKind.JOINT
    )
    linked.projects.add(world.projects["in_progress"], world.projects["draft"])
    Inspection.objects.create(
        commission=world.orgs["dh_jiwei"], date=date(2024, 6, 1), kind=InspectionKind.ONSITE
    )
    Inspection.objects.create(  # the year before: not counted
        commission=world.orgs["dh_jiwei"], date=date(2023, 6, 1), kind=InspectionKind.ONSITE
    )
    Inspection.objects.create(  # another district: not counted
        commission=world.orgs["pt_jiwei"], date=date(2024, 6, 1), kind=InspectionKind.ONSITE
    )
    problem_in(world, "closed")
    problem_in(world, "rectifying")
    putuo_problem(world)
    AccountabilityRecord.objects.create(
        commission=world.orgs["dh_jiwei"],
        decided_on=date(2024, 7, 1),
        cases=2,
        persons=5,
        measure=Measure.EDUCATION,
        amount_recovered=Decimal("44900.00"),
        amount_refunded=Decimal("100.00"),
    )
    AccountabilityRecord.objects.create(
        commission=world.orgs["dh_jiwei"],
        decided_on=date(2024, 8, 1),
        cases=1,
        persons=1,
        measure=Measure.PARTY_DISCIPLINE,
        project=world.projects["published"],
    )
    AccountabilityRecord.objects.create(
        commission=world.orgs["pt_jiwei"],
        decided_on=date(2024, 8, 1),
        persons=9,
        measure=Measure.EDUCATION,
    )

    with CaptureQueriesContext(connection) as queries:
        values = recorded_for(campaign)

    assert len(queries) == len(REGISTRY)  # one query per figure
    assert values["inspections"] == 2
    assert [values[c] for c in ("problems_found", "problems_rectified")] == [2, 1]
    assert [values[c] for c in ("cases", "persons_handled", "sanctions")] == [3, 6, 1]
    assert values["funds_recovered"] == Decimal("45000.00")
    assert [values[c] for c in ("projects_selected", "units_involved")] == [2, 1]  # no draft


def test_many_campaigns_cost_the_queries_of_one(world: World) -> None:
    campaigns = list(Campaign.objects.all())
    assert len(campaigns) == 2
    with CaptureQueriesContext(connection) as queries:
        values = recorded_figures(campaigns)
    assert len(queries) == len(REGISTRY)
    assert values[_campaign(world).pk] == recorded_for(_campaign(world))


def test_one_problem_with_three_accountability_records_is_one_case(world: World) -> None:
    problem = problem_in(world, "rectifying")
    for measure, persons in (
        (Measure.EDUCATION, 2),
        (Measure.ADMONITION, 1),
        (Measure.PARTY_DISCIPLINE, 1),
    ):
        AccountabilityRecord.objects.create(
            commission=world.orgs["dh_jiwei"],
            problem=problem,
            decided_on=date(2024, 10, 1),
            cases=1,
            persons=persons,
            measure=measure,
        )
    values = recorded_for(_campaign(world))
    assert values["cases"] == 1
    assert values["persons_handled"] == 4
    records = FIGURES["cases"].records_of(_campaign(world))
    assert records.count() == 3


def test_a_record_dated_next_year_counts_for_its_projects_campaign_only(world: World) -> None:
    campaign = _campaign(world)
    next_year = Campaign.objects.create(issuer=campaign.issuer, year=2025, title="2025年专项治理")
    inspection = Inspection.objects.create(
        commission=world.orgs["dh_jiwei"], date=date(2025, 3, 1), kind=InspectionKind.ONSITE
    )
    inspection.projects.add(world.projects["in_progress"])  # a 2024 project
    AccountabilityRecord.objects.create(
        commission=world.orgs["dh_jiwei"],
        project=world.projects["published"],
        decided_on=date(2025, 2, 1),
        persons=2,
        measure=Measure.EDUCATION,
    )
    Inspection.objects.create(  # no project: the 2025 campaign's by its date
        commission=world.orgs["dh_jiwei"], date=date(2025, 4, 1), kind=InspectionKind.DESK
    )

    values = recorded_figures([campaign, next_year])

    assert values[campaign.pk]["inspections"] == 1
    assert values[campaign.pk]["persons_handled"] == 2
    assert values[next_year.pk]["inspections"] == 1
    assert values[next_year.pk]["persons_handled"] == 0
    assert list(FIGURES["inspections"].records_of(campaign)) == [inspection]


def test_a_record_of_another_campaigns_project_is_not_taken_by_date(world: World) -> None:
    # a 定海 record linked to 普陀's project belongs to 普陀's campaign, never to 定海's by date
    AccountabilityRecord.objects.create(
        commission=world.orgs["dh_jiwei"],
        project=world.projects["other_published"],
        decided_on=date(2024, 5, 1),
        persons=3,
        measure=Measure.EDUCATION,
    )
    assert world.other_campaign is not None
    values = recorded_figures([_campaign(world), world.other_campaign])
    assert values[_campaign(world).pk]["persons_handled"] == 0
    assert values[world.other_campaign.pk]["persons_handled"] == 3


def test_institutions_of_its_projects_and_problems(world: World) -> None:
    problem = problem_in(world, "rectifying")
    Institution.objects.create(
        organization=world.orgs["dh_jiaoyu"], title="采购办法", project=world.projects["published"]
    )
    by_problem = Institution.objects.create(organization=world.orgs["dh_jiaoyu"], title="公示制度")
    by_problem.problems.set([problem, problem_in(world, "closed")])  # counted once
    Institution.objects.create(organization=world.orgs["pt_minzheng"], title="无关制度")

    assert recorded_for(_campaign(world))["institutions"] == 2


@pytest.mark.parametrize(
    "code",
    [
        f.code
        for f in REGISTRY
        if f.code
        not in ("cases", "persons_handled", "sanctions", "funds_recovered", "units_involved")
    ],
)
def test_a_counted_figure_is_the_number_of_its_records(world: World, code: str) -> None:
    problem_in(world, "closed")
    problem_in(world, "rectifying", project=None)
    Inspection.objects.create(
        commission=world.orgs["dh_jiwei"], date=date(2024, 6, 1), kind=InspectionKind.ONSITE
    )
    figure = FIGURES[code]
    assert recorded_for(_campaign(world))[code] == figure.records_of(_campaign(world)).count()
    assert Project.objects.exists()
