"""Reports for tests, filed through the service as a citizen would."""

from typing import Any

from conftest import World
from kaimen.reports import services
from kaimen.reports.categories import category_sync
from kaimen.reports.identity import Identity
from kaimen.reports.models import Category, Report

SECRET_NAME = "王秘密"
SECRET_PHONE = "13912345678"


def category(code: str = "001") -> Category:
    category_sync()
    return Category.objects.get(code=code)


def submit(
    world: World,
    *,
    content: str = "社区公共收益一直没有公示，不知道钱去了哪里。",
    identity: bool = True,
    code: str = "001",
    client: str = "10.0.0.1|test",
    **extra: Any,
) -> services.Submission:
    return services.report_submit(
        actor=extra.pop("actor", None) or _anonymous(),
        data=services.ReportInput(
            category=category(code),
            content=content,
            organization=extra.pop("organization", world.orgs["dh_jiaoyu"]),
            identity=Identity(name=SECRET_NAME, phone=SECRET_PHONE) if identity else Identity(),
            **extra,
        ),
        client=client,
    )


def _anonymous() -> Any:
    from django.contrib.auth.models import AnonymousUser  # noqa: PLC0415

    return AnonymousUser()


def assigned(world: World) -> Report:
    """A report accepted and assigned to 定海区教育局."""
    report = submit(world).report
    services.report_accept(actor=world.users["supervisor"], report=report)
    return services.report_assign(
        actor=world.users["supervisor"], report=report, unit=world.orgs["dh_jiaoyu"]
    )


def replied(world: World) -> Report:
    report = assigned(world)
    services.report_reply(
        actor=world.users["unit_staff_lead"], report=report, body="已责成社区于本月底前公示。"
    )
    report.refresh_from_db()
    return report


def workbook(rows: list[list[Any]]) -> bytes:
    """The downloaded 12345 template with `rows` filled in from row 3."""
    import io  # noqa: PLC0415

    from openpyxl import load_workbook  # noqa: PLC0415

    from kaimen.reports.workorders import template  # noqa: PLC0415

    category()
    book = load_workbook(io.BytesIO(template()))
    sheet = book.worksheets[0]
    for offset, row in enumerate(rows):
        for column, value in enumerate(row, start=1):
            sheet.cell(row=3 + offset, column=column, value=value)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def workorder_row(world: World, number: str = "ZS20240501001", **values: Any) -> list[Any]:
    """工单编号, 受理日期, 事项分类, 诉求内容, 涉及地区或单位, 具体地点, 治理项目, 来电人, 联系电话"""
    row = {
        "number": number,
        "received_on": "2024-05-06",
        "category": "001",
        "content": "小区公共收益没有公示。",
        "organization": world.orgs["dh_jiaoyu"].name,
        "address": "",
        "project": "",
        "name": SECRET_NAME,
        "phone": SECRET_PHONE,
        **values,
    }
    return list(row.values())
