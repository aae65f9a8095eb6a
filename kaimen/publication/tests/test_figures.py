"""Announced beside recorded: imported history as announced, a published or draft text's
figures beside the registry's counts, and the staff seeing the difference before publishing."""

from datetime import date
from decimal import Decimal

from django.urls import reverse

from conftest import World
from kaimen.campaigns.models import Campaign, CampaignState, Metric
from kaimen.publication.figures import IMPORTED, PUBLISHED, campaign_figures, draft_figures
from kaimen.publication.services import announcement_edit, announcement_generate
from kaimen.publication.tests.factories import admin, published_version
from kaimen.supervision.models import Inspection, InspectionKind


def _inspection(world: World, day: date = date(2024, 6, 1)) -> None:
    Inspection.objects.create(commission=world.orgs["dh_jiwei"], date=day, kind=InspectionKind.DESK)


def _rows(figures: object) -> dict[str, tuple[Decimal | None, Decimal | None]]:
    return {r.code: (r.announced, r.recorded) for r in figures.rows}  # type: ignore[attr-defined]


def test_imported_history_stands_as_announced_beside_its_records(world: World) -> None:
    campaign = Campaign.objects.create(
        issuer=world.orgs["dh_jiwei"], year=2023, title="专项治理", state=CampaignState.PUBLISHED,
        imported=True,
    )  # fmt: skip
    Metric.objects.create(
        campaign=campaign, code="inspections", label="督导检查", value=646, unit="次",
        normalized_value=646, normalized_unit="次",
    )  # fmt: skip
    _inspection(world, date(2023, 5, 1))

    figures = campaign_figures(campaign)

    assert figures.source == IMPORTED
    assert _rows(figures)["inspections"] == (Decimal(646), Decimal(1))
    assert [r.code for r in figures.differences] == ["inspections"]
    assert _rows(figures)["cases"] == (None, Decimal(0))  # not announced, counted
    page = world.client_for("anonymous").get(reverse("publication:figures", args=[campaign.pk]))
    html = page.content.decode()
    assert "646" in html
    assert "按公告原文照录" in html
    api = world.client_for("anonymous").get(f"/api/v1/campaigns/{campaign.pk}/figures").json()
    assert {
        "code": "inspections",
        "label": "督导检查",
        "unit": "次",
        "announced": 646,
        "recorded": 1,
    } in api["figures"]


def test_a_published_announcement_is_what_was_announced(world: World) -> None:
    _inspection(world)
    version = published_version(world)
    assert "督导检查1次" in version.text
    _inspection(world)  # recorded after publishing

    figures = campaign_figures(world.campaign)  # type: ignore[arg-type]

    assert figures.source == PUBLISHED
    assert _rows(figures)["inspections"] == (Decimal(1), Decimal(2))
    assert _rows(figures)["projects_selected"] == (Decimal(2), Decimal(2))


def test_staff_see_the_drafts_difference_before_publishing(world: World) -> None:
    _inspection(world)
    assert world.campaign is not None
    draft = announcement_generate(actor=admin(world), campaign=world.campaign)
    draft = announcement_edit(
        actor=admin(world),
        version=draft,
        text=draft.text.replace("督导检查1次", "督导检查9次"),
        base_revision=draft.revision,
    )
    assert [r.code for r in draft_figures(world.campaign, draft.text).differences] == [
        "inspections"
    ]
    page = world.client_for("commission_admin").get(
        reverse("publication:staff_detail", args=[world.campaign.pk])
    )
    html = page.content.decode()
    assert "不一致" in html
    assert reverse("supervision:figure_records", args=[world.campaign.pk, "inspections"]) in html


def test_the_records_behind_a_figure_are_one_click_away(world: World) -> None:
    _inspection(world)
    assert world.campaign is not None
    url = reverse("supervision:figure_records", args=[world.campaign.pk, "inspections"])
    page = world.client_for("supervisor").get(url)
    assert page.status_code == 200
    assert "书面审查" in page.content.decode()
    missing = reverse("supervision:figure_records", args=[world.campaign.pk, "nothing"])
    assert world.client_for("supervisor").get(missing).status_code == 404
