"""The organizations a user may act for are the ones the rules allow, and the sides of the
house a user works on come from the permission layer, not from roles read in pages."""

from conftest import World
from kaimen.orgs.permissions import ADMINISTER_JURISDICTION, WATCH_JURISDICTION
from kaimen.orgs.selectors import organizations_for


def _names(world: World, user: str, perm: str) -> list[str]:
    return [org.name for org in organizations_for(user=world.users[user], perm=perm)]


def test_the_choices_are_what_the_rule_allows(world: World) -> None:
    dinghai, putuo, city = (world.orgs[k] for k in ("dh_jiwei", "pt_jiwei", "zs_jiwei"))

    assert _names(world, "commission_admin", "campaigns.add_campaign") == [dinghai.name]
    # a city commission admin administers the districts' commissions too (subtree)
    assert set(_names(world, "city_admin", "campaigns.add_campaign")) == {
        city.name,
        dinghai.name,
        putuo.name,
    }
    assert _names(world, "supervisor", "campaigns.add_campaign") == []
    assert _names(world, "unit_admin_lead", "campaigns.add_campaign") == []
    for name in ("commission_admin", "city_admin"):
        user = world.users[name]
        for org in organizations_for(user=user, perm="campaigns.add_campaign"):
            assert user.has_perm("campaigns.add_campaign", org)


def test_the_sides_of_the_house(world: World) -> None:
    watches = {name for name, user in world.users.items() if user.has_perm(WATCH_JURISDICTION)}
    administers = {
        name for name, user in world.users.items() if user.has_perm(ADMINISTER_JURISDICTION)
    }

    assert watches == {
        "supervisor",
        "commission_admin",
        "commission_admin_other",
        "viewer",
        "city_admin",
    }
    assert administers == {"commission_admin", "commission_admin_other", "city_admin"}
