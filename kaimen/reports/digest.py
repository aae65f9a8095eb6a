"""The reports' part of the staff daily digest: acceptance and replies due today or overdue."""

from datetime import date
from typing import Any

from django.utils.translation import gettext as _

from kaimen.notifications.digest import DigestLine, digest_source
from kaimen.orgs.selectors import scope_for
from kaimen.reports.models import ACCEPT_PENDING_STATES, ReportState
from kaimen.reports.selectors import report_list_for


@digest_source
def reports_due(user: Any, today: date) -> list[DigestLine]:
    scope = scope_for(user)
    lines: list[DigestLine] = []
    if scope.supervise_paths or scope.is_superuser:
        to_accept = report_list_for(user=user, states=ACCEPT_PENDING_STATES).filter(
            accept_due__lte=today
        )
        overdue = to_accept.filter(accept_due__lt=today).count()
        due = to_accept.filter(accept_due=today).count()
        if overdue:
            lines.append(DigestLine(_("逾期未受理的举报 %(n)d 件") % {"n": overdue}, True))
        if due:
            lines.append(DigestLine(_("今日应受理的举报 %(n)d 件") % {"n": due}))
    if scope.unit_ids:
        to_reply = report_list_for(user=user, states=(ReportState.ASSIGNED,)).filter(
            assigned_unit_id__in=scope.unit_ids, reply_due__lte=today
        )
        overdue = to_reply.filter(reply_due__lt=today).count()
        due = to_reply.filter(reply_due=today).count()
        if overdue:
            lines.append(DigestLine(_("逾期未答复的交办举报 %(n)d 件") % {"n": overdue}, True))
        if due:
            lines.append(DigestLine(_("今日应答复的交办举报 %(n)d 件") % {"n": due}))
    return lines
