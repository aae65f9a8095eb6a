from pathlib import Path

import pytest

from kaimen.campaigns.indicators import code_for
from kaimen.importer import decode_bytes, parse_announcement

SEEDS = Path(__file__).resolve().parents[4] / "shared" / "seeds"


@pytest.mark.parametrize(
    ("label", "unit", "code"),
    [
        ("督导检查", "次", "inspections"),
        ("下沉式监督检查", "次", "inspections"),
        ("实地督查指导", "次", "inspections"),
        ("“四不两直”治理检查", "次", "inspections"),
        ("检查加油站", "家次", "inspections"),
        ("检查了中小学校", "所", ""),
        ("查处腐败和作风问题", "个", "cases"),
        ("批评教育帮助和处理", "人", "persons_handled"),
        ("推动职能部门整改问题", "个", "problems_rectified"),
        ("助推整改问题", "个", "problems_rectified"),
        ("发现并推动问题整改", "个", "problems_rectified"),
        ("问题整改率", "%", ""),
        ("推动建立和完善制度", "项", "institutions"),
        ("推动建立和完善制度", "个", "institutions"),
        ("追赃", "元", "funds_recovered"),
        ("追赃挽损", "元", "funds_recovered"),
        ("追回违规资金", "元", "funds_recovered"),
        ("避免群众财产损失", "元", "losses_avoided"),
        ("打处犯罪嫌疑人", "名", "suspects"),
        ("劝阻潜在被骗对象", "人", "dissuaded"),
        ("发放整改通知书", "份", "notices"),
        ("群众满意度", "%", "satisfaction"),
        ("会同单位", "家", "units_involved"),
        ("精选群众感受最直接", "个", "projects_selected"),
        ("涉及金额", "元", ""),
    ],
)
def test_code_for_maps_the_announcements_labels(label: str, unit: str, code: str) -> None:
    assert code_for(label, unit) == code


def test_the_demo_announcements_intro_totals_all_get_a_code() -> None:
    # given the three 定海 announcements the demo imports (2022–2024)
    codes: dict[int, list[str]] = {}
    for prefix in ("000_", "001_", "002_"):
        path = next(SEEDS.glob(f"{prefix}*.txt"))
        parsed = parse_announcement(decode_bytes(path.read_bytes()))
        # when their intro figures are classified
        codes[parsed.year or 0] = [
            code_for(f.label, f.normalized_unit) for f in parsed.intro_totals
        ]
    # then every one of them has its code, in the order the announcements write them
    assert codes[2022] == [
        "units_involved", "projects_selected", "inspections", "problems_rectified", "institutions",
    ]  # fmt: skip
    assert codes[2023] == codes[2024] == [
        "units_involved", "projects_selected", "inspections", "cases", "persons_handled",
        "problems_rectified", "institutions",
    ]  # fmt: skip
