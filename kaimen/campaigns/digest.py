"""The campaigns' lines of the staff daily digest: every month a lead unit still owes a
monthly report for, per project in progress — not only the last."""

from datetime import date
from typing import Any

from django.utils.translation import gettext as _

from kaimen.campaigns.models import ProjectState
from kaimen.campaigns.selectors import project_list_staff_for, report_months_missing
from kaimen.notifications.digest import DigestLine, digest_source
from kaimen.orgs.selectors import scope_for


@digest_source
def reports_owed(user: Any, today: date) -> list[DigestLine]:
    units = scope_for(user).unit_ids
    if not units:
        return []
    projects = project_list_staff_for(user=user).filter(
        state=ProjectState.IN_PROGRESS, lead_units__in=units
    )
    lines = []
    for project in projects.distinct():
        missing = report_months_missing(project, today)
        if missing:
            months = "、".join(f"{m.year}年{m.month}月" for m in missing)
            text = _("“%(project)s”待报送月报：%(months)s") % {
                "project": project.title,
                "months": months,
            }
            lines.append(DigestLine(text, overdue=any(m < today.replace(day=1) for m in missing)))
    return lines
