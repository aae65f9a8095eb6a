"""The indicator dictionary: stable codes for the figures commissions report (督导检查 N 次 …).

Announcements word the same figure many ways ("督导检查", "下沉式监督检查", "实地督查指导"; "推动职能部门
整改问题", "助推整改问题", "发现并整改问题") and count it in different units (个/件/起/条). Every
figure is given one code by `indicator_for(label, unit)`: the first indicator (most specific
first) whose keywords occur in the label, none of whose exclusions do, and whose units include
the figure's normalised unit. The code is stored on `campaigns.Metric.code` when a figure is
written (import, outcome items; `insights.services.metric_codes_assign` classifies older ones)
so that totals roll up by code across districts, levels and years.
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Indicator:
    code: str
    label: str | Promise
    unit: str
    keywords: tuple[str, ...]
    units: tuple[str, ...]
    excludes: tuple[str, ...] = ()

    def matches(self, label: str, unit: str) -> bool:
        return (
            unit in self.units
            and any(k in label for k in self.keywords)
            and not any(x in label for x in self.excludes)
        )


COUNT_UNITS = ("个", "件", "起", "条", "项", "处", "例")
PERSON_UNITS = ("人", "名", "人次")

# Order matters: the first match wins, so specific phrases come before general ones.
INDICATORS: tuple[Indicator, ...] = (
    Indicator("units_involved", _("会同单位"), "家", ("会同",), ("家", "个")),
    Indicator("projects_selected", _("精选项目"), "个", ("精选", "选定项目"), ("个", "项")),
    Indicator(
        "cases",
        _("查处腐败和作风问题"),
        "个",
        ("查处腐败", "作风问题", "查处问题"),
        ("个", "起", "件"),
    ),
    Indicator(
        "persons_handled",
        _("批评教育帮助和处理"),
        "人",
        ("批评教育", "问责处理", "处理人员"),
        PERSON_UNITS,
    ),
    Indicator(
        "sanctions", _("党纪政务处分"), "人", ("党纪政务处分", "党纪处分", "政务处分"), PERSON_UNITS
    ),
    Indicator(
        "typical_cases", _("通报曝光典型案例"), "起", ("典型案例", "通报曝光"), ("起", "个", "批")
    ),
    Indicator(
        "institutions",
        _("建立完善制度"),
        "项",
        ("制度", "长效机制"),
        ("项", "个", "件", "份"),
    ),
    Indicator("listed", _("挂牌督办"), "个", ("挂牌督办",), COUNT_UNITS),
    Indicator("lookbacks", _("回头看"), "个", ("回头看",), COUNT_UNITS),
    Indicator(
        "problems_found",
        _("发现问题"),
        "个",
        ("发现问题", "排查问题", "梳理问题"),
        COUNT_UNITS,
        excludes=("整改", "解决", "率"),
    ),
    Indicator(
        "notices", _("制发整改通知书"), "份", ("整改通知", "督办单", "提醒函"), ("份", "张", "件")
    ),
    Indicator(
        "problems_rectified",
        _("推动整改问题"),
        "个",
        ("整改问题", "问题整改", "解决各类问题", "解决问题", "推动解决", "问题解决", "整改"),
        COUNT_UNITS,
        excludes=("率",),
    ),
    Indicator(
        "inspections",
        _("督导检查"),
        "次",
        ("督导检查", "监督检查", "督查", "督导", "检查", "巡查", "暗访"),
        ("次", "家次", "轮"),
        excludes=("率",),
    ),
    Indicator(
        "funds_recovered",
        _("追缴/挽回资金"),
        "元",
        ("追赃", "挽损", "追缴", "追回", "挽回", "清退", "退还", "退赔", "收缴"),
        ("元",),
    ),
    Indicator("losses_avoided", _("避免群众损失"), "元", ("避免",), ("元",)),
    Indicator("suspects", _("抓获/打处犯罪嫌疑人"), "人", ("犯罪嫌疑人",), PERSON_UNITS),
    Indicator("dissuaded", _("劝阻潜在受害人"), "人次", ("劝阻",), PERSON_UNITS),
    Indicator("satisfaction", _("群众满意度"), "%", ("满意度", "满意率"), ("%",)),
)
BY_CODE: dict[str, Indicator] = {indicator.code: indicator for indicator in INDICATORS}
# The figures of a results announcement's intro, in the order the seeds write them.
INTRO_CODES = (
    "inspections",
    "cases",
    "persons_handled",
    "problems_rectified",
    "institutions",
    "funds_recovered",
)
# Indicators whose values are rates: never summed across campaigns.
RATE_CODES = frozenset({"satisfaction"})
# Written units counted as the indicator's unit (名 → 人).
_UNIT_ALIASES = {"名": "人", "位": "人", "户次": "次"}


def _clean(label: str) -> str:
    return "".join(label.split()).replace("“", "").replace("”", "").replace('"', "")


def indicator_for(label: str, unit: str) -> Indicator | None:
    """The indicator a figure reports, from its label and normalised unit; None if unknown."""
    text = _clean(label)
    unit = _UNIT_ALIASES.get(unit.strip(), unit.strip())
    for indicator in INDICATORS:
        if indicator.matches(text, unit):
            return indicator
    return None


def code_for(label: str, unit: str) -> str:
    indicator = indicator_for(label, unit)
    return indicator.code if indicator else ""
