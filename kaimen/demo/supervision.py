"""The demo's supervision (纪委监督) by 定海区纪委监委, through the services: inspections of several
kinds in 2024 and 2025, problems in every state and every warning colour (deadlines set against
today with the working-day calendar, so the colours really show), listed problems, a closed one
whose look-back is due, a reopened one, accountability records, institutions, and the letters
the nightly escalation sends. `dh-jiancha` and `dh-jiaoyu` both find work waiting.

Idempotent: nothing is added when the demo's first inspection exists.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from kaimen.accounts.models import User
from kaimen.campaigns.models import Project
from kaimen.core.calendar import add_workdays
from kaimen.orgs.models import Organization
from kaimen.supervision.models import (
    Inspection,
    InspectionKind,
    Measure,
    Problem,
    Severity,
)
from kaimen.supervision.services.accountability import accountability_record_create
from kaimen.supervision.services.escalation import warnings_send
from kaimen.supervision.services.filing import ProblemData, inspection_create, problem_create
from kaimen.supervision.services.institutions import institution_create
from kaimen.supervision.services.lookbacks import problem_lookback
from kaimen.supervision.services.problems import problem_transition

MARKER = "demo:supervision"


@dataclass(frozen=True)
class Item:
    """One problem of an inspection and the state it is brought to."""

    unit: str
    description: str
    deadline: date
    goal: str  # open, notified, rectifying, submitted, returned, closed, lookback_due, reopened,
    # basically_done, long_term, extension, listed
    severity: str = Severity.GENERAL
    listed_deadline: date | None = None


def _project(year: int, unit: Organization) -> Project | None:
    """The unit's project in 定海's campaign of that year; None when it leads none that year (the
    record then belongs to that year's campaign by its date, never to an earlier year's)."""
    return (
        Project.objects.filter(campaign__issuer__name="定海区纪委监委", campaign__year=year)
        .filter(lead_units=unit)
        .order_by("position")
        .first()
    )


class _Demo:
    def __init__(self, users: dict[str, User], orgs: dict[str, Organization]) -> None:
        self.commission = orgs["定海区纪委监委"]
        self.orgs = orgs
        self.supervisor = users["dh-jiancha"]
        self.admin = users["dh-jiwei"]
        self.unit_users = {"定海区教育局": users["dh-jiaoyu"], "定海区公安分局": users["dh-gongan"]}
        self.superuser = users["admin"]

    def unit_actor(self, problem: Problem) -> User:
        return self.unit_users.get(problem.responsible_unit.name, self.superuser)

    def inspect(
        self, *, day: date, kind: str, members: str, notes: str, items: list[Item], today: date
    ) -> list[Problem]:
        inspection = inspection_create(
            actor=self.supervisor,
            commission=self.commission,
            date=day,
            kind=kind,
            members=members,
            notes=notes,
            problems=[
                ProblemData(
                    responsible_unit=self.orgs[item.unit],
                    description=item.description,
                    deadline=item.deadline,
                    severity=item.severity,
                    project=_project(day.year, self.orgs[item.unit]),
                )
                for item in items
            ],
            today=today,
        )
        problems = list(inspection.problems.order_by("pk"))
        for problem, item in zip(problems, items, strict=True):
            self.advance(problem, item, today)
        return problems

    def act(self, problem: Problem, action: str, actor: User, today: date, **extra: Any) -> None:
        problem_transition(
            actor=actor,
            problem=problem,
            action=action,
            version=problem.version,
            today=today,
            **extra,
        )

    def advance(self, problem: Problem, item: Item, today: date) -> None:
        goal = item.goal
        unit = self.unit_actor(problem)
        if goal == "open":
            return
        self.act(problem, "notify", self.supervisor, today)
        if item.listed_deadline is not None:
            self.act(
                problem,
                "list",
                self.admin,
                today,
                deadline=item.listed_deadline,
                reason="问题性质严重，群众反映强烈",
            )
        if goal in ("notified", "listed"):
            return
        self.act(problem, "start_rectifying", unit, today)
        if goal == "extension":
            self.act(
                problem,
                "request_extension",
                unit,
                today,
                deadline=item.deadline + timedelta(days=30),
                reason="涉及多所学校设备采购，需履行政府采购程序，申请延期一个月。",
            )
            return
        if goal == "long_term":
            self.act(problem, "mark_long_term", self.supervisor, today, reason="需长期坚持")
            return
        if goal in ("rectifying",):
            return
        evidence = "已制定整改方案，完成问题排查和整改，相关责任人已批评教育，建立长效机制。"
        self.act(
            problem,
            "submit_evidence",
            unit,
            today,
            text=evidence,
            checklist={"people": True, "matter": True, "unit": True, "result": True},
        )
        if goal == "submitted":
            return
        if goal == "returned":
            self.act(
                problem,
                "return",
                self.supervisor,
                today,
                reason="整改材料缺少处理结果和制度文件，请补充“见处理结果”“见建章立制”佐证。",
            )
            return
        if goal == "basically_done":
            self.act(
                problem, "mark_basically_done", self.supervisor, today, reason="阶段性成果明显"
            )
            return
        self.act(problem, "close", self.supervisor, today, reason="整改到位，材料齐全，同意销号。")
        if goal == "reopened":
            lookback_day = today + timedelta(days=91)
            problem_lookback(
                actor=self.supervisor,
                problem=problem,
                version=problem.version,
                holds=False,
                date=lookback_day,
                reason="回头看发现部分学校食堂仍未公示进货台账，问题反弹回潮。",
                deadline=timezone.localdate() + timedelta(days=25),
                members="张伟、李娜",
                notes="随机抽查 5 所学校食堂。",
                today=lookback_day,
            )
        elif goal == "confirmed":
            lookback_day = today + timedelta(days=91)
            problem_lookback(
                actor=self.supervisor,
                problem=problem,
                version=problem.version,
                holds=True,
                date=lookback_day,
                reason="整改成果巩固。",
                members="张伟、王强",
                today=lookback_day,
            )


@transaction.atomic
def load_supervision_demo(users: dict[str, User], orgs: dict[str, Organization]) -> bool:
    """Load the supervision demo once; False when it was there already."""
    commission = orgs["定海区纪委监委"]
    if Inspection.objects.filter(commission=commission, notes__contains=MARKER).exists():
        return False
    demo = _Demo(users, orgs)
    now = timezone.localdate()

    def workdays(n: int) -> date:
        return add_workdays(now, n)

    # 2024: an on-site inspection of school canteens; closed, confirmed, reopened.
    d2024 = date(2024, 9, 25)
    found_2024 = demo.inspect(
        day=d2024,
        kind=InspectionKind.ONSITE,
        members="张伟、李娜、王强",
        notes=f"对全区中小学食堂大宗食材采购和校外供餐开展现场检查。（{MARKER}）",
        items=[
            Item(
                "定海区教育局",
                "部分学校食堂大宗食材采购未公开招标，进货台账不全。",
                date(2024, 10, 31),
                "confirmed",
            ),
            Item(
                "定海区教育局",
                "学校食堂进货台账未按要求公示，家长监督渠道不畅。",
                date(2024, 10, 31),
                "reopened",
            ),
            Item(
                "定海区医保局",
                "定点医药机构违规收费问题整改不到位。",
                date(2024, 11, 15),
                "confirmed",
            ),
        ],
        today=d2024 + timedelta(days=1),
    )
    # 2024: a cross-check of the police's anti-fraud work; closed.
    d2024b = date(2024, 11, 12)
    demo.inspect(
        day=d2024b,
        kind=InspectionKind.CROSS,
        members="陈刚、周敏",
        notes="交叉检查电信网络诈骗防范宣传和涉诈资金返还工作。",
        items=[
            Item(
                "定海区公安分局",
                "涉诈资金返还进度慢，未及时告知受害群众。",
                date(2024, 12, 31),
                "confirmed",
            )
        ],
        today=d2024b + timedelta(days=1),
    )
    # The running year: a desk review (basically done, long-term), a joint inspection, a look-back.
    reviewed = max(date(now.year, 1, 10), now - timedelta(days=150))
    demo.inspect(
        day=reviewed,
        kind=InspectionKind.DESK,
        members="张伟",
        notes="书面审查各牵头单位专项治理工作台账。",
        items=[
            Item(
                "定海区民政局",
                "困难群众救助资金发放台账与银行流水不一致。",
                reviewed + timedelta(days=50),
                "basically_done",
            ),
            Item(
                "定海区住建局",
                "老旧小区加装电梯补助审批时限超出承诺时限。",
                reviewed + timedelta(days=110),
                "long_term",
            ),
        ],
        today=reviewed + timedelta(days=1),
    )
    closed_day = now - timedelta(days=95)  # closed 95 days ago: its 90-day look-back is due
    demo.inspect(
        day=closed_day - timedelta(days=20),
        kind=InspectionKind.JOINT,
        members="李娜、市场监管局执法人员",
        notes="会同市场监管部门联合检查校园周边食品安全。",
        items=[
            Item(
                "定海区教育局",
                "校园周边流动摊贩食品安全监管缺位。",
                closed_day + timedelta(days=10),
                "lookback_due",
            )
        ],
        today=closed_day,
    )

    # Now: an unannounced inspection with problems in every colour and state.
    recent = now - timedelta(days=40)
    found_now = demo.inspect(
        day=recent,
        kind=InspectionKind.UNANNOUNCED,
        members="张伟、李娜",
        notes="四不两直暗访学校收费、校外培训和医保报销窗口。",
        items=[
            Item("定海区教育局", "个别学校违规向学生推销教辅资料。", workdays(2), "rectifying"),
            Item(
                "定海区教育局",
                "校外培训机构预收费资金未纳入监管账户。",
                workdays(-3),
                "rectifying",
                Severity.SERIOUS,
            ),
            Item("定海区教育局", "学校课后服务收费未按规定公示。", workdays(25), "notified"),
            Item("定海区教育局", "寄宿制学校宿舍消防设施老化未更换。", workdays(15), "extension"),
            Item("定海区教育局", "学生资助资金发放对象审核不严。", workdays(10), "submitted"),
            Item("定海区教育局", "学校食堂从业人员健康证过期未更新。", workdays(8), "returned"),
            Item(
                "定海区公安分局", "户籍业务窗口办理时限超过承诺时限。", workdays(-12), "rectifying"
            ),
            Item(
                "定海区人力社保局",
                "农民工工资保证金退还不及时。",
                workdays(-25),
                "rectifying",
                Severity.CRITICAL,
            ),
            Item(
                "定海区卫生健康局",
                "基层医疗机构药品价格公示不全。",
                workdays(-4),
                "listed",
                Severity.SERIOUS,
                listed_deadline=workdays(10),
            ),
            Item(
                "定海区医保局",
                "医保报销窗口群众排队时间长，未设置帮办代办。",
                workdays(5),
                "submitted",
            ),
        ],
        today=recent + timedelta(days=1),
    )
    # A registered problem the notice has not yet gone out for, from a hotline ticket.
    problem_create(
        actor=demo.supervisor,
        commission=commission,
        responsible_unit=orgs["定海区教育局"],
        description="12345热线反映学校强制学生购买校服。",
        deadline=workdays(20),
        source="hotline",
        project=_project(now.year, orgs["定海区教育局"]),
    )
    # A listed problem whose 督办单 deadline has passed: red whatever its own deadline says.
    listed = problem_create(
        actor=demo.supervisor,
        commission=commission,
        responsible_unit=orgs["定海区综合行政执法局"],
        description="城区农贸市场周边占道经营反复回潮，群众多次投诉。",
        deadline=workdays(6),
        source="report",
        severity=Severity.CRITICAL,
        today=now - timedelta(days=30),
    )
    demo.advance(
        listed,
        Item("定海区综合行政执法局", "", workdays(6), "listed", listed_deadline=workdays(-2)),
        now - timedelta(days=30),
    )

    # Accountability and institutions.
    first = found_2024[0]
    for measure, persons, decided, notes in (
        (Measure.EDUCATION, 6, date(2024, 11, 20), "对食堂采购不规范的 6 名学校负责人批评教育。"),
        (Measure.ADMONITION, 2, date(2024, 12, 5), "对 2 名责任人诫勉谈话。"),
        (
            Measure.PARTY_DISCIPLINE,
            1,
            date(2025, 3, 18),
            "食堂承包人员回扣问题，给予党内警告处分。",
        ),
    ):
        accountability_record_create(
            actor=demo.supervisor,
            commission=commission,
            measure=measure,
            decided_on=decided,
            cases=1,
            persons=persons,
            problem=first,
            amount_recovered=Decimal("38600.00")
            if measure == Measure.PARTY_DISCIPLINE
            else Decimal(0),
            notes=notes,
        )
    institution_create(
        actor=demo.supervisor,
        organization=orgs["定海区教育局"],
        title="定海区中小学校食堂大宗食材集中采购管理办法",
        issued_on=date(2024, 12, 16),
        description="统一大宗食材公开招标采购，进货台账每月公示。",
        project=first.project,
        problems=[first],
    )
    # The running year's: a record on a problem found now, a mechanism of its anti-fraud project.
    accountability_record_create(
        actor=demo.supervisor,
        commission=commission,
        measure=Measure.EDUCATION,
        decided_on=recent + timedelta(days=20),
        cases=1,
        persons=2,
        problem=found_now[0],
        amount_refunded=Decimal("12800.00"),
        notes="责令退还违规收取的教辅资料费用，对 2 名责任人批评教育。",
    )
    institution_create(
        actor=demo.supervisor,
        organization=orgs["定海区公安分局"],
        title="涉诈资金快速返还工作机制",
        issued_on=max(date(now.year, 1, 8), now - timedelta(days=60)),
        project=_project(now.year, orgs["定海区公安分局"]),
        problems=[],
    )
    warnings_send(today=now)
    return True
