"""Which stable theme a project title belongs to, so themes can be compared across years.

The table is read top to bottom and the first theme with a keyword in the title wins: specific
subjects (fraud, resettlement, chargers) come before broad ones (education, health), so that
"校园电信网络诈骗" is anti-fraud and "安置房质量" is land/resettlement only when it says so.
"""

from kaimen.campaigns.models import Theme

THEME_KEYWORDS: tuple[tuple[Theme, tuple[str, ...]], ...] = (
    (Theme.ANTI_FRAUD, ("诈骗", "反诈", "电诈")),
    (Theme.LAND_RESETTLEMENT, ("拆迁", "征地", "征收", "回迁", "安置补偿")),
    (Theme.ENERGY, ("充电", "燃气", "供电", "用电")),
    (Theme.ELDERLY_CARE, ("养老", "老年", "敬老", "助餐")),
    (Theme.EMPLOYMENT, ("欠薪", "拖欠工资", "农民工工资", "就业", "劳动报酬", "职业技能")),
    (
        Theme.SOCIAL_INSURANCE,
        ("社保", "社会保险", "工伤", "低保", "特困", "救助", "残疾", "困难群众", "补贴"),
    ),
    (Theme.HEALTH, ("医保", "医疗", "医院", "医", "药", "急救", "卫生", "健康", "种植牙")),
    (Theme.EDUCATION, ("教育", "校园", "学校", "中小学", "幼儿园", "学生", "食堂", "校外培训")),
    (Theme.HOUSING, ("物业", "住房", "安置房", "小区", "房屋", "保障房", "电梯", "公租房")),
    (Theme.ENVIRONMENT, ("环境", "污染", "生态", "垃圾", "污水", "噪音", "扬尘", "河道")),
    (
        Theme.MARKET_REGULATION,
        (
            "市场",
            "食品安全",
            "价格",
            "计量",
            "商品",
            "消费",
            "菜篮子",
            "农贸",
            "特种设备",
            "直播",
            "营销",
        ),
    ),
    (
        Theme.AGRICULTURE,
        ("农业", "农村", "惠农", "耕地", "渔业", "渔民", "三资", "集体经济", "经济合作社", "村级"),
    ),
    (Theme.TRANSPORT, ("交通", "公交", "停车", "道路", "出行", "客运")),
    (Theme.PUBLIC_SERVICE, ("政务", "办事", "审批", "窗口", "便民服务", "不动产登记")),
)


def theme_for_title(title: str) -> Theme:
    """The theme a project title names; `Theme.OTHER` when no keyword matches."""
    for theme, keywords in THEME_KEYWORDS:
        if any(keyword in title for keyword in keywords):
            return theme
    return Theme.OTHER
