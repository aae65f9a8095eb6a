"""One figure, one number: the registry's count of a campaign is what every surface shows — the
figures API, open data, the roll-up (page and API), the portal and the announcement draft."""

import json
from decimal import Decimal
from typing import Any

from conftest import World
from kaimen.campaigns.indicators import code_for
from kaimen.campaigns.models import Campaign, CampaignState
from kaimen.importer import parse_announcement
from kaimen.insights.selectors.rollup import rollup_for
from kaimen.insights.tests.factories import accountability_make, supervision_world
from kaimen.publication.generate import announcement_text
from kaimen.supervision.figures import FIGURES, recorded_for
from kaimen.supervision.templatetags.supervision_portal import campaign_supervision_figures


def _published_campaign(world: World) -> Campaign:
    supervision_world(world)
    accountability_make(world)
    assert world.campaign is not None
    Campaign.objects.filter(pk=world.campaign.pk).update(state=CampaignState.PUBLISHED)
    world.campaign.refresh_from_db()
    return world.campaign


def _streamed(response: Any) -> bytes:
    return b"".join(response.streaming_content)


def test_the_same_figure_is_equal_on_every_surface(world: World) -> None:
    campaign = _published_campaign(world)
    recorded = recorded_for(campaign)
    assert all(recorded[code] for code in ("inspections", "cases", "funds_recovered"))
    anonymous = world.client_for("anonymous")
    city = world.client_for("city_admin")

    # the figures API
    api = anonymous.get(f"/api/v1/campaigns/{campaign.pk}/figures").json()["figures"]
    assert {f["code"]: Decimal(str(f["recorded"])) for f in api} == recorded

    # open data
    data = json.loads(_streamed(anonymous.get("/open-data/campaign_figures.json")))
    rows = [r for r in data["rows"] if r["campaign_id"] == campaign.pk]
    assert {r["code"]: Decimal(r["recorded"]) for r in rows} == recorded

    # the roll-up: 定海's row is its one campaign, in the selector and in the API
    rollup = rollup_for(
        user=world.users["city_admin"], organization=world.orgs["zs_jiwei"], year=2024
    )
    dinghai = next(c for c in rollup.children if c.organization == world.orgs["dinghai"])
    assert dinghai.values == recorded
    totals = city.get(
        f"/api/v1/insights/totals?organization={world.orgs['zhoushan'].pk}&year=2024"
    ).json()
    child = next(c for c in totals["children"] if c["organization"]["name"] == "定海区")
    assert {t["code"]: Decimal(str(t["value"])) for t in child["totals"]} == recorded

    # the portal's supervision figures
    portal = campaign_supervision_figures(campaign)["figures"]
    labels = {str(FIGURES[code].label): code for code in FIGURES}
    for label, value, unit in portal:
        amount = Decimal(value) * (10000 if unit == "万元" else 1)
        assert amount == recorded[labels[label]], label

    # the announcement draft, read back by the importer and the indicator dictionary
    intro = parse_announcement(announcement_text(campaign)).intro_totals
    stated = {code_for(f.label, f.normalized_unit): Decimal(f.normalized_value) for f in intro}
    assert stated
    for code, value in stated.items():
        assert value == recorded[code], code
