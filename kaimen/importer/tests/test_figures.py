"""Figure extraction: a table of edge cases read from the seeds and the genre."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kaimen.importer import extract_figures, normalize_text

# (text, [(label, value, unit, normalized_value, normalized_unit, qualifier), ...])
Row = tuple[str, str, str, str, str, str]
CASES: list[tuple[str, list[Row]]] = [
    ("追赃974.6万元，", [("追赃", "974.6", "万元", "9746000", "元", "")]),
    ("抓获涉诈犯罪嫌疑人136人", [("抓获涉诈犯罪嫌疑人", "136", "人", "136", "人", "")]),
    ("共组织督导检查646次，", [("督导检查", "646", "次", "646", "次", "")]),
    ("开展下沉式监督检查97次", [("下沉式监督检查", "97", "次", "97", "次", "")]),
    (
        "成功预警劝阻潜在受害人2.4万人次",
        [("预警劝阻潜在受害人", "2.4", "万人次", "24000", "人次", "")],
    ),
    ("事中止付1.59亿元", [("事中止付", "1.59", "亿元", "159000000", "元", "")]),
    ("有效避免经济损失3000余万元。", [("避免经济损失", "3000", "万元", "30000000", "元", "余")]),
    ("发放宣传资料60万余份", [("发放宣传资料", "60", "万份", "600000", "份", "余")]),
    ("群众满意度超过90%", [("群众满意度", "90", "%", "90", "%", "超过")]),
    ("问题整改率100%", [("问题整改率", "100", "%", "100", "%", "")]),
    ("总服务人群近1.5万余人次", [("服务人群", "1.5", "万人次", "15000", "人次", "近、余")]),
    (
        "活动期间浏览量累计达到20多万人次",
        [("活动期间浏览量", "20", "万人次", "200000", "人次", "多")],
    ),
    ("平均配备45种以上常用药品", [("平均配备常用药品", "45", "种", "45", "种", "以上")]),
    ("中心医院投入近7万元资金", [("中心医院投入", "7", "万元", "70000", "元", "近")]),
    ("罚没款124.839742万元", [("罚没款", "124.839742", "万元", "1248397.42", "元", "")]),
    ("涉及金额0.375万元", [("涉及金额", "0.375", "万元", "3750", "元", "")]),
    ("建筑面积约59万平方米", [("建筑面积", "59", "万平方米", "590000", "平方米", "约")]),
    ("追回26,877万元", [("追回", "26877", "万元", "268770000", "元", "")]),
    (
        "单颗种植牙总费用控制在6000元左右",
        [("单颗种植牙总费用控制在", "6000", "元", "6000", "元", "左右")],
    ),
    (
        "排查高危企业374家3155人",
        [
            ("排查高危企业", "374", "家", "374", "家", ""),
            ("排查高危企业", "3155", "人", "3155", "人", ""),
        ],
    ),
    (
        "分别同比下降3.8%、10.7%",
        [
            ("同比下降", "3.8", "%", "3.8", "%", ""),
            ("同比下降", "10.7", "%", "10.7", "%", ""),
        ],
    ),
    (
        "会同8家单位精选9个项目，",
        [
            ("会同单位", "8", "家", "8", "家", ""),
            ("精选项目", "9", "个", "9", "个", ""),
        ],
    ),
    ("完成2个宁静小区创建任务", [("完成宁静小区创建任务", "2", "个", "2", "个", "")]),
    ("共开展三次检查，", [("检查", "3", "次", "3", "次", "")]),
    ("增长率同比高出2022年8个百分点", [("增长率同比高出", "8", "个百分点", "8", "个百分点", "")]),
    ("家庭户为315户", [("家庭户", "315", "户", "315", "户", "")]),
    ("覆盖城区3.79万老年人", [("覆盖城区老年人", "3.79", "万", "37900", "", "")]),
    ("较去年提升3.09分", [("较去年提升", "3.09", "分", "3.09", "分", "")]),
    # not figures
    ("截至2024年12月底，", []),
    ("2023年-2025年", []),
    ("3-5年未安置问题逐步解决", []),
    ("第3批试点", []),
    ("《关于下达2024年舟山市宁静小区建设任务的通知》", []),
    ("明确“5个100%清零”治理目标", []),
    ("1.健全工作机制。", []),
    ("联系方式：0580-2601617；蓬莱路6-4号", []),
    ("设立24小时投诉举报电话", []),
    ("“12345”热线，96110反诈热线", []),
    ("罚款万元以上大案", []),
    ("价格均价在3500左右", []),
    ("案管7.0版系统", []),
    ("一把手、三个全覆盖、两个战场、第一种形态", []),
    ("每两年开展一次复评", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:14] for c in CASES])
def test_figure_table(text: str, expected: list[Row]) -> None:
    norm = normalize_text(text)
    got = [
        (
            f.label,
            str(f.value),
            f.unit,
            str(f.normalized_value),
            f.normalized_unit,
            f.qualifier,
        )
        for f in extract_figures(norm)
    ]
    assert got == expected


def test_offsets_point_at_number_and_unit() -> None:
    text = (
        "统筹境内境外两个战场，抓获涉诈犯罪嫌疑人136人，追赃974.6万元，有效避免经济损失3000余万元。"
    )
    figures = extract_figures(text, offset=100)
    assert [text[f.start - 100 : f.end - 100] for f in figures] == [
        "136人",
        "974.6万元",
        "3000余万元",
    ]
    assert [f.source for f in figures] == [
        "抓获涉诈犯罪嫌疑人136人",
        "追赃974.6万元",
        "避免经济损失3000余万元",
    ]


def test_values_are_decimals_and_integral_normalised_values_have_no_exponent() -> None:
    (figure,) = extract_figures("追赃974.6万元")
    assert isinstance(figure.value, Decimal)
    assert figure.value == Decimal("974.6")
    assert figure.normalized_value == Decimal(9746000)
    assert str(figure.normalized_value) == "9746000"


def test_to_json_dict_uses_normalised_value() -> None:
    (money,) = extract_figures("追赃974.6万元")
    (rate,) = extract_figures("覆盖率53.7%")
    assert money.to_json_dict() == {"label": "追赃", "value": 9746000, "unit": "元"}
    assert rate.to_json_dict() == {"label": "覆盖率", "value": 53.7, "unit": "%"}
    assert isinstance(money.to_json_dict()["value"], int)


@pytest.mark.parametrize("text", ["", "。。。", "万元", "%%%", "1" * 500, "第", "约" * 50])
def test_degenerate_inputs(text: str) -> None:
    assert isinstance(extract_figures(text), list)


# Label rules for texts of other regions: (text, [(label, normalised value, normalised unit)])
LABEL_CASES: list[tuple[str, list[tuple[str, str, str]]]] = [
    # cut at a connective inside the clause (共/累计/已/其中)
    (
        "全省纪检监察机关共受理群众留言和问题线索1.46万条",
        [("受理群众留言和问题线索", "14600", "条")],
    ),
    ("各牵头部门共受理群众诉求2.8万条", [("受理群众诉求", "28000", "条")]),
    ("巡回医疗服务已开展446次", [("巡回医疗服务", "446", "次")]),
    ("活动期间浏览量累计达到20多万人次", [("活动期间浏览量", "200000", "人次")]),
    # the subject before the verb is not part of the label
    ("全区纪检监察机关推动解决问题286个", [("推动解决问题", "286", "个")]),
    # the noun after the classifier stops before the next verb or adverb
    (
        "会同10家市级部门精选4个项目",
        [("会同市级部门", "10", "家"), ("精选项目", "4", "个")],
    ),
    ("对全市1,032家校外培训机构逐一排查", [("校外培训机构", "1032", "家")]),
    ("全县86所中小学统一执行收费标准", [("中小学", "86", "所")]),
    (
        "为3.6万名劳动者追发工资待遇4.9亿元",
        [("劳动者", "36000", "名"), ("追发工资待遇", "490000000", "元")],
    ),
    # a causative verb alone before the counted noun adds nothing
    ("推动1,190家乡镇卫生院全部达标", [("乡镇卫生院", "1190", "家")]),
    # figures with no words before them take the verb phrase after them
    ("为19户39人办理退费，", [("办理退费", "19", "户"), ("办理退费", "39", "人")]),
    # words ending in a character that is also a trailing particle keep it
    ("查处违规培训行为167起", [("查处违规培训行为", "167", "起")]),
    ("建制村客车通达率保持100%", [("建制村客车通达率", "100", "%")]),
    ("组织处理1,367人", [("组织处理", "1367", "人")]),
    # a long label starts at its last counting verb; a place phrase "在…" is dropped
    ("引入社会专业力量开设特色课程312门", [("开设特色课程", "312", "门")]),
    ("在学校周边新增临时停车泊位520个", [("新增临时停车泊位", "520", "个")]),
    # over-long labels are cut at a word boundary, not mid-word
    (
        "即三甲、三乙、二级及以下公立医疗机构医疗服务总价不超过4275元",
        [("公立医疗机构医疗服务总价", "4275", "元")],
    ),
    # a bare figure in a list takes the words before the list's first number
    (
        "老旧小区改造55个区块，24个标段，289幢，涉及居民7327户",
        [
            ("老旧小区改造区块", "55", "个"),
            ("标段", "24", "个"),
            ("老旧小区改造", "289", "幢"),
            ("涉及居民", "7327", "户"),
        ],
    ),
    ("资产处置等5个方面全面开展自查", [("方面", "5", "个")]),
    # chained figures keep the label: "18批42起"
    ("立案查处18批42起", [("立案查处", "18", "批"), ("立案查处", "42", "起")]),
    (
        "通报曝光典型案例127批392起",
        [("通报曝光典型案例", "127", "批"), ("通报曝光典型案例", "392", "起")],
    ),
]


@pytest.mark.parametrize(("text", "expected"), LABEL_CASES, ids=[c[0][:14] for c in LABEL_CASES])
def test_label_table(text: str, expected: list[tuple[str, str, str]]) -> None:
    got = [
        (f.label, str(f.normalized_value), f.normalized_unit)
        for f in extract_figures(normalize_text(text))
    ]
    assert got == expected
