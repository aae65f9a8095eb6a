"""Demo reports in every state (idempotent: each is filed with its own idempotency key, so a
second run finds them and changes nothing)."""

from typing import Any

from django.contrib.auth.models import AnonymousUser

from kaimen.orgs.models import Organization
from kaimen.reports import services
from kaimen.reports.categories import category_sync
from kaimen.reports.identity import Identity
from kaimen.reports.models import Category, Rating

# (key, category, content, place, target state, identity?)
DEMO: list[tuple[str, str, str, str, str, bool]] = [
    (
        "r1",
        "001",
        "檀枫社区的公共收益（停车费、广告费）一年多没有公示，居民不知道钱用在哪里。",
        "檀枫社区",
        "received",
        False,
    ),
    (
        "r2",
        "003",
        "学校要求家长统一在指定书店购买教辅资料，价格比别处贵。",
        "定海区教育局",
        "accepted",
        True,
    ),
    ("r3", "999", "建议在小区门口增加一处快递柜。", "盐仓社区", "declined", False),
    ("r4", "003", "学校食堂饭菜分量变少，价格却上涨了。", "定海区教育局", "assigned", False),
    ("r5", "002", "村里的耕地地力保护补贴今年迟迟没有发放。", "白泉社区", "replied", True),
    ("r6", "005", "居家养老服务补贴的上门服务次数与登记不符。", "定海区民政局", "rated", False),
    ("r7", "003", "校外培训机构在学校门口发传单，学校默许。", "定海区教育局", "reopened", False),
    ("r8", "103", "某站所工作人员办理业务时收受好处费。", "盐仓街道", "closed", True),
]


def load_reports_demo(*, users: dict[str, Any], orgs: dict[str, Organization]) -> int:
    """File the demo reports and move each to its state; returns how many were new."""
    category_sync()
    handler = users["dh-jiancha"]
    unit_user = users["dh-jiaoyu"]
    unit = orgs["定海区教育局"]
    created = 0
    for key, code, content, place, target, with_identity in DEMO:
        submission = services.report_submit(
            actor=AnonymousUser(),
            data=services.ReportInput(
                category=Category.objects.get(code=code),
                content=content,
                organization=orgs.get(place),
                identity=Identity(name="张演示", phone="13800000000")
                if with_identity
                else Identity(),
            ),
            client="demo",
            idempotency_key=f"kaimen-demo-report-{key}",
        )
        if submission.duplicate:
            continue
        created += 1
        report = submission.report
        if target == "received":
            continue
        if target == "declined":
            services.report_decline(
                actor=handler, report=report, reason="属于意见建议，已转相关部门参考。"
            )
            continue
        report = services.report_accept(actor=handler, report=report)
        if target == "accepted":
            continue
        report = services.report_assign(actor=handler, report=report, unit=unit)
        if target == "assigned":
            continue
        services.report_reply(
            actor=unit_user,
            report=report,
            body="经核查，情况基本属实，已责令整改，并将整改情况向群众公开。",
        )
        report.refresh_from_db()
        if target == "replied":
            continue
        rating = Rating.DISSATISFIED if target == "reopened" else Rating.SATISFIED
        report = services.report_rate(report=report, rating=rating, comment="")
        if target == "closed":
            services.report_close(actor=handler, report=report, reason="已答复，反映人满意。")
    return created
