"""The benchmark's data and URLconf stay in step with the models (no timing here: see bench/)."""

import pytest
from django.test import Client, override_settings
from django.urls import Resolver404, resolve

from bench.generate import generate
from kaimen.campaigns.models import PUBLIC_PROJECT_STATES, Campaign, Project
from kaimen.orgs.models import Organization
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
