"""Load the demo: places, logins, 定海's 2022–2024 campaigns from the seed announcements (through
the importer), 定海's campaign of the running year (the current one, run in Kaimen) and a small
普陀 2024 campaign. Idempotent."""

import os
import time
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from kaimen.accounts.models import User
from kaimen.campaigns.imports import announcement_import, announcement_to_json
from kaimen.campaigns.models import Campaign, Project
from kaimen.campaigns.services import (
    OutcomeData,
    TargetData,
    campaign_create,
    campaign_transition,
    progress_report_submit,
    project_create,
    project_outcomes_save,
    project_transition,
    project_update,
)
from kaimen.campaigns.themes import theme_for_title
from kaimen.core.errors import ApplicationError
from kaimen.demo.participation import load_participation_demo
from kaimen.demo.publication import demo_announcements_publish, demo_running_draft
from kaimen.demo.reports import load_reports_demo
from kaimen.demo.supervision import load_supervision_demo
from kaimen.demo.tours import load_tour_demo
from kaimen.demo.world import demo_world, running_year
from kaimen.importer import AnnouncementInputError, decode_bytes, parse_announcement
from kaimen.orgs.models import Organization

# Seed file prefix → the year it announces (the seeds are the real 定海 announcements).
SEED_FILES = (("001_", 2022), ("002_", 2023), ("000_", 2024))
CAMPAIGN_TITLE = "漠视侵害群众利益问题专项治理"


def seeds_dir() -> Path:
    configured = os.environ.get("KAIMEN_SEEDS_DIR")
    return Path(configured) if configured else settings.BASE_DIR.parent / "shared" / "seeds"


def seed_path(prefix: str) -> Path | None:
    return next(iter(sorted(seeds_dir().glob(f"{prefix}*.txt"))), None)


class Command(BaseCommand):
    help = "载入演示数据（可重复执行）。Load the demo data (safe to run again)."

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.monotonic()
        world = demo_world()
        admin = world.users["admin"]
        orgs = world.orgs
        try:
            for prefix, year in SEED_FILES:
                self._import_seed(admin, orgs["定海区纪委监委"], prefix, year)
            _dinghai_running(admin, orgs)
            _putuo_2024(admin, orgs)
            load_supervision_demo(world.users, orgs)
            load_participation_demo(admin=admin, users=world.users, orgs=orgs)
            demo_announcements_publish(actor=admin)
            demo_running_draft(actor=admin)
            load_tour_demo(admin=admin, orgs=orgs)
            load_reports_demo(users=world.users, orgs=orgs)
        except ApplicationError as error:
            raise CommandError(error.message) from None
        self.stdout.write(
            self.style.SUCCESS(f"演示数据已就绪（{time.monotonic() - started:.1f} 秒）。")
        )

    def _import_seed(self, admin: User, issuer: Organization, prefix: str, year: int) -> None:
        path = seed_path(prefix)
        if path is None:
            self.stderr.write(
                f"未找到种子公告 {prefix}*.txt（{seeds_dir()}），跳过 {year} 年。"
                " 可用环境变量 KAIMEN_SEEDS_DIR 指定目录。"
            )
            return
        try:
            parsed = parse_announcement(decode_bytes(path.read_bytes()))
        except AnnouncementInputError as error:
            raise CommandError(f"{path.name}: {error}") from None
        data = announcement_to_json(parsed)
        data["year"] = data.get("year") or year
        plan = announcement_import(
            actor=admin,
            issuer=issuer,
            parsed=data,
            create_orgs=True,
            dry_run=False,
            allow_update=True,
        )
        verb = "已导入" if plan.applied else "已存在"
        self.stdout.write(
            f"{verb} {year} 年定海区专项治理（{plan.project_count} 个项目，{path.name}）"
        )


def _project(
    admin: User,
    campaign: Campaign,
    title: str,
    units: list[Organization],
    steps: tuple[str, ...] = (),
) -> Project:
    project = project_create(
        actor=admin, campaign=campaign, title=title, lead_units=units, theme=theme_for_title(title)
    )
    for action in steps:
        project = project_transition(actor=admin, project=project, action=action)
    return project


def _answer(
    admin: User,
    project: Project,
    goal: str,
    targets: list[TargetData],
    reports: list[tuple[date, str, str]],
) -> Project:
    project = project_update(
        actor=admin, project=project, version=project.version, goal=goal, targets=targets
    )
    for month, body, next_steps in {r[0]: r for r in reports}.values():  # one report a month
        progress_report_submit(
            actor=admin, project=project, month=month, body=body, next_steps=next_steps
        )
    project.refresh_from_db()
    return project


def _target(label: str, value: int, unit: str, actual: int | None = None) -> TargetData:
    return TargetData(
        label=label,
        comparator="ge",
        target_value=Decimal(value),
        unit=unit,
        actual_value=None if actual is None else Decimal(actual),
    )


