"""Open data worth the name: supervision aggregates without names, surveys and targets, Chinese
headers, a data dictionary and a Frictionless description that matches the files."""

import csv
import io
import json
from datetime import date
from decimal import Decimal
from typing import Any

from conftest import World
from kaimen.campaigns.models import Comparator, Target
from kaimen.insights.selectors.opendata import COLUMNS, DATASETS
from kaimen.insights.tests.factories import accountability_make, supervision_world
from kaimen.supervision.models import AccountabilityRecord, Measure


def _streamed(response: Any) -> bytes:
    return b"".join(response.streaming_content)


def _csv(world: World, name: str) -> list[list[str]]:
    response = world.client_for("anonymous").get(f"/open-data/{name}.csv")
    assert response.status_code == 200
    return list(csv.reader(io.StringIO(_streamed(response).decode("utf-8-sig"))))


def test_every_column_is_in_the_dictionary() -> None:
    for dataset in DATASETS.values():
        assert set(dataset.columns) <= set(COLUMNS), dataset.name


def test_supervision_aggregates_carry_counts_not_names(world: World) -> None:
    supervision_world(world)
    accountability_make(world)
    AccountabilityRecord.objects.create(
        commission=world.orgs["dh_jiwei"], decided_on=date(2024, 6, 1), persons=2,
        measure=Measure.EDUCATION, notes="张三、李四",
    )  # fmt: skip

    problems = _csv(world, "problems")
    assert problems[0] == ["纪委监委", "责任单位", "整改状态", "预警颜色", "问题数（个）"]
    assert sum(int(r[4]) for r in problems[1:]) == 7
    inspections = _csv(world, "inspections")
    assert inspections[1] == ["定海区纪委监委", "2024", "onsite", "1"]
    accountability = _csv(world, "accountability")
    assert accountability[0][:5] == [
        "纪委监委",
        "年度",
        "处理方式",
        "记录数（条）",
        "人数（人）",
    ]
    assert accountability[1][:5] == ["定海区纪委监委", "2024", "education", "2", "5"]
    assert "张三" not in "".join(",".join(r) for r in accountability)


def test_targets_show_their_achievement(world: World) -> None:
    Target.objects.create(
        project=world.projects["published"], label="公共充电桩", comparator=Comparator.AT_LEAST,
        target_value=Decimal(60), actual_value=Decimal(71), unit="个",
    )  # fmt: skip
    rows = _csv(world, "targets")
    assert rows[0][-1] == "完成情况"
    assert rows[1][-1] == "71 / 60 = 118 %"


def test_the_datapackage_describes_the_csv_headers(world: World) -> None:
    client = world.client_for("anonymous")
    package = client.get("/open-data/datapackage.json").json()
    resources = {r["path"]: r for r in package["resources"]}
    assert set(resources) == {f"{name}.csv" for name in DATASETS}
    for name in DATASETS:
        fields = resources[f"{name}.csv"]["schema"]["fields"]
        assert [f["name"] for f in fields] == _csv(world, name)[0]
    colour = next(
        f for f in resources["problems.csv"]["schema"]["fields"] if f["kaimen:key"] == "colour"
    )
    assert colour["kaimen:codes"]["red"] == "红色"
    page = client.get("/open-data/dictionary/").content.decode()
    assert "预警颜色" in page
    assert "datapackage.json" in page
    data = json.loads(_streamed(client.get("/open-data/problems.json")))
    assert data["titles"][0] == "纪委监委"
