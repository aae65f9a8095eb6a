from conftest import World
from kaimen.orgs.models import Level, OrganizationKind
from kaimen.orgs.selectors import organizations_administered_by, unit_choices_for
from kaimen.orgs.services import organization_create


def test_unit_choices_are_the_jurisdictions_lead_bodies_by_kind_then_name(world: World) -> None:
    # given a street with a community, a company and another body in 定海区
    district = world.orgs["dinghai"]
    street = organization_create(
        name="昌国街道", kind=OrganizationKind.TOWN, level=Level.TOWN, parent=district
    )
    organization_create(
        name="东管庙社区", kind=OrganizationKind.COMMUNITY, level=Level.VILLAGE, parent=street
    )
    organization_create(
        name="干石村", kind=OrganizationKind.VILLAGE, level=Level.VILLAGE, parent=street
    )
    organization_create(
        name="定海水务集团", kind=OrganizationKind.COMPANY, level=Level.COUNTY, parent=district
    )
    organization_create(
        name="定海区红十字会", kind=OrganizationKind.OTHER, level=Level.COUNTY, parent=district
    )

    # when
    names = [o.name for o in unit_choices_for(user=world.users["commission_admin"])]

    # then: departments, towns, companies, others; no region, commission, village or community
    assert names == [
        "定海区公安分局",
        "定海区教育局",
        "昌国街道",
        "定海水务集团",
        "定海区红十字会",
    ]


def test_the_commission_stays_among_the_administered_organizations(world: World) -> None:
    administered = organizations_administered_by(user=world.users["commission_admin"])

    assert world.orgs["dh_jiwei"] in administered
    assert world.orgs["dinghai"] not in administered
    assert world.orgs["pt_minzheng"] not in administered


def test_a_unit_user_has_no_unit_choices(world: World) -> None:
    assert list(unit_choices_for(user=world.users["unit_staff_lead"])) == []
