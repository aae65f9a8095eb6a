"""The campaign rules, role by role, through `user.has_perm(perm, obj)`."""

import pytest
from django.db.models import Model

from conftest import World
from kaimen.campaigns.models import Project, ProjectState

ROLES = (
    "commission_admin",
    "city_admin",
    "supervisor",
    "viewer",
    "unit_staff_lead",
    "unit_admin_lead",
    "unit_staff_other",
    "commission_admin_other",
    "citizen",
)


def _holders(world: World, perm: str, obj: Model | None) -> set[str]:
    return {role for role in ROLES if world.users[role].has_perm(perm, obj)}


def test_add_campaign_under_the_commission_one_administers(world: World) -> None:
    assert _holders(world, "campaigns.add_campaign", world.orgs["dh_jiwei"]) == {
        "commission_admin",
        "city_admin",
    }
    assert _holders(world, "campaigns.add_campaign", world.orgs["pt_jiwei"]) == {
        "commission_admin_other",
        "city_admin",
    }


def test_add_campaign_only_under_a_commission(world: World) -> None:
    assert _holders(world, "campaigns.add_campaign", world.orgs["dh_jiaoyu"]) == set()


def test_import_follows_add_campaign(world: World) -> None:
    assert _holders(world, "campaigns.import_announcement", world.orgs["dh_jiwei"]) == {
        "commission_admin",
        "city_admin",
    }


def test_change_campaign(world: World) -> None:
    assert _holders(world, "campaigns.change_campaign", world.campaign) == {
        "commission_admin",
        "city_admin",
    }


def test_view_internal_project(world: World) -> None:
    assert _holders(world, "campaigns.view_internal_project", world.projects["in_progress"]) == {
        "commission_admin",
        "city_admin",
        "supervisor",
        "viewer",
        "unit_staff_lead",
        "unit_admin_lead",
    }
    assert _holders(world, "campaigns.view_internal_project", world.projects["draft"]) == {
        "commission_admin",
        "city_admin",
        "supervisor",
        "viewer",
        "unit_staff_other",
    }


def test_manage_project(world: World) -> None:
    assert _holders(world, "campaigns.manage_project", world.projects["in_progress"]) == {
        "commission_admin",
        "city_admin",
    }
    assert _holders(world, "campaigns.manage_project", world.projects["other_in_progress"]) == {
        "commission_admin_other",
        "city_admin",
    }


def _in_state(world: World, state: str) -> Project:
    project = world.projects["in_progress"]
    project.state = state
    return project


@pytest.mark.parametrize(
    ("state", "holders"),
    [
        (ProjectState.DRAFT, {"commission_admin", "city_admin"}),
        (
            ProjectState.APPROVED,
            {"commission_admin", "city_admin", "unit_staff_lead", "unit_admin_lead"},
        ),
        (
            ProjectState.IN_PROGRESS,
            {"commission_admin", "city_admin", "unit_staff_lead", "unit_admin_lead"},
        ),
        (ProjectState.OUTCOMES_SUBMITTED, {"commission_admin", "city_admin"}),
        (ProjectState.PUBLISHED, set()),
        (ProjectState.CLOSED, set()),
    ],
)
def test_answer_project_by_state(world: World, state: str, holders: set[str]) -> None:
    assert _holders(world, "campaigns.answer_project", _in_state(world, state)) == holders


def test_inactive_user_holds_nothing(world: World) -> None:
    admin = world.users["commission_admin"]
    admin.is_active = False

    assert not admin.has_perm("campaigns.change_campaign", world.campaign)
