"""Each supervision rule per role of the test world."""

from typing import Any

import pytest

from conftest import World
from kaimen.supervision.models import AccountabilityRecord, Inspection, InspectionKind, Measure
from kaimen.supervision.tests.factories import TODAY, file_problem

ROLES = (
    "unit_staff_lead",
    "unit_admin_lead",
    "unit_staff_other",
    "supervisor",
    "commission_admin",
    "commission_admin_other",
    "viewer",
    "city_admin",
    "citizen",
)


def _holders(world: World, perm: str, obj: Any) -> set[str]:
    return {role for role in ROLES if world.users[role].has_perm(perm, obj)}


def test_problem_rules(world: World) -> None:
    problem = file_problem(world)
    assert _holders(world, "supervision.view_problem", problem) == {
        "unit_staff_lead",
        "unit_admin_lead",
        "supervisor",
        "commission_admin",
        "viewer",
        "city_admin",
    }
    assert _holders(world, "supervision.manage_problem", problem) == {
        "supervisor",
        "commission_admin",
        "city_admin",
    }
    assert _holders(world, "supervision.rectify_problem", problem) == {
        "unit_staff_lead",
        "unit_admin_lead",
    }
    assert _holders(world, "supervision.list_problem", problem) == {
        "commission_admin",
        "city_admin",
    }


def test_filing_rules_per_commission(world: World) -> None:
    assert _holders(world, "supervision.add_problem", world.orgs["dh_jiwei"]) == {
        "supervisor",
        "commission_admin",
        "city_admin",
    }
    assert _holders(world, "supervision.add_problem", world.orgs["pt_jiwei"]) == {
        "commission_admin_other",
        "city_admin",
    }
    # only commissions file problems: not a unit, even for its own admin
    assert _holders(world, "supervision.add_problem", world.orgs["dh_jiaoyu"]) == set()


def test_units_never_see_inspections_or_accountability(world: World) -> None:
    inspection = Inspection.objects.create(
        commission=world.orgs["dh_jiwei"], date=TODAY, kind=InspectionKind.ONSITE
    )
    inspection.inspected_units.add(world.orgs["dh_jiaoyu"])
    record = AccountabilityRecord.objects.create(
        commission=world.orgs["dh_jiwei"],
        decided_on=TODAY,
        persons=2,
        measure=Measure.EDUCATION,
        project=world.projects["in_progress"],
    )
    commission = {"supervisor", "commission_admin", "viewer", "city_admin"}
    assert _holders(world, "supervision.view_inspection", inspection) == commission
    assert _holders(world, "supervision.view_accountability", record) == commission
    assert _holders(world, "supervision.add_accountability", world.orgs["dh_jiwei"]) == {
        "supervisor",
        "commission_admin",
        "city_admin",
    }


def test_policies_are_set_by_commission_admins(world: World) -> None:
    assert _holders(world, "supervision.change_policy", world.orgs["dh_jiwei"]) == {
        "commission_admin",
        "city_admin",
    }


@pytest.mark.parametrize("role", ["unit_staff_other", "commission_admin_other", "citizen"])
def test_outsiders_hold_nothing_on_a_problem(world: World, role: str) -> None:
    problem = file_problem(world)
    perms = [
        "supervision.view_problem",
        "supervision.manage_problem",
        "supervision.rectify_problem",
        "supervision.list_problem",
    ]
    assert [p for p in perms if world.users[role].has_perm(p, problem)] == []
