"""Reading the genre beyond the seeds' layout: kinds, years, page chrome, targets, texts
without projects, bare title lines and headline paragraphs."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from kaimen.importer import normalize_text, parse_announcement
from kaimen.importer.tests import seed_text

GENRE = Path(__file__).resolve().parent / "fixtures" / "genre"


def triples(figures: list[dict[str, Any]]) -> list[tuple[object, object, object]]:
    return [(fig["label"], fig["value"], fig["unit"]) for fig in figures]


def as_json(text: str) -> Any:
    """The JSON the import command prints for ``text``."""
    return parse_announcement(text).to_json_dict()


def test_seed_001_chargers_become_a_target_with_its_actual_value() -> None:
    result = parse_announcement(seed_text("001"))
    targets = [target for project in result.projects for target in project.targets]
    charger = next(target for target in targets if target.value == 60)
    assert charger.unit == "个"
    assert charger.actual == 71
    assert charger.achievement == 118
    assert charger.label == "建成公共充电桩"


@pytest.mark.parametrize(("prefix", "kind"), [("000", "results"), ("004", "tour_progress")])
def test_kind_of_the_seeds(prefix: str, kind: str) -> None:
    assert as_json(seed_text(prefix))["kind"] == kind


def test_province_page_with_bare_title_lines_imports_its_projects_and_totals() -> None:
    data = as_json((GENRE / "province_bare_titles.txt").read_text())
    assert data["kind"] == "results"
    assert data["issuer"] == "浙江省纪委监委"
    assert data["year"] == 2024
    assert triples(data["intro_totals"]) == [
        ("查处群众身边腐败和作风问题", 2316, "个"),
        ("批评教育和处理", 3104, "人"),
        ("党纪政务处分", 1620, "人"),
        ("追缴资金", 126000000, "元"),
    ]
    projects = data["projects"]
    assert [project["title"] for project in projects] == [
        "农村集体“三资”管理专项治理",
        "养老服务领域突出问题专项治理",
        "校园食品安全专项治理",
    ]
    # unnumbered paragraphs each opening with a headline are one outcome item each
    assert [o["headline"] for o in projects[0]["outcomes"]] == [
        "坚持高位推进，强化组织保障",
        "坚持问题导向，推动整改落实",
    ]


def test_text_without_projects_keeps_every_figure_as_a_total() -> None:
    text = (
        "某市纪委监委通报集中整治进展\n"
        "截至2024年11月底，共受理群众反映问题线索256件，已办结249件；查处群众身边腐败和作风问题"
        "64起，批评教育帮助和处理97人，其中党纪政务处分41人。\n"
        "此外，推动整改问题233个，出台制度机制37项。\n"
    )
    data = as_json(text)
    assert data["projects"] == []
    assert [(fig["value"], fig["unit"]) for fig in data["intro_totals"]] == [
        (256, "件"),
        (249, "件"),
        (64, "起"),
        (97, "人"),
        (41, "人"),
        (233, "个"),
        (37, "项"),
    ]
    assert data["year"] == 2024
    assert any("campaign total" in warning for warning in data["warnings"])


def test_scope_declarations_are_reported_as_declared_counts() -> None:
    text = (
        "某区漠视侵害群众利益问题专项治理工作成果\n"
        "2023年，区纪委区监委会同17家单位推进10个整治项目，共督导检查120次，推动整改问题45个。\n"
    )
    data = as_json(text)
    assert [(fig["value"], fig["unit"]) for fig in data["declared_counts"]] == [
        (17, "家"),
        (10, "个"),
    ]


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("某市集中整治成果\n截至2024年12月31日，共查处问题12起。\n", 2024),
        ("某市集中整治成果\n2023年以来，共查处问题12起。\n", 2023),
        # only the publication date: published in January, the results are of the year before
        ("某市集中整治成果\n发布日期：2025-01-20\n今年以来，共查处问题12起。\n", 2024),
        ("某市集中整治成果\n发布日期：2025-09-20\n今年以来，共查处问题12起。\n", 2025),
        # nothing says: null, not a guess
        ("某市集中整治成果\n近日，共查处问题12起。\n", None),
    ],
)
def test_year_from_the_text_or_the_publication_date(text: str, year: int | None) -> None:
    assert parse_announcement(text).year == year


def test_page_chrome_is_dropped() -> None:
    text = (
        "首页 > 工作动态 > 正文\n"
        "• 发布机构:\n"
        "婺城区文旅体局\n"
        "某区关于巡察整改情况的通报\n"
        "日期:2023-05-04 08:46:31 来源:区文旅体局 浏览量:\n"
        "分享:\n"
        "根据区委统一部署，区委第二巡察组对区文旅体局党组进行了巡察。\n"
    )
    assert normalize_text(text).split("\n") == [
        "某区关于巡察整改情况的通报",
        "根据区委统一部署，区委第二巡察组对区文旅体局党组进行了巡察。",
    ]


def test_headline_paragraphs_are_projects_with_their_actors_as_lead_units() -> None:
    text = (
        "某州整治成效\n"
        "今年来，该州重点整治群众身边不正之风和腐败问题。\n"
        "该州开展中小学校园食品安全突出问题专项整治。督促州教体局联合审计部门对食堂自查自纠，"
        "审计资金1.62亿元；督促州市监局对学校食堂全覆盖检查，推动整改问题394个。\n"
    )
    result = parse_announcement(text)
    assert [(p.title, p.lead_units) for p in result.projects] == [
        ("中小学校园食品安全突出问题专项整治", ["州教体局", "州市监局"])
    ]
    assert result.projects[0].figures[0].normalized_value == Decimal(162000000)


def test_target_sentence_and_its_result() -> None:
    text = (
        "某市民生实事完成情况\n"
        "乡镇污水处理设施建设加速。2016年目标为“建成乡镇污水处理设施226座”。2016年，全市新建成"
        "乡镇污水处理设施403座，超额完成年度目标任务。\n"
        "农村环境连片整治快速推进。2016年目标为“完成500个行政村环境连片整治”。2016年已实施500个"
        "村的项目。\n"
    )
    result = parse_announcement(text)
    found = [(t.value, t.unit, t.actual, t.achievement) for p in result.projects for t in p.targets]
    assert found == [
        (Decimal(226), "座", Decimal(403), Decimal(178)),
        (Decimal(500), "个", Decimal(500), Decimal(100)),
    ]


LAYOUTS = {
    # numbered items that are the projects, lead units in a trailing (牵头单位:…)
    "numbered_with_trailing_units": (
        "市纪委监委公布2023年民生领域专项整治成果\n"
        "2023年以来，市纪委监委会同12家单位推进10个整治项目，共查处问题64起，处理97人。\n"
        "1.整治农村集体“三资”管理不规范问题，守护群众“钱袋子”。\n"
        "全市清理合同1200份，追回资金356万元。(牵头单位:市农业农村局、市财政局)\n"
        "2.整治养老服务领域突出问题，让老人安享晚年。\n"
        "新建助餐点85个，排查问题46个。(牵头单位:市民政局)\n",
        [
            ("整治农村集体“三资”管理不规范问题，守护群众“钱袋子”", ["市农业农村局", "市财政局"]),
            ("整治养老服务领域突出问题，让老人安享晚年", ["市民政局"]),
        ],
    ),
    # the lead unit fused into the heading, 一是/二是 inside one paragraph
    "fused_unit_verb": (
        "区纪委区监委公布专项治理工作成果\n"
        "2022年，区纪委区监委深入开展专项治理，督导检查210次。\n"
        "一、区卫健委深化基层医疗卫生服务专项整治。一是建成家庭医生团队32个；二是开展义诊120场。\n"
        "二、区教育局推进校外培训专项治理。一是检查培训机构86家；二是查处违规机构9家。\n",
        [
            ("深化基层医疗卫生服务专项整治", ["区卫健委"]),
            ("推进校外培训专项治理", ["区教育局"]),
        ],
    ),
    # domain sections, the department named only as the actor of the sentence
    "domain_sections": (
        "市漠视侵害群众利益问题专项治理成果\n"
        "2024年，共查处群众身边腐败和作风问题120个。\n"
        "一、养老服务领域\n"
        "市民政局开展养老机构安全隐患排查，排查机构56家，整改问题132个。\n"
        "二、住房保障领域\n"
        "市住建局推进公租房分配专项整治，清退违规户38户，追缴租金46万元。\n",
        [("养老服务领域", ["市民政局"]), ("住房保障领域", ["市住建局"])],
    ),
    # unnumbered paragraphs whose first sentence is the project
    "first_sentence_is_the_project": (
        "县纪委监委公布2021年专项治理成果\n"
        "2021年，县纪委监委会同8家单位开展专项治理。\n"
        "整治农村饮水安全问题。县水利局完成改造工程12处，惠及群众3000人。\n"
        "整治城区停车难问题。县住建局新增停车位500个，查处违停1200起。\n",
        [("整治农村饮水安全问题", ["县水利局"]), ("整治城区停车难问题", ["县住建局"])],
    ),
}


@pytest.mark.parametrize("name", sorted(LAYOUTS))
def test_layouts_of_the_genre(name: str) -> None:
    text, expected = LAYOUTS[name]
    result = parse_announcement(text)
    assert [(p.title, p.lead_units) for p in result.projects] == expected
    assert all(p.figures for p in result.projects)


def test_yishi_items_inside_a_fused_heading_paragraph_are_outcome_items() -> None:
    text, _expected = LAYOUTS["fused_unit_verb"]
    first = parse_announcement(text).projects[0]
    assert [item.headline for item in first.outcomes] == ["建成家庭医生团队32个", "开展义诊120场"]
