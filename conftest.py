"""Shared fixtures: a small world of the jurisdiction tree, one user per role, a campaign.

`world` mirrors the demo's shape (定海区 and 普陀区 under 舟山市) at a fraction of its size, so
scope rules can be tested against the same relations the demo shows.
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.core.cache import caches
from django.test import Client
from django.utils import translation

from kaimen.accounts.models import User, UserKind
from kaimen.campaigns.models import Campaign, CampaignState, Project, ProjectLeadUnit, ProjectState
from kaimen.orgs.models import Level, Membership, Organization, OrganizationKind, Role
from kaimen.orgs.services import organization_create

# The roles of the access matrix (issue: foundation, item 2).
ROLES = (
    "anonymous",
    "citizen",
    "unit_staff_lead",
    "unit_staff_other",
    "supervisor",
    "commission_admin",
    "commission_admin_other",
    "viewer",
)


@dataclass
class World:
    orgs: dict[str, Organization] = field(default_factory=dict)
    users: dict[str, User] = field(default_factory=dict)
    campaign: Campaign | None = None
    other_campaign: Campaign | None = None
    projects: dict[str, Project] = field(default_factory=dict)

    def client_for(self, role: str) -> Client:
        client = Client()
        if role != "anonymous":
            client.force_login(self.users[role])
        return client


def statements_of(captured: list[dict[str, str]]) -> list[str]:
    """Captured queries as 'VERB first_table' ('INSERT timeline_event'), without the savepoints
    that stand for the write's own transaction inside a test's."""
    found = []
    for query in captured:
        sql = query["sql"]
        if sql.startswith(("SAVEPOINT", "RELEASE SAVEPOINT")):
            continue
        table = re.search(r'(?:FROM|INTO|UPDATE) "?(\w+)"?', sql)
        found.append(f"{sql.split()[0]} {table.group(1) if table else '?'}")
    return found


def make_user(username: str, *, kind: str = UserKind.STAFF, **extra: Any) -> User:
    user = User(username=username, kind=kind, **extra)
    user.set_password("kaimen-test")
    user.save()
    return user


def make_project(
    campaign: Campaign, position: int, title: str, state: str, units: list[Organization]
) -> Project:
    project = Project.objects.create(
        campaign=campaign, position=position, title=title, state=state, goal=f"{title}的治理目标"
    )
    for index, unit in enumerate(units, start=1):
        ProjectLeadUnit.objects.create(project=project, organization=unit, position=index)
    return project


def build_world() -> World:
    w = World()
    org = organization_create
    w.orgs["zhejiang"] = org(name="浙江省", kind=OrganizationKind.REGION, level=Level.PROVINCE)
    w.orgs["zhoushan"] = org(
        name="舟山市", kind=OrganizationKind.REGION, level=Level.CITY, parent=w.orgs["zhejiang"]
    )
    w.orgs["zs_jiwei"] = org(
        name="舟山市纪委监委",
        kind=OrganizationKind.COMMISSION,
        level=Level.CITY,
        parent=w.orgs["zhoushan"],
    )
    for key, name in (("dinghai", "定海区"), ("putuo", "普陀区")):
        w.orgs[key] = org(
            name=name, kind=OrganizationKind.REGION, level=Level.COUNTY, parent=w.orgs["zhoushan"]
        )
    w.orgs["dh_jiwei"] = org(
        name="定海区纪委监委",
        kind=OrganizationKind.COMMISSION,
        level=Level.COUNTY,
        parent=w.orgs["dinghai"],
    )
    w.orgs["dh_jiaoyu"] = org(
        name="定海区教育局",
        kind=OrganizationKind.DEPARTMENT,
        level=Level.COUNTY,
        parent=w.orgs["dinghai"],
    )
    w.orgs["dh_gongan"] = org(
        name="定海区公安分局",
        kind=OrganizationKind.DEPARTMENT,
        level=Level.COUNTY,
        parent=w.orgs["dinghai"],
    )
    w.orgs["pt_jiwei"] = org(
        name="普陀区纪委监委",
        kind=OrganizationKind.COMMISSION,
        level=Level.COUNTY,
        parent=w.orgs["putuo"],
    )
    w.orgs["pt_minzheng"] = org(
        name="普陀区民政局",
        kind=OrganizationKind.DEPARTMENT,
        level=Level.COUNTY,
        parent=w.orgs["putuo"],
    )

    memberships = {
        "unit_staff_lead": ("dh_jiaoyu", Role.UNIT_STAFF),
        "unit_admin_lead": ("dh_jiaoyu", Role.UNIT_ADMIN),
        "unit_staff_other": ("dh_gongan", Role.UNIT_STAFF),
        "supervisor": ("dh_jiwei", Role.SUPERVISOR),
        "commission_admin": ("dh_jiwei", Role.COMMISSION_ADMIN),
        "commission_admin_other": ("pt_jiwei", Role.COMMISSION_ADMIN),
        "viewer": ("dh_jiwei", Role.VIEWER),
        "city_admin": ("zs_jiwei", Role.COMMISSION_ADMIN),
    }
    for role, (org_key, membership_role) in memberships.items():
        w.users[role] = make_user(role)
        Membership.objects.create(
            user=w.users[role], organization=w.orgs[org_key], role=membership_role
        )
    w.users["citizen"] = make_user("citizen", kind=UserKind.CITIZEN)

    w.campaign = Campaign.objects.create(
        issuer=w.orgs["dh_jiwei"],
        year=2024,
        title="漠视侵害群众利益问题专项治理",
        state=CampaignState.RUNNING,
    )
    w.projects["published"] = make_project(
        w.campaign,
        1,
        "中小学非教育教学事务进校园问题专项治理",
        ProjectState.PUBLISHED,
        [w.orgs["dh_jiaoyu"]],
    )
    w.projects["in_progress"] = make_project(
        w.campaign,
        2,
        "中小学校食堂采购问题专项治理",
        ProjectState.IN_PROGRESS,
        [w.orgs["dh_jiaoyu"]],
    )
    w.projects["draft"] = make_project(
        w.campaign, 3, "电信网络诈骗专项治理", ProjectState.DRAFT, [w.orgs["dh_gongan"]]
    )
    w.other_campaign = Campaign.objects.create(
        issuer=w.orgs["pt_jiwei"], year=2024, title="普陀区专项治理", state=CampaignState.RUNNING
    )
    w.projects["other_published"] = make_project(
        w.other_campaign,
        1,
        "养老服务补贴发放问题专项治理",
        ProjectState.PUBLISHED,
        [w.orgs["pt_minzheng"]],
    )
    w.projects["other_in_progress"] = make_project(
        w.other_campaign,
        2,
        "农村集体三资管理问题专项治理",
        ProjectState.IN_PROGRESS,
        [w.orgs["pt_minzheng"]],
    )
    return w


@pytest.fixture
def world(db: None) -> World:
    return build_world()


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings: Any) -> None:
    """Argon2 is deliberately slow; tests that check hashing ask for it explicitly."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _no_public_page_cache(settings: Any) -> None:
    """Tests change records directly and read pages again; the page cache has its own tests."""
    settings.KAIMEN_PUBLIC_CACHE_URLS = frozenset()


@pytest.fixture(autouse=True)
def _default_language() -> Iterator[None]:
    """A request in English leaves English active in the thread; give every test Chinese."""
    yield
    translation.activate(django_settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    """Login throttling and rate limits count in the cache; start every test from zero."""
    for cache in caches.all():
        cache.clear()
