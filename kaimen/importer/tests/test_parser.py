"""Structure parsing: expectations written from reading the seeds, plus other layouts."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from kaimen.importer import ParsedAnnouncement, ParsedProject, parse_announcement
from kaimen.importer.tests import seed_text

# position -> (title, lead units, number of outcome items)
PROJECTS: dict[str, list[tuple[str, list[str], int]]] = {
    "000": [
        ("中小学非教育教学事务进校园问题专项治理", ["区教育局"], 3),
        ("电信网络诈骗专项治理", ["区公安分局"], 4),
        ("镇（街道）居家养老服务中心第三方运营不规范问题专项治理", ["区民政局"], 3),
        ("工伤领域突出问题专项治理", ["区人力社保局"], 2),
        ("噪声污染专项治理", ["市生态环境局定海分局"], 3),
        ("小区公共收益管理不规范问题专项治理", ["区住建局"], 4),
        ("基层医疗卫生服务问题专项治理", ["区卫生健康局"], 4),
        ("网络直播营销违法违规行为专项治理", ["市市场监管局定海分局"], 3),
        ("全区公立医院“食安食廉”问题专项治理", ["区卫生健康局", "市市场监管局定海分局"], 4),
    ],
    "001": [
        ("新能源汽车充电难问题专项治理", ["区发改局"], 2),
        ("教育乱收费专项治理", ["区教育局"], 3),
        ("电信网络诈骗专项治理", ["区公安分局"], 4),
        ("城镇居家养老服务保障专项治理", ["区民政局"], 4),
        ("社保政策落实不到位及行风方面问题专项治理", ["区人力社保局"], 3),
        ("农村回迁安置问题专项治理", ["市自然资源和规划局定海分局"], 3),
        ("城市回迁安置问题专项治理", ["区住建局"], 4),
        ("村经济合作社运行问题专项治理", ["区农业农村局"], 3),
        ("参保城乡居民健康体检同质同标问题专项治理", ["区卫生健康局"], 4),
        ("网络直播营销违法违规为专项治理", ["市场监管局定海分局"], 6),
        ("物业管理难题专项整治", ["区住建局"], 3),
        ("打通民用瓶装燃气配送“最后一公里”", ["区综合行政执法局"], 3),
        ("城区无食堂小学学生中餐就餐难专项治理", ["区教育局"], 3),
    ],
    "002": [
        ("中小学校食堂采购问题专项治理", ["区教育局"], 5),
        ("电信网络诈骗专项治理", ["区公安分局"], 5),
        ("特困供养机构管理问题专项治理", ["区民政局"], 4),
        ("职业技能培训领域突出问题专项治理", ["区人力社保局"], 3),
        ("农村回迁安置慢专项治理", ["市资源规划局定海分局"], 3),
        ("噪声污染专项治理", ["市生态环境局定海分局"], 4),
        ("老旧小区改造监管不到位问题专项治理", ["区住建局"], 3),
        ("村经济合作社领域腐败和作风问题专项治理", ["区农业农村局"], 4),
        ("燃油加油机计量准确性问题专项治理", ["市市场监管局定海分局"], 3),
        ("口腔种植医疗服务提质降费专项治理", ["区卫健局（区医保局）"], 4),
        ("“菜篮子”购销领域腐败问题专项治理", ["区“菜篮子”领导小组办公室"], 5),
        ("医疗急救抢救领域专项治理", ["区卫健局"], 2),
    ],
}

# position -> figures that must be among the project's figures: (label, normalised value, unit)
FIGURES: dict[str, dict[int, list[tuple[str, str, str]]]] = {
    "000": {
        1: [("问题整改率", "100", "%"), ("清理工作群", "713", "个")],
        2: [
            ("抓获涉诈犯罪嫌疑人", "136", "人"),
            ("追赃", "9746000", "元"),
            ("避免经济损失", "30000000", "元"),
            ("发放宣传资料", "600000", "份"),
        ],
        3: [("“四不两直”治理检查", "22", "次"), ("群众满意度", "90", "%")],
        4: [("核查档案", "597", "起"), ("检查", "3", "次"), ("咨询活动", "3", "场")],
        5: [("接报省市信访投诉件", "6", "个"), ("编制完成整改报告", "6", "份")],
        6: [("录入住宅小区", "173", "个"), ("处置反馈投诉举报问题", "3", "个")],
        7: [
            ("检验检查率同比增长", "164.77", "%"),
            ("减免诊疗费用", "150000", "元"),
            ("服务人群", "15000", "人次"),
        ],
        8: [("线上监测网站", "819", "个次"), ("处置消费投诉", "15", "起")],
        9: [("中心医院投入", "70000", "元"), ("发现并整改问题", "31", "项")],
    },
    "001": {
        1: [("建成公共充电站", "9", "座"), ("建成公共充电桩", "71", "个")],
        2: [("涉及金额", "89800", "元"), ("发放整改通知书", "6", "份")],
        3: [
            ("预警劝阻潜在受害人", "24000", "人次"),
            ("事中止付", "159000000", "元"),
            ("冻结", "39746000", "元"),
        ],
        4: [("发放星级补助资金", "2033400", "元")],
        5: [("参与研讨", "196", "人次")],
        8: [("涉及净值", "856000000", "元"), ("发现问题", "116", "件")],
        9: [("完成参保城乡居民健康体检", "66525", "人"), ("任务完成率", "120.3", "%")],
        10: [("罚没款", "74700", "元"), ("约谈指导直播企业", "38", "家")],
        11: [("发现问题", "491", "个"), ("制发整改通知书", "33", "份")],
        12: [("三轮电动配送车", "32", "辆")],
        13: [("投资", "4000000", "元")],
    },
    "002": {
        1: [("检查", "38", "次"), ("发现并整改问题", "36", "个")],
        2: [
            ("追赃挽损", "11324000", "元"),
            ("劝返率", "93.75", "%"),
            ("排查高危企业", "374", "家"),
            ("排查高危企业", "3155", "人"),
        ],
        3: [("特困人员", "192", "名"), ("养老护理员培训", "25", "人次")],
        4: [("追回违规资金", "86900", "元"), ("涉及人数", "88", "人")],
        5: [("未安置问题解决", "560", "户"), ("家庭户", "315", "户")],
        6: [("较去年提升", "3.09", "分")],
        7: [("涉及居民", "7327", "户"), ("建筑面积", "590000", "平方米")],
        8: [("业务培训", "224", "人次"), ("检查", "14", "次")],
        9: [("罚没款", "1248397.42", "元"), ("检查加油站", "110", "家次")],
        10: [("降幅", "55", "%"), ("采购中选种植体", "960", "套")],
        11: [("订单配送", "95", "次"), ("流动集市", "9", "次")],
        12: [("培训", "16", "人次")],
    },
}

INTRO_TOTALS: dict[str, list[tuple[str, str, str]]] = {
    "000": [
        ("会同单位", "8", "家"),
        ("精选项目", "9", "个"),
        ("督导检查", "646", "次"),
        ("查处腐败和作风问题", "2", "个"),
        ("批评教育帮助和处理", "2", "人"),
        ("推动职能部门整改问题", "18", "个"),
        ("推动建立和完善制度", "7", "项"),
    ],
    "001": [
        ("会同单位", "11", "家"),
        ("精选群众感受最直接", "13", "个"),
        ("下沉式监督检查", "97", "次"),
        ("助推整改问题", "27", "个"),
        ("推动建立和完善制度", "12", "个"),
    ],
    "002": [
        ("会同单位", "11", "家"),
        ("精选群众感受最直接", "12", "个"),
        ("督导检查", "194", "次"),
        ("查处腐败和作风问题", "19", "个"),
        ("批评教育帮助和处理", "19", "人"),
        ("推动职能部门整改问题", "56", "个"),
        ("推动建立和完善制度", "11", "项"),
    ],
}

YEARS = {"000": 2024, "001": 2022, "002": 2023}

_CACHE: dict[str, ParsedAnnouncement] = {}


def parsed(prefix: str) -> ParsedAnnouncement:
    if prefix not in _CACHE:
        _CACHE[prefix] = parse_announcement(seed_text(prefix))
    return _CACHE[prefix]


def triples(project_or_list: ParsedProject | list[object]) -> list[tuple[str, str, str]]:
    figures = project_or_list.figures if isinstance(project_or_list, ParsedProject) else []
    return [(f.label, str(f.normalized_value), f.normalized_unit) for f in figures]


@pytest.mark.parametrize("prefix", ["000", "001", "002"])
def test_project_count_titles_units_outcomes(prefix: str) -> None:
    result = parsed(prefix)
    expected = PROJECTS[prefix]
    assert len(result.projects) == len(expected)
    got = [(p.title, p.lead_units, len(p.outcomes)) for p in result.projects]
    assert got == expected
    assert [p.position for p in result.projects] == list(range(1, len(expected) + 1))


def test_project_counts_match_the_brief() -> None:
    assert [len(parsed(p).projects) for p in ("000", "002", "001")] == [9, 12, 13]


@pytest.mark.parametrize("prefix", ["000", "001", "002"])
def test_issuer_year_and_inference_warning(prefix: str) -> None:
    result = parsed(prefix)
    assert result.issuer == "定海区纪委监委"
    assert result.year == YEARS[prefix]
    assert any("定海区" in w and "inferred" in w for w in result.warnings)


def test_titles_of_the_announcements() -> None:
    assert parsed("000").title == "区纪委区监委公布漠视侵害群众利益问题专项治理工作成果"
    assert parsed("001").title == "区纪委区监委公布漠视侵害群众利益问题专项治理工作成果"
    assert parsed("002").title == ""
    assert any("title" in w for w in parsed("002").warnings)


@pytest.mark.parametrize("prefix", ["000", "001", "002"])
def test_intro_totals(prefix: str) -> None:
    result = parsed(prefix)
    got = [(f.label, str(f.normalized_value), f.normalized_unit) for f in result.intro_totals]
    assert got == INTRO_TOTALS[prefix]
    assert result.intro.startswith(f"{YEARS[prefix]}年")
    assert result.intro.endswith("。")


@pytest.mark.parametrize(
    ("prefix", "position"),
    [(prefix, position) for prefix, table in FIGURES.items() for position in table],
)
def test_sample_figures(prefix: str, position: int) -> None:
    project = parsed(prefix).projects[position - 1]
    got = triples(project)
    for expected in FIGURES[prefix][position]:
        assert expected in got, (project.title, expected, got)


@pytest.mark.parametrize("prefix", ["000", "001", "002"])
def test_figure_offsets_point_into_text(prefix: str) -> None:
    result = parsed(prefix)
    for project in result.projects:
        assert project.start < project.end
        assert project.title in result.text[project.start : project.end]
        for figure in project.figures:
            span = result.text[figure.start : figure.end]
            assert span.endswith(figure.unit[-1:])
            assert span in figure.source
            assert project.start <= figure.start < figure.end <= project.end
    for figure in result.intro_totals:
        assert result.text[figure.start : figure.end] in figure.source


def test_headline_and_body_split() -> None:
    first = parsed("000").projects[0].outcomes[0]
    assert first.headline == "强化统筹，形成治理融合力"
    assert first.body.startswith("成立专项治理工作专班")
    assert first.body.endswith("统筹推进专项治理工作。")
    injury = parsed("000").projects[3].outcomes[0]
    assert injury.headline == "抓实风险排查，着力推动治理精准规范"
    assert injury.body.startswith("聚焦工伤保险工作制度建设")
    fraud = parsed("001").projects[2].outcomes
    assert [o.headline for o in fraud] == [
        "狠抓督导问效",
        "推进反诈阵地建设",
        "完善三级预警联动及预警反制工作",
        "持续营造全民反诈氛围",
    ]


def test_yishi_items_and_nested_yishi_stay_in_body() -> None:
    resettlement = parsed("002").projects[4]
    assert [o.headline for o in resettlement.outcomes] == [
        "高度重视，落实工作方案",
        "加强督导，明确总体目标",
        "真抓实干，完成年度任务",
    ]
    emergency = parsed("002").projects[11]
    assert emergency.outcomes[1].headline == "强化组织管理，提升院前医疗急救服务能力"
    assert emergency.outcomes[1].body.startswith("一是加强业务培训。")
    assert "二是加强监督考核" in emergency.outcomes[1].body


def test_goals() -> None:
    assert all(p.goal is None for p in parsed("000").projects)
    goals = [p.goal for p in parsed("002").projects]
    assert all(goals)
    assert goals[0] is not None
    assert goals[0].startswith("聚焦中小学校食堂在采购、验收、财务核算")
    assert goals[0].endswith("发挥食堂公益功能。")
    implant = parsed("002").projects[9]
    targets = [f for f in implant.figures if f.qualifier == "不超过"]
    assert targets
    assert targets[0].normalized_value == Decimal(4275)
    assert targets[0].normalized_unit == "元"


def test_project_figures_are_goal_plus_outcomes_in_order() -> None:
    for project in parsed("002").projects:
        outcome_figures = [f for item in project.outcomes for f in item.figures]
        assert project.figures[len(project.figures) - len(outcome_figures) :] == outcome_figures
        starts = [f.start for f in project.figures]
        assert starts == sorted(starts)


def test_inspection_tour_report_is_read_as_a_tour_progress_report() -> None:
    result = parse_announcement(seed_text("004"))
    assert result.kind == "tour_progress"
    assert result.projects == []
    assert result.issuer == "中共舟山市定海区委"
    assert result.title.startswith("中共舟山市定海区委关于")
    items = result.feedback_items
    assert len(items) == 8
    assert sum(len(item.measures) for item in items) == 25
    assert items[0].title == "落实整改主体责任不够到位"
    assert items[0].measures[0].startswith("区委全面落实巡视整改主体责任")
    totals = {
        (fig.label, int(fig.normalized_value), fig.normalized_unit) for fig in result.intro_totals
    }
    for expected in [
        ("给予党纪处分", 8, "人"),
        ("撤销党内职务", 1, "人"),  # the bracketed breakdown is kept as figures too
        ("党内严重警告", 1, "人"),
        ("党内警告", 6, "人"),
        ("政务处分", 3, "人"),
        ("诫勉", 7, "人"),
        ("建立完善制度", 17, "项"),
        ("清退款项", 44900, "元"),
    ]:
        assert expected in totals
    assert any("8 fed-back problems, 25 measures" in w for w in result.warnings)


def test_to_json_dict_shape() -> None:
    data = parsed("000").to_json_dict()
    assert set(data) == {
        "kind",
        "issuer",
        "year",
        "intro_totals",
        "declared_counts",
        "projects",
        "feedback_items",
        "warnings",
    }
    assert data["kind"] == "results"
    assert data["declared_counts"] == [
        {"label": "会同单位", "value": 8, "unit": "家"},
        {"label": "精选项目", "value": 9, "unit": "个"},
    ]
    assert data["issuer"] == "定海区纪委监委"
    assert data["year"] == 2024
    projects = data["projects"]
    assert isinstance(projects, list)
    assert len(projects) == 9
    fraud = projects[1]
    assert set(fraud) == {"title", "lead_units", "goal", "outcomes", "metrics", "targets"}
    assert fraud["lead_units"] == ["区公安分局"]
    assert fraud["goal"] is None
    assert set(fraud["outcomes"][0]) == {"headline", "body"}
    assert {"label": "追赃", "value": 9746000, "unit": "元"} in fraud["metrics"]
    totals = data["intro_totals"]
    assert isinstance(totals, list)
    assert totals[2] == {"label": "督导检查", "value": 646, "unit": "次"}
    json.dumps(data, ensure_ascii=False)  # serialisable as is


def test_no_warnings_beyond_inference_for_clean_seeds() -> None:
    assert len(parsed("000").warnings) == 1
    assert len(parsed("001").warnings) == 1


# --------------------------------------------------------------------------- other layouts

TAIL_LAYOUT = """舟山市纪委市监委公布2024年漠视侵害群众利益问题专项治理工作成果
2024年，市纪委市监委会同10家单位精选3个项目，全市共组织督导检查1,200次，推动整改问题３５个。
一、电信网络诈骗专项治理（牵头单位：市公安局）
一是加强宣传。发放资料2万份；二是强化打击，追赃1.2亿元。
二、养老服务专项治理(牵头单位:市民政局、市财政局)
1.摸清底数。排查机构12家。2.整改问题。整改问题8个。
三、校外培训专项整治（市教育局牵头）
（一）规范收费。退费约30万元。（二）加强检查。检查机构15家次。
（来源：舟山市纪委监委）
"""

FUSED_LAYOUT = """省纪委省监委公布漠视侵害群众利益问题专项治理成果
2023年以来，浙江省纪委省监委聚焦群众急难愁盼，在全省开展专项治理。浙江省各级纪检监察机关共查处问题5704个。
一、省教育厅：校外培训机构预收费监管问题专项治理
省教育厅会同有关部门，排查机构2000余家，督促退费超过3000万元。
二、省民政厅牵头开展养老机构服务质量问题专项治理
检查养老机构1500家次，整改问题320个。
"""

INLINE_LABELS = """淳安县纪委县监委公布专项治理成果
2025年，县纪委县监委精选2个项目。
项目名称：城区停车难问题专项治理 牵头单位：县交通局和县住建局
治理成果：新增停车位800个，其中公共停车场3座。
项目名称：农村饮水安全问题专项治理
牵头单位：县水利局
治理成果：
①改造供水管网12公里。
②新建水厂1座，惠及群众2.3万人。
"""


def test_tail_layout() -> None:
    result = parse_announcement(TAIL_LAYOUT)
    assert result.issuer == "舟山市纪委监委"
    assert result.year == 2024
    assert [(p.title, p.lead_units) for p in result.projects] == [
        ("电信网络诈骗专项治理", ["市公安局"]),
        ("养老服务专项治理", ["市民政局", "市财政局"]),
        ("校外培训专项整治", ["市教育局"]),
    ]
    assert [[o.headline for o in p.outcomes] for p in result.projects] == [
        ["加强宣传", "强化打击，追赃1.2亿元"],
        ["摸清底数", "整改问题"],
        ["规范收费", "加强检查"],
    ]
    assert ("督导检查", "1200", "次") in [
        (f.label, str(f.normalized_value), f.normalized_unit) for f in result.intro_totals
    ]
    assert "来源" not in result.projects[-1].outcomes[-1].body
    assert result.warnings == []


def test_fused_layout_and_province_issuer() -> None:
    result = parse_announcement(FUSED_LAYOUT)
    assert result.issuer == "浙江省纪委监委"
    assert [(p.title, p.lead_units) for p in result.projects] == [
        ("校外培训机构预收费监管问题专项治理", ["省教育厅"]),
        ("养老机构服务质量问题专项治理", ["省民政厅"]),
    ]
    assert all(len(p.outcomes) == 1 for p in result.projects)
    assert any("not numbered" in w for w in result.warnings)
    assert ("督促退费", "30000000", "元") in triples(result.projects[0])


def test_inline_labels_and_circled_items() -> None:
    result = parse_announcement(INLINE_LABELS)
    assert result.issuer == "淳安县纪委监委"
    assert [(p.title, p.lead_units) for p in result.projects] == [
        ("城区停车难问题专项治理", ["县交通局", "县住建局"]),
        ("农村饮水安全问题专项治理", ["县水利局"]),
    ]
    assert [o.headline for o in result.projects[1].outcomes] == [
        "改造供水管网12公里",
        "新建水厂1座，惠及群众2.3万人",
    ]
    assert ("惠及群众", "23000", "人") in triples(result.projects[1])


def test_lead_unit_with_he_inside_its_name_is_not_split() -> None:
    result = parse_announcement(
        "治理项目：农村回迁安置问题专项治理\n牵头单位：市自然资源和规划局定海分局\n治理成果：1.完成。2.完成。"
    )
    assert result.projects[0].lead_units == ["市自然资源和规划局定海分局"]


def test_expected_count_mismatch_warns() -> None:
    text = seed_text("000")
    cut = text.index("五\n治理项目")
    result = parse_announcement(text[:cut])
    assert len(result.projects) == 4
    assert any("9" in w and "4" in w and "announces" in w for w in result.warnings)
