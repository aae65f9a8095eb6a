"""How supervision's events and their fields read on timelines and logs."""

from typing import Any

from django.utils.translation import gettext_lazy as _

ACTION_LABELS: dict[str, Any] = {
    "problem.created": _("登记问题（挂号）"),
    "problem.notify": _("下发整改通知书"),
    "problem.start_rectifying": _("责任单位签收，开始整改"),
    "problem.submit_evidence": _("提交整改材料"),
    "problem.return": _("退回补充整改材料"),
    "problem.close": _("验收销号"),
    "problem.mark_basically_done": _("审核：阶段性成果，持续整改"),
    "problem.mark_long_term": _("列为长期坚持"),
    "problem.request_extension": _("申请延期"),
    "problem.approve_extension": _("同意延期"),
    "problem.refuse_extension": _("不同意延期"),
    "problem.list": _("挂牌督办"),
    "problem.reopen": _("回头看：反弹回潮，重新整改"),
    "problem.confirm_lookback": _("回头看：维持销号"),
    "problem.letter_sent": _("发出预警文书"),
    "problem.linked_report": _("关联举报"),
    "inspection.created": _("登记督导检查"),
    "accountability.created": _("登记问责"),
    "institution.created": _("登记建章立制"),
    "warning_policy.saved": _("修改预警规则"),
}
FIELD_LABELS: dict[str, Any] = {
    "state": _("状态"),
    "deadline": _("整改时限"),
    "notice": _("通知书文号"),
    "requested_deadline": _("申请延至"),
    "progress": _("整改进度"),
    "listed_number": _("督办单编号"),
    "listed_deadline": _("督办时限"),
    "lookback_due": _("回头看日期"),
    "lookback_done_on": _("回头看完成日期"),
    "number": _("编号"),
    "kind": _("文书"),
    "colour": _("预警颜色"),
    "checklist": _("六见"),
    "problems": _("发现的问题"),
    "inspected_units": _("被检查单位"),
    "date": _("日期"),
    "projects": _("治理项目"),
    "project": _("治理项目"),
    "persons": _("问责人数"),
    "cases": _("问责起数"),
    "measure": _("处理方式"),
    "issued_on": _("印发日期"),
}
# kept in the record, not shown on the timeline (the page shows them elsewhere)
HIDDEN_FIELDS = {
    "closed_at",
    "listed_by",
    "listed_at",
    "listed",
    "extension",
    "inspection",
    "source",
    "responsible_unit",
}
