"""How the announcements' events and their fields read on timelines and logs."""

from typing import Any

from django.utils.translation import gettext_lazy as _

ACTION_LABELS: dict[str, Any] = {
    "announcement.generated": _("生成成果公告"),
    "announcement.regenerated": _("重新生成成果公告"),
    "announcement.correction_started": _("开始更正"),
    "announcement.edited": _("修改公告"),
    "announcement.published": _("发布公告"),
    "announcement.rendered": _("生成文件"),
    "announcement.comment_posted": _("群众留言"),
    "announcement.comment_flagged": _("留言被举报"),
    "announcement.comment_moderated": _("审核留言"),
}
FIELD_LABELS: dict[str, Any] = {
    "chars": _("字数"),
    "from_version": _("依据版本"),
    "corrects": _("更正版本"),
}
