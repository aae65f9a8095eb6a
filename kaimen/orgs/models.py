from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kaimen.core.models import TimeStampedModel


class OrganizationKind(models.TextChoices):
    REGION = "region", _("行政区")  # a jurisdiction node: 浙江省, 舟山市, 定海区 …
    COMMISSION = "commission", _("纪委监委")
    DEPARTMENT = "department", _("职能部门")
    TOWN = "town", _("乡镇（街道）")
    VILLAGE = "village", _("村")
    COMMUNITY = "community", _("社区")
    COMPANY = "company", _("企业")
    OTHER = "other", _("其他")


class Level(models.TextChoices):
    PROVINCE = "province", _("省级")
    CITY = "city", _("市级")
    COUNTY = "county", _("县（区）级")
    TOWN = "town", _("乡镇（街道）级")
    VILLAGE = "village", _("村（社区）级")
    GRID = "grid", _("网格")


class Organization(TimeStampedModel):
    """A node of the jurisdiction tree: a region, or a body within one.

    A commission acts on the subtree of the region it sits in; `path` (the chain of ids from the
    root, e.g. "1/4/9/") makes that subtree one indexed prefix query on any database.
    """

    name = models.CharField(_("名称"), max_length=100)
    short_name = models.CharField(_("简称"), max_length=50, blank=True)
    kind = models.CharField(_("类型"), max_length=20, choices=OrganizationKind.choices)
    level = models.CharField(_("层级"), max_length=20, choices=Level.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("上级"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    region_code = models.CharField(_("行政区划代码"), max_length=12, blank=True, db_index=True)
    # A town's centre: a report with a position goes to the town whose centre is nearest.
    centre_lat = models.DecimalField(
        _("中心纬度"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    centre_long = models.DecimalField(
        _("中心经度"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    path = models.CharField(max_length=255, editable=False, db_index=True)

    class Meta:
        verbose_name = _("组织")
        verbose_name_plural = _("组织")
        ordering = ["path"]
        constraints = [
            models.UniqueConstraint(fields=["parent", "name"], name="org_unique_name_per_parent"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def display_name(self) -> str:
        return self.short_name or self.name

    @property
    def jurisdiction_path(self) -> str:
        """The subtree a commission of this organization watches: its region's."""
        if self.kind == OrganizationKind.REGION or self.parent_id is None:
            return self.path
        return self.path.rsplit("/", 2)[0] + "/"


class Role(models.TextChoices):
    COMMISSION_ADMIN = "commission_admin", _("纪委监委管理员")
    SUPERVISOR = "supervisor", _("监督检查人员")
    UNIT_ADMIN = "unit_admin", _("单位管理员")
    UNIT_STAFF = "unit_staff", _("单位工作人员")
    VIEWER = "viewer", _("领导查阅")


COMMISSION_ROLES = frozenset({Role.COMMISSION_ADMIN, Role.SUPERVISOR, Role.VIEWER})
UNIT_ROLES = frozenset({Role.UNIT_ADMIN, Role.UNIT_STAFF})


class Membership(TimeStampedModel):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="memberships"
    )
    role = models.CharField(_("角色"), max_length=20, choices=Role.choices)

    class Meta:
        verbose_name = _("成员")
        verbose_name_plural = _("成员")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organization", "role"], name="membership_unique_role"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.organization} · {self.get_role_display()}"
