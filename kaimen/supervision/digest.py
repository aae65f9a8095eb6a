"""Supervision's lines of the staff daily digest: problems overdue or due today."""

from datetime import date
from typing import Any

from django.utils.translation import gettext as _

from kaimen.notifications.digest import DigestLine, digest_source
from kaimen.supervision.models import OPEN_STATES
from kaimen.supervision.selectors import problem_list_for


@digest_source
def problems_due(user: Any, today: date) -> list[DigestLine]:
    due = problem_list_for(user=user).filter(state__in=OPEN_STATES, deadline__lte=today)
    overdue = due.filter(deadline__lt=today).count()
    today_count = due.filter(deadline=today).count()
    lines: list[DigestLine] = []
    if overdue:
        lines.append(DigestLine(_("逾期未整改的问题 %(n)d 个") % {"n": overdue}, overdue=True))
    if today_count:
        lines.append(DigestLine(_("今日到期的整改问题 %(n)d 个") % {"n": today_count}))
    return lines