def _months_ago(n: int) -> date:
    """The first day of the month n months before this one, kept inside the running year (a
    demo loaded in January reports January)."""
    today = timezone.localdate()
    index = max(today.year * 12 + today.month - 1 - n, today.year * 12)
    return date(index // 12, index % 12 + 1, 1)


@transaction.atomic
def _dinghai_running(admin: User, orgs: dict[str, Organization]) -> None:
    """The running year's campaign: projects approved or in progress, with goals, targets and
    monthly reports of the months just past."""
    issuer, year = orgs["定海区纪委监委"], running_year()
    if Campaign.objects.filter(issuer=issuer, year=year).exists():
        return
    campaign = campaign_create(actor=admin, issuer=issuer, year=year, title=CAMPAIGN_TITLE)
    campaign_transition(actor=admin, campaign=campaign, action="start")
    education, police = orgs["定海区教育局"], orgs["定海区公安分局"]
    fees = _project(
        admin,
        campaign,
        "校外培训机构预收费监管问题专项治理",
        [education],
        ("approve", "start"),
    )
    _answer(
        admin,
        fees,
        "聚焦校外培训机构预收费资金监管不到位、退费难等问题，实现预收费资金全部纳入监管。",
        [
            _target("纳入资金监管的校外培训机构", 45, "家", 38),
            _target("开展联合检查", 12, "次", 7),
            _target("群众满意度", 90, "%"),
        ],
        [
            (_months_ago(3), "完成全区校外培训机构摸底，建立台账45家。", "开展第一轮联合检查。"),
            (
                _months_ago(2),
                "联合市场监管部门检查机构7次，督促整改问题5个。",
                "推进资金监管全覆盖。",
            ),
        ],
    )
    fraud = _project(admin, campaign, "电信网络诈骗专项治理", [police], ("approve", "start"))
    _answer(
        admin,
        fraud,
        "以《反电信网络诈骗法》为遵循，坚持打防并举，电信网络诈骗发案数、损失数同比下降。",
        [
            _target("抓获涉诈犯罪嫌疑人", 150, "人", 96),
            _target("开展反诈宣传", 200, "场", 134),
        ],
        [
            (
                _months_ago(2),
                "抓获涉诈犯罪嫌疑人52人，开展反诈宣传进社区68场。",
                "开展集中收网行动。",
            ),
            (_months_ago(1), "抓获涉诈犯罪嫌疑人44人，开展反诈宣传66场。", "深化预警劝阻。"),
        ],
    )
    _project(
        admin,
        campaign,
        "中小学校园周边交通安全问题专项治理",
        [education, police],
        ("approve",),
    )
    _project(admin, campaign, "农村供水保障问题专项治理", [orgs["定海区农业农村局"]])


@transaction.atomic
def _putuo_2024(admin: User, orgs: dict[str, Organization]) -> None:
    """A small 普陀 campaign: one project published, one still in progress."""
    issuer = orgs["普陀区纪委监委"]
    if Campaign.objects.filter(issuer=issuer, year=2024).exists():
        return
    campaign = campaign_create(actor=admin, issuer=issuer, year=2024, title=CAMPAIGN_TITLE)
    campaign_transition(actor=admin, campaign=campaign, action="start")
    civil = orgs["普陀区民政局"]
    relief = _project(
        admin, campaign, "困难群众救助补助资金发放问题专项治理", [civil], ("approve", "start")
    )
    relief = _answer(
        admin,
        relief,
        "确保救助补助资金足额及时发放，杜绝优亲厚友、违规享受。",
        [_target("核查救助对象", 3000, "户", 3216)],
        [(date(2024, 6, 1), "完成救助对象全面核查3216户。", "清退违规享受资金。")],
    )
    relief = project_outcomes_save(
        actor=admin,
        project=relief,
        version=relief.version,
        outcomes=[
            OutcomeData(
                "全面排查，摸清底数", "核查救助对象3216户，发现问题线索12条，清退违规资金18.6万元。"
            ),
            OutcomeData("建章立制，长效管理", "出台救助资金发放管理办法2项，群众满意度达到95%。"),
        ],
    )
    relief = project_transition(actor=admin, project=relief, action="submit_outcomes")
    project_transition(actor=admin, project=relief, action="publish")
    elderly = _project(
        admin, campaign, "养老服务补贴发放问题专项治理", [civil], ("approve", "start")
    )
    _answer(
        admin,
        elderly,
        "规范养老服务补贴申领、审核和发放，确保补贴精准到人。",
        [_target("补贴对象复核", 1500, "人", 640)],
        [(date(2024, 7, 1), "复核养老服务补贴对象640人。", "完成全部复核。")],
    )
