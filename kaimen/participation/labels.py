"""How the public participation's events and their fields read on timelines and logs."""

from typing import Any

from django.utils.translation import gettext_lazy as _

ACTION_LABELS: dict[str, Any] = {
    "topic.proposed": _("群众提出"),
    "topic.candidate_added": _("列为候选问题"),
    "topic.published": _("审核公开"),
    "topic.supported": _("群众支持"),
    "topic.merged": _("合并"),
    "topic.declined": _("不予采纳"),
    "topic.answered": _("公开答复"),
    "topic.selected": _("采纳立项"),
    "topic.withdrawn": _("提出人撤回"),
    "topic.assigned": _("交办答复"),
    "topic_call.created": _("发布点题征集"),
    "evaluation.submitted": _("群众评价"),
    "evaluation.changed": _("修改评价"),
    "evaluation.comment_hidden": _("评价留言被举报隐藏"),
    "evaluation.moderated": _("审核评价留言"),
    "survey.recorded": _("登记满意度调查"),
}
FIELD_LABELS: dict[str, Any] = {
    "opens_at": _("开始时间"),
    "closes_at": _("截止时间"),
    "region": _("地区"),
    "merged_into": _("合并到"),
    "responsible_unit": _("答复单位"),
    "answer": _("答复"),
    "answered_by": _("答复单位"),
    "comment": _("留言"),
    "support_rate": _("支持率"),
    "satisfaction_rate": _("满意率"),
    "awareness_rate": _("知晓率"),
    "sample_size": _("样本量"),
    "method": _("调查方式"),
}
