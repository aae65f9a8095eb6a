"""Demo data of the public's side (called by `manage.py load_demo`; idempotent): an open 2026
topic call of 定海区纪委监委 with candidate and proposed topics — published with supports and
answers, one declined, one merged, one waiting for screening — and ratings of the 2024 projects by
citizen1/citizen2 plus a telephone survey."""

from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from kaimen.accounts.models import User
from kaimen.campaigns.models import Campaign, Project, ProjectState, Theme
from kaimen.orgs.models import Organization
from kaimen.participation import services
from kaimen.participation.models import Evaluation, Rating, SurveyMethod, Topic, TopicCall

CALL_TITLE = "2026年度漠视侵害群众利益问题群众点题征集"
# Demo citizens' phones, for the SMS login (the code shows on the page in demo mode).
CITIZEN_PHONES = {"citizen1": "13800000001", "citizen2": "13800000002"}

CANDIDATES = (
    (
        "老旧小区加装电梯推进慢",
        "多个老旧小区加装电梯意愿强烈，但审批流程长、补助资金到位慢。",
        Theme.HOUSING,
    ),
    (
        "农村饮用水水质不稳定",
        "部分海岛村自来水在台风季节浑浊，水质检测结果不公开。",
        Theme.AGRICULTURE,
    ),
    (
        "养老服务补贴申领繁琐",
        "高龄老人申领养老服务补贴需多次跑腿，材料重复提交。",
        Theme.ELDERLY_CARE,
    ),
)
PROPOSALS = (
    # (who, title, description, category, place)
    (
        "citizen1",
        "小区电动自行车充电桩不足",
        "昌国街道檀枫社区电动自行车多，充电桩太少，飞线充电隐患大。",
        Theme.ENERGY,
        "檀枫社区",
    ),
    (
        "citizen2",
        "校外培训机构预付费退费难",
        "孩子报的培训班停课后，预付的学费一直退不回来。",
        Theme.EDUCATION,
        "定海区",
    ),
    (
        "citizen2",
        "电动车充电桩太少飞线充电多",
        "小区里电动车充电桩不够，很多人从楼上拉电线充电。",
        Theme.ENERGY,
        "檀枫社区",
    ),
    ("citizen1", "邻居装修噪音扰民", "楼上邻居晚上十点后还在装修。", Theme.OTHER, "盐仓社区"),
    (
        "citizen2",
        "菜市场电子秤缺斤短两",
        "白泉镇农贸市场部分摊位电子秤不准，群众多次反映。",
        Theme.MARKET_REGULATION,
        "白泉镇",
    ),
)


@transaction.atomic
def load_participation_demo(
    *, admin: User, users: dict[str, User], orgs: dict[str, Organization]
) -> None:
    commission = orgs["定海区纪委监委"]
    for username, phone in CITIZEN_PHONES.items():
        User.objects.filter(username=username, phone="").update(phone=phone)
    if not TopicCall.objects.filter(commission=commission, title=CALL_TITLE).exists():
        _topic_call(admin, users, orgs, commission)
    _ratings(admin, users, commission)


def _topic_call(
    admin: User, users: dict[str, User], orgs: dict[str, Organization], commission: Organization
) -> None:
    now = timezone.now()
    call = services.topic_call_create(
        actor=admin,
        commission=commission,
        title=CALL_TITLE,
        intro="为精准选定2026年度专项治理项目，现面向社会公开征集群众身边的“急难愁盼”问题。"
        "您可以从候选问题中选择支持（选题），也可以自由提出问题（点题）。",
        opens_at=now - timedelta(days=3),
        closes_at=now + timedelta(days=7),
    )
    region = orgs["定海区"]
    candidates = [
        services.topic_candidate_add(
            actor=admin, call=call, title=title, description=text, region=region, category=theme
        )
        for title, text, theme in CANDIDATES
    ]
    proposed: list[Topic] = [
        services.topic_propose(
            actor=users[who],
            call=call,
            title=title,
            description=text,
            region=orgs[place],
            category=theme,
        )
        for who, title, text, theme, place in PROPOSALS
    ]
    chargers, fees, chargers_again, noise, _scales = proposed
    for topic in (chargers, fees):  # the market scales wait for screening
        services.topic_publish(actor=admin, topic=topic)
    services.topic_merge(actor=admin, topic=chargers_again, into=chargers)
    services.topic_decline(
        actor=admin,
        topic=noise,
        reason="该问题属于邻里纠纷，不属于专项治理范围，已转盐仓街道综治中心协调处理。",
    )
    supports = {
        candidates[0]: ("citizen1", "citizen2"),
        candidates[1]: ("citizen2",),
        chargers: ("citizen1", "citizen2"),
        fees: ("citizen1",),
    }
    for topic, who in supports.items():
        for username in who:
            services.support_add(actor=users[username], topic=topic)
    services.topic_assign(actor=admin, topic=fees, unit=orgs["定海区教育局"])
    services.topic_assign(actor=admin, topic=candidates[2], unit=orgs["定海区民政局"])
    services.topic_answer(
        actor=admin,
        topic=fees,
        organization=orgs["定海区教育局"],
        answer="区教育局已将校外培训机构预收费纳入资金监管，对涉及退费的投诉逐一核查，"
        "并将在2026年度专项治理中持续推进。",
    )
    services.topic_answer(
        actor=admin,
        topic=candidates[0],
        organization=orgs["定海区住建局"],
        answer="区住建局正在简化老旧小区加装电梯审批流程，推行“一窗受理、联合审查”。",
    )
    services.topic_answer(
        actor=admin,
        topic=chargers,
        organization=commission,
        answer="已收到，征集结束后将会同区发改局研究，择优纳入2026年度专项治理项目。",
    )


def _ratings(admin: User, users: dict[str, User], commission: Organization) -> None:
    campaign = Campaign.objects.filter(issuer=commission, year=2024).first()
    if campaign is None:
        return
    projects = list(
        Project.objects.filter(campaign=campaign, state=ProjectState.PUBLISHED).order_by("position")
    )
    if not projects or Evaluation.objects.filter(project__campaign=campaign).exists():
        return
    cycle = (
        (Rating.SATISFIED, Rating.SATISFIED),
        (Rating.SATISFIED, Rating.BASICALLY_SATISFIED),
        (Rating.BASICALLY_SATISFIED, Rating.DISSATISFIED),
    )
    comments = {
        0: "学校周边的变化看得见，希望常态化坚持。",
        2: "宣传很多，但身边被骗的人还是有，希望加大打击力度。",
    }
    for index, project in enumerate(projects):
        first, second = cycle[index % len(cycle)]
        services.evaluation_submit(
            actor=users["citizen1"], project=project, rating=first, comment=comments.get(index, "")
        )
        services.evaluation_submit(actor=users["citizen2"], project=project, rating=second)
    services.survey_record(
        actor=admin,
        campaign=campaign,
        data=services.SurveyData(
            method=SurveyMethod.PHONE,
            conducted_by="定海区社情民意调查中心",
            conducted_on=date(2024, 12, 10),
            sample_size=1200,
            awareness_rate=Decimal("91.50"),
            satisfaction_rate=Decimal("95.20"),
            support_rate=Decimal("96.80"),
            note="随机电话抽样，年满18周岁的辖区常住居民。",
        ),
    )
