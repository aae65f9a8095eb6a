"""The demo's people and places: 浙江省 → 舟山市 → 定海区 / 普陀区, their bodies and the logins.

Everything here is created only when missing, so loading the demo again changes nothing. The
campaigns are loaded by `manage.py load_demo` (from the seed announcements, through the
importer).
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from kaimen.accounts.models import User, UserKind
from kaimen.orgs.models import Level, Membership, Organization, OrganizationKind, Role
from kaimen.orgs.services import organization_get_or_create

DEMO_PASSWORD = "kaimen-demo"  # noqa: S105  (published demo password, see README)

# The lead units the three 定海 announcements (2022–2024) name, by their full names
# (the announcements write "区教育局", "市生态环境局定海分局" …; the importer maps those here).
DINGHAI_UNITS = (
    "定海区发改局",
    "定海区教育局",
    "定海区公安分局",
    "定海区民政局",
    "定海区人力社保局",
    "定海区住建局",
    "定海区农业农村局",
    "定海区卫生健康局",
    "定海区医保局",
    "定海区综合行政执法局",
    "定海区“菜篮子”领导小组办公室",
    "舟山市自然资源和规划局定海分局",
    "舟山市生态环境局定海分局",
    "舟山市市场监管局定海分局",
)
# Towns and streets of 定海区, with one community each.
DINGHAI_TOWNS = (
    ("昌国街道", OrganizationKind.TOWN, "檀枫社区"),
    ("盐仓街道", OrganizationKind.TOWN, "盐仓社区"),
    ("白泉镇", OrganizationKind.TOWN, "白泉社区"),
)
# 行政区划代码: the province's, the city's and the districts' are the real codes; the towns' codes
# and centres (latitude, longitude) are demo values, not checked against the statistics bureau's
# list — an administrator edits them in the admin (组织 → 行政区划代码, 中心纬度/经度).
REGION_CODES = {"浙江省": "330000", "舟山市": "330900", "定海区": "330902", "普陀区": "330903"}
TOWN_PLACES = {
    "昌国街道": ("330902002", (Decimal("30.016000"), Decimal("122.107000"))),
    "盐仓街道": ("330902005", (Decimal("30.003000"), Decimal("122.064000"))),
    "白泉镇": ("330902101", (Decimal("30.063000"), Decimal("122.187000"))),
}


@dataclass(frozen=True)
class DemoLogin:
    username: str
    display_name: str
    organization: str | None  # None: no membership (superuser, citizens)
    role: Role | None
    sees: str
    kind: UserKind = UserKind.STAFF
    superuser: bool = False

    @property
    def role_label(self) -> str:
        if self.superuser:
            return "超级管理员"
        if self.role is None:
            return "群众"
        return str(self.role.label)


DEMO_LOGINS = (
    DemoLogin("admin", "系统管理员", None, None, "全部数据；Django 管理后台", superuser=True),
    DemoLogin(
        "dh-jiwei",
        "定海区纪委监委管理员",
        "定海区纪委监委",
        Role.COMMISSION_ADMIN,
        "定海区全部专项治理和项目（含未公布的）；建年度专项、定项目、导入历史公告",
    ),
    DemoLogin(
        "dh-jiancha",
        "定海区纪委监委监督检查室",
        "定海区纪委监委",
        Role.SUPERVISOR,
        "定海区全部专项治理和项目；监督检查",
    ),
    DemoLogin(
        "dh-jiaoyu",
        "定海区教育局",
        "定海区教育局",
        Role.UNIT_ADMIN,
        "教育局牵头的项目（含本年度进行中的）和已公布的内容；填报目标、月报、成果",
    ),
    DemoLogin(
        "dh-gongan",
        "定海区公安分局",
        "定海区公安分局",
        Role.UNIT_STAFF,
        "公安分局牵头的项目（含本年度进行中的）和已公布的内容；填报",
    ),
    DemoLogin(
        "zs-jiwei",
        "舟山市纪委监委管理员",
        "舟山市纪委监委",
        Role.COMMISSION_ADMIN,
        "舟山市下定海区、普陀区的全部专项治理和项目",
    ),
    DemoLogin(
        "pt-jiwei",
        "普陀区纪委监委管理员",
        "普陀区纪委监委",
        Role.COMMISSION_ADMIN,
        "普陀区的全部内容；定海区只看已公布的",
    ),
    DemoLogin("citizen1", "群众甲", None, None, "已公布的内容", kind=UserKind.CITIZEN),
    DemoLogin("citizen2", "群众乙", None, None, "已公布的内容", kind=UserKind.CITIZEN),
)


@dataclass
class DemoWorld:
    orgs: dict[str, Organization]
    users: dict[str, User]


def _org(
    orgs: dict[str, Organization],
    name: str,
    kind: OrganizationKind,
    level: Level,
    parent: Organization | None,
) -> Organization:
    code, centre = TOWN_PLACES.get(name, (REGION_CODES.get(name, ""), None))
    org, _created = organization_get_or_create(
        name=name, kind=kind, level=level, parent=parent, region_code=code, centre=centre
    )
    orgs[name] = org
    return org


@transaction.atomic
def demo_organizations() -> dict[str, Organization]:
    """The jurisdiction tree of the demo (created when missing), by name."""
    orgs: dict[str, Organization] = {}
    region, commission, department = (
        OrganizationKind.REGION,
        OrganizationKind.COMMISSION,
        OrganizationKind.DEPARTMENT,
    )
    zhejiang = _org(orgs, "浙江省", region, Level.PROVINCE, None)
    zhoushan = _org(orgs, "舟山市", region, Level.CITY, zhejiang)
    _org(orgs, "舟山市纪委监委", commission, Level.CITY, zhoushan)
    dinghai = _org(orgs, "定海区", region, Level.COUNTY, zhoushan)
    _org(orgs, "定海区纪委监委", commission, Level.COUNTY, dinghai)
    for name in DINGHAI_UNITS:
        _org(orgs, name, department, Level.COUNTY, dinghai)
    for town_name, kind, community_name in DINGHAI_TOWNS:
        town = _org(orgs, town_name, kind, Level.TOWN, dinghai)
        _org(orgs, community_name, OrganizationKind.COMMUNITY, Level.VILLAGE, town)
    putuo = _org(orgs, "普陀区", region, Level.COUNTY, zhoushan)
    _org(orgs, "普陀区纪委监委", commission, Level.COUNTY, putuo)
    _org(orgs, "普陀区民政局", department, Level.COUNTY, putuo)
    return orgs


@transaction.atomic
def demo_users(orgs: dict[str, Organization]) -> dict[str, User]:
    """The demo logins (password `kaimen-demo`) and their memberships, created when missing."""
    users: dict[str, User] = {}
    for login in DEMO_LOGINS:
        user = User.objects.filter(username=login.username).first()
        if user is None:
            user = User(
                username=login.username,
                display_name=login.display_name,
                kind=login.kind,
                is_superuser=login.superuser,
                is_staff=login.superuser,
            )
            user.set_password(DEMO_PASSWORD)
            user.save()
        if login.organization and login.role:
            Membership.objects.get_or_create(
                user=user, organization=orgs[login.organization], role=login.role
            )
        users[login.username] = user
    return users


def demo_world() -> DemoWorld:
    orgs = demo_organizations()
    return DemoWorld(orgs=orgs, users=demo_users(orgs))


def running_year(today: date | None = None) -> int:
    """The year the demo runs in Kaimen: the current one. Earlier years (2022–2024) are imported
    history whose figures stand as announced; the running year's figures come from its records."""
    return (today or timezone.localdate()).year
