from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from django.http import Http404

from conftest import World
from kaimen.insights.models import LeagueTablePolicy
from kaimen.insights.selectors.league import league_table_for, league_table_public
from kaimen.insights.tests.factories import TODAY, second_citizen, supervision_world
from kaimen.participation.models import Evaluation


def test_the_june_league_table_ranks_the_districts_units(world: World) -> None:
    supervision_world(world)
    Evaluation.objects.create(
        project=world.projects["published"], citizen=world.users["citizen"], rating="satisfied"
    )
    Evaluation.objects.create(
        project=world.projects["published"], citizen=second_citizen(), rating="dissatisfied"
    )
    Evaluation.objects.update(created_at=datetime(2024, 6, 1, tzinfo=UTC))
    table = league_table_for(
        user=world.users["viewer"],
        commission_pk=world.orgs["dh_jiwei"].pk,
        month=date(2024, 6, 1),
        today=TODAY,
    )
    assert table.as_of == TODAY
    assert table.public is False
    rows = [
        (r.rank, r.unit, r.assigned_month, r.assigned_total, r.closed, r.closed_on_time, r.overdue)
        for r in table.rows
    ]
    # equal rectification rates (1 of 3): the unit without a red problem ranks first
    assert rows == [
        (1, "定海区公安分局", 1, 3, 1, 0, 1),
        (2, "定海区教育局", 1, 3, 1, 1, 2),
    ]
    assert table.rows[0].rectification_rate == Decimal("33.3")
    assert table.rows[1].satisfaction_rate == Decimal("50.0")
    assert table.rows[0].satisfaction_rate is None


def test_the_may_league_table_counts_up_to_the_months_end(world: World) -> None:
    supervision_world(world)
    table = league_table_for(
        user=world.users["supervisor"],
        commission_pk=world.orgs["dh_jiwei"].pk,
        month=date(2024, 5, 1),
        today=TODAY,
    )
    assert table.as_of == date(2024, 5, 31)
    # two problems each by May's end: fewer than the three a rank needs, so listed apart
    assert table.rows == []
    assert [
        (r.rank, r.unit, r.assigned_month, r.assigned_total, r.closed, r.overdue)
        for r in table.apart
    ] == [
        (None, "定海区公安分局", 2, 2, 1, 1),
        (None, "定海区教育局", 2, 2, 1, 1),
    ]


def test_the_city_league_table_covers_both_districts(world: World) -> None:
    supervision_world(world)
    table = league_table_for(
        user=world.users["city_admin"],
        commission_pk=world.orgs["zs_jiwei"].pk,
        month=date(2024, 6, 1),
        today=TODAY,
    )
    assert [r.unit for r in table.all_rows] == ["定海区公安分局", "定海区教育局", "普陀区民政局"]


@pytest.mark.parametrize("role", ["commission_admin_other", "unit_staff_lead", "citizen"])
def test_others_cannot_read_an_internal_league_table(world: World, role: str) -> None:
    with pytest.raises(Http404):
        league_table_for(
            user=world.users[role], commission_pk=world.orgs["dh_jiwei"].pk, month=date(2024, 6, 1)
        )


def test_a_league_table_is_public_only_when_the_commission_chose_so(world: World) -> None:
    supervision_world(world)
    commission = world.orgs["dh_jiwei"]
    with pytest.raises(Http404):
        league_table_public(commission_pk=commission.pk, month=date(2024, 6, 1), today=TODAY)
    LeagueTablePolicy.objects.create(commission=commission, visibility="public")
    table = league_table_public(commission_pk=commission.pk, month=date(2024, 6, 1), today=TODAY)
    assert [r.unit for r in table.rows] == ["定海区公安分局", "定海区教育局"]
    with pytest.raises(Http404):  # months to come are not published
        league_table_public(commission_pk=commission.pk, month=date(2024, 7, 1), today=TODAY)
