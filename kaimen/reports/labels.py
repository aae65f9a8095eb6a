"""How the reports' events and their fields read on timelines and logs."""

from typing import Any

from django.utils.translation import gettext_lazy as _

ACTION_LABELS: dict[str, Any] = {
    "report.received": _("受理登记"),
    "report.accepted": _("受理"),
    "report.declined": _("不予受理"),
    "report.assigned": _("交办责任单位"),
    "report.replied": _("答复"),
    "report.rated": _("群众评价"),
    "report.reopened": _("群众不满意，重新办理"),
    "report.closed": _("办结"),
    "report.linked": _("关联举报"),
    "report.problem_created": _("转为问题线索"),
    "report.identity_read": _("查看举报人身份"),
    "report.exported": _("导出"),
    "report.imported": _("从12345工单导入"),
    "routing_rule.created": _("新增分派规则"),
    "routing_rule.deleted": _("删除分派规则"),
}
FIELD_LABELS: dict[str, Any] = {
    "state": _("状态"),
    "unit": _("责任单位"),
    "reply": _("答复"),
    "rating": _("评价"),
    "report": _("关联举报"),
    "anonymous": _("匿名"),
    "category": _("类别"),
    "place": _("地点"),
    "problem": _("问题"),
    "organization": _("受理机关"),
    "attachments": _("附件"),
    "accept_due": _("受理期限"),
    "channel": _("来源渠道"),
    "project": _("治理项目"),
    "reply_due": _("答复期限"),
    "assigned_unit": _("责任单位"),
}
