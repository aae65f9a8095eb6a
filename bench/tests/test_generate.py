"""The benchmark's data and URLconf stay in step with the models (no timing here: see bench/)."""

import pytest
from django.db import connection
from django.test import Client, override_settings
from django.urls import Resolver404, resolve

from bench.generate import generate
from bench.generate_records import load_records
from conftest import make_user
from kaimen.campaigns.models import PUBLIC_PROJECT_STATES, Campaign, Project
from kaimen.orgs.models import Membership, Organization, Role
from kaimen.participation.models import Support, Topic
from kaimen.reports.models import Report
from kaimen.timeline.models import Event
from kaimen.timeline.services import chain_verify


def test_generate_builds_a_consistent_province(db: None) -> None:
    # when a small province is generated
    summary = generate(districts=2, projects=3)

    # then every organization sits at its place in the tree
    for org in Organization.objects.select_related("parent"):
        parent_path = org.parent.path if org.parent else ""
        assert org.path == f"{parent_path}{org.pk}/"
    # and the campaigns, projects and their timeline are there, the chain intact
    assert summary.counts["campaigns"] == 6
    assert Campaign.objects.count() == 6
    assert summary.counts["projects"] == Project.objects.count()
    assert (
        Project.objects.filter(pk__in=summary.public_project_ids)
        .exclude(state__in=PUBLIC_PROJECT_STATES)
        .count()
        == 0
    )
    assert summary.counts["events"] > summary.counts["projects"]
    assert not Event.objects.filter(sequence__isnull=True).exists()
    assert chain_verify() == (True, None, "")


def test_the_bare_view_exists_only_in_the_bench_urlconf(db: None) -> None:
    with override_settings(ROOT_URLCONF="bench.urls"):
        response = Client().get("/bench/bare/")
    assert response.status_code == 200
    assert response.content == b"ok"

    with pytest.raises(Resolver404):  # the product's URLconf, and so its access matrix
        resolve("/bench/bare/")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="bulk SQL for PostgreSQL")
def test_the_public_records_load_and_the_pages_show_them(db: None) -> None:
    # given a small province with the public's records behind it
    generate(districts=2, projects=3)
    counts = load_records(
        connection.connection,
        reports_per_district_year=5,
        topics_per_call=3,
        supports=50,
        citizens=20,
        ratings_per_project=2,
    )

    # then every kind is there, and consistent enough for the models and the pages
    assert all(counts.values()), counts
    assert Report.objects.count() == counts["reports"]
    topic = Topic.objects.filter(supports__isnull=False).first()
    assert topic is not None
    assert Support.objects.filter(topic=topic).count() > 0
    staff = make_user("bench-staff")
    commission = Organization.objects.filter(kind="commission", level="county").first()
    assert commission is not None
    Membership.objects.create(user=staff, organization=commission, role=Role.COMMISSION_ADMIN)
    client = Client()
    client.force_login(staff)
    campaign = Campaign.objects.filter(issuer=commission).first()
    assert campaign is not None
    project = campaign.projects.first()
    assert project is not None
    assert client.get(f"/campaigns/{campaign.pk}/").status_code == 200
    assert client.get(f"/projects/{project.pk}/").status_code == 200
    assert client.get("/staff/reports/").status_code == 200
