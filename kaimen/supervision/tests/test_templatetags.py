"""The campaign page's supervision figures, counted from the records."""

from decimal import Decimal

from django.urls import reverse

from conftest import World
from kaimen.supervision.models import Measure
from kaimen.supervision.services.accountability import accountability_record_create
from kaimen.supervision.templatetags.supervision_portal import (
    _amount,
    campaign_supervision_figures,
)
from kaimen.supervision.tests.factories import TODAY, problem_in


def test_no_figures_without_records(world: World) -> None:
    assert world.campaign is not None

    assert campaign_supervision_figures(world.campaign) == {"figures": []}


def test_figures_from_the_records(world: World) -> None:
    assert world.campaign is not None
    problem_in(world, "closed")
    accountability_record_create(
        actor=world.users["supervisor"],
        commission=world.orgs["dh_jiwei"],
        measure=Measure.EDUCATION,
        decided_on=TODAY,
        cases=1,
        persons=4,
        project=world.projects["in_progress"],
        amount_recovered=Decimal("25000"),
        today=TODAY,
    )

    figures = campaign_supervision_figures(world.campaign)["figures"]

    assert figures == [
        ("督导检查", "0", "次"),
        ("发现问题", "1", "个"),
        ("推动整改问题", "1", "个"),
        ("查处腐败和作风问题", "1", "个"),
        ("批评教育帮助和处理", "4", "人"),
        ("建立完善制度", "0", "项"),
        ("追缴/挽回资金", "2.5", "万元"),
    ]
    page = world.client_for("anonymous").get(
        reverse("portal:campaign_detail", args=[world.campaign.pk])
    )
    assert "批评教育帮助和处理" in page.content.decode()


def test_amounts_in_wan_yuan_from_ten_thousand() -> None:
    assert _amount(Decimal("9999.40")) == ("9999", "元")
    assert _amount(Decimal("38600.00")) == ("3.86", "万元")
