"""A published tour progress report (seed 004) becomes a tour, once."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from conftest import World
from kaimen.campaigns.imports import announcement_import
from kaimen.campaigns.models import ImportRun
from kaimen.core.errors import ApplicationError
from kaimen.demo.world import demo_organizations
from kaimen.importer.tests import seeds_dir
from kaimen.timeline.models import Event
from kaimen.tours.models import Measure, MeasureState, Tour


@pytest.mark.django_db
def test_import_announcement_creates_the_tour_of_a_progress_report_once() -> None:
    demo_organizations()
    seed = next(iter(sorted(seeds_dir().glob("004_*.txt"))))
    out = StringIO()
    # when
    call_command("import_announcement", str(seed), "--issuer-org", "定海区纪委监委", stdout=out)
    # then
    tour = Tour.objects.get()
    assert (tour.name, tour.inspected_party) == ("十四届省委第十四轮巡视", "中共舟山市定海区委")
    assert tour.items.count() == 8
    assert Measure.objects.filter(item__tour=tour).count() == 25
    assert (tour.party_discipline, tour.government_sanction, tour.admonition) == (8, 3, 7)
    assert tour.institutions == 17
    first = tour.items.order_by("position").first()
    assert first is not None
    assert first.title == "落实整改主体责任不够到位"
    measure = first.measures.order_by("position").first()
    assert measure is not None
    assert measure.text.startswith("区委全面落实巡视整改主体责任")
    assert measure.state == MeasureState.IN_PROGRESS
    assert "8 个反馈问题，25 条整改措施" in out.getvalue()
    assert Event.objects.filter(action="tour.imported").count() == 1
    # when: imported again, nothing changes
    again = StringIO()
    call_command("import_announcement", str(seed), "--issuer-org", "定海区纪委监委", stdout=again)
    assert Tour.objects.count() == 1
    assert Measure.objects.count() == 25
    assert Event.objects.filter(action="tour.imported").count() == 1
    assert "无需更改" in again.getvalue()


def test_the_back_office_creates_the_tour_from_a_reviewed_progress_report(world: World) -> None:
    # given: the report pasted in the import page
    client = world.client_for("commission_admin")
    seed = next(iter(sorted(seeds_dir().glob("004_*.txt"))))
    client.post(
        reverse("imports_staff:new"),
        {"issuer": world.orgs["dh_jiwei"].pk, "text": seed.read_text(encoding="utf-8")},
    )
    run = ImportRun.objects.get()
    page = client.get(reverse("imports_staff:review", args=[run.pk])).content.decode()
    assert "建立巡视整改" in page
    assert "落实整改主体责任不够到位" in page
    # when
    response = client.post(reverse("tours:tour_import_run", args=[run.pk]))
    # then
    tour = Tour.objects.get()
    assert response["Location"] == reverse("tours:tour_detail", args=[tour.pk])
    assert Measure.objects.filter(item__tour=tour).count() == 25
    # when: again, nothing is written twice; a campaign is never made of it
    client.post(reverse("tours:tour_import_run", args=[run.pk]))
    assert Tour.objects.count() == 1
    with pytest.raises(ApplicationError) as caught:
        announcement_import(
            actor=world.users["commission_admin"],
            issuer=world.orgs["dh_jiwei"],
            parsed=run.parsed,
            create_orgs=False,
            dry_run=True,
        )
    assert caught.value.code == "tour_report"
