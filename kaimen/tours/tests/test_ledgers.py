"""The tour's measures ledger in Excel, scoped as the tour pages."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from conftest import World
from kaimen.tours.tests.factories import tour_with_measures

pytestmark = pytest.mark.django_db


def test_tour_measures_ledger(world: World) -> None:
    tour, _items, _measures = tour_with_measures(world)

    response = world.client_for("unit_staff_other").get(
        reverse("tours:measures_xlsx", args=[tour.pk])
    )

    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet["A1"].value.startswith("十四届省委第十四轮巡视反馈问题整改台账（截至")
    assert [r[4].value for r in sheet.iter_rows(min_row=3)] == ["定海区公安分局"]
    assert sheet["D3"].value == "（2）层层压实巡视整改责任。"
