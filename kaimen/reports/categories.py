"""The fixed category table (codes are the Open311 service_codes). Loaded by migration 0002;
`category_sync` keeps it idempotent for the demo and tests."""

from kaimen.reports.models import Category, ReportKind

SR, DI = ReportKind.SERVICE_REQUEST, ReportKind.DISCIPLINE

CATEGORIES: list[tuple[str, str, str, str, str]] = [
    ("001", "村（社区）财务和集体“三资”", "村务、财务未公开，集体资产资源被侵占", SR, "基层治理"),
    ("002", "惠民惠农补贴发放", "补贴资金被截留、挪用、优亲厚友", SR, "民生保障"),
    ("003", "教育收费和校园管理", "违规收费、食堂采购、非教学事务进校园", SR, "教育"),
    ("004", "医疗和医保", "过度医疗、医保基金违规使用、药品耗材价格", SR, "卫生健康"),
    ("005", "养老服务", "养老服务补贴、养老机构服务和安全", SR, "民政"),
    ("006", "社会保险和就业", "社保待遇、欠薪、就业补贴", SR, "人力社保"),
    ("007", "住房和物业", "保障房分配、物业服务、维修资金", SR, "住房"),
    ("008", "生态环境", "污染、噪声、垃圾处置", SR, "环境"),
    ("009", "市场监管和食品安全", "价格、食品安全、消费维权", SR, "市场监管"),
    ("010", "电信网络诈骗", "电诈线索、涉诈账户和电话卡", SR, "公安"),
    ("011", "征地拆迁和安置", "补偿款发放、安置不到位", SR, "自然资源"),
    ("012", "政务服务和办事", "办事难、推诿扯皮、吃拿卡要", SR, "政务服务"),
    ("101", "违反中央八项规定精神", "公款吃喝、违规收送礼品礼金、违规发放津补贴", DI, "纪律作风"),
    ("102", "形式主义、官僚主义", "不作为、慢作为、乱作为，漠视群众利益", DI, "纪律作风"),
    ("103", "违纪违法问题线索", "贪污侵占、优亲厚友、利用职权谋利", DI, "违纪违法"),
    ("999", "其他", "以上分类之外的事项", SR, "其他"),
]


def category_sync() -> int:
    """Create or update the table's rows; returns how many were created."""
    created = 0
    for position, (code, name, description, kind, group) in enumerate(CATEGORIES, start=1):
        _category, was_created = Category.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "description": description,
                "kind": kind,
                "group": group,
                "position": position,
            },
        )
        created += was_created
    return created
