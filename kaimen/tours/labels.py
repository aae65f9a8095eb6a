"""How the tours' events and their fields read on timelines and logs."""

from typing import Any

from django.utils.translation import gettext_lazy

ACTION_LABELS: dict[str, Any] = {
    "tour.measure_progress": gettext_lazy("报告整改进展"),
    "tour.measure_closed": gettext_lazy("对账销号"),
    "tour.measure_reopened": gettext_lazy("恢复整改"),
    "tour.measure_updated": gettext_lazy("修改整改措施"),
    "tour.created": gettext_lazy("登记巡视反馈"),
    "tour.updated": gettext_lazy("修改巡视信息"),
    "tour.imported": gettext_lazy("从整改进展情况通报导入"),
    "tour.items_added": gettext_lazy("录入反馈问题"),
    "tour.item_updated": gettext_lazy("修改反馈问题"),
    "tour.measures_added": gettext_lazy("录入整改措施"),
    "tour.report_created": gettext_lazy("生成整改进展情况通报"),
}
FIELD_LABELS: dict[str, Any] = {
    "progress": gettext_lazy("整改进展"),
    "state": gettext_lazy("状态"),
    "evidence": gettext_lazy("销号依据"),
    "text": gettext_lazy("整改措施"),
    "leader": gettext_lazy("责任领导"),
    "deadline": gettext_lazy("整改时限"),
    "units": gettext_lazy("责任单位"),
    "feedback_on": gettext_lazy("反馈日期"),
    "name": gettext_lazy("巡视名称"),
    "inspected_party": gettext_lazy("被巡视党组织"),
    "refunded_wan": gettext_lazy("清退金额（万元）"),
    "government_sanction": gettext_lazy("政务处分"),
    "party_discipline": gettext_lazy("党纪处分"),
    "reminder": gettext_lazy("提醒谈话"),
    "organizational": gettext_lazy("组织处理"),
    "institutions": gettext_lazy("建章立制"),
    "admonition": gettext_lazy("诫勉"),
    "items": gettext_lazy("反馈问题"),
    "measures": gettext_lazy("整改措施"),
    "closed_at": gettext_lazy("销号时间"),
    "ledger_checked": gettext_lazy("已对账"),
    "date": gettext_lazy("日期"),
}
