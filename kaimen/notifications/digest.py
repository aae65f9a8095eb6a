"""The staff daily digest: what is due today or overdue in each staff member's scope.

Apps contribute with `@digest_source`: a function `(user, today) -> list[DigestLine]` that uses
the app's own scoped selectors. The supervision source is defined here (problems); the reports
app registers its own when it loads.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from kaimen.notifications.models import Notification
from kaimen.notifications.services import notify_user


@dataclass(frozen=True)
class DigestLine:
    text: str
    overdue: bool = False


DigestSource = Callable[[Any, date], list[DigestLine]]
_SOURCES: list[DigestSource] = []


def digest_source(source: DigestSource) -> DigestSource:
    if source not in _SOURCES:
        _SOURCES.append(source)
    return source


def problems_due(user: Any, today: date) -> list[DigestLine]:
    if not apps.is_installed("kaimen.supervision"):
        return []
    from kaimen.supervision.models import OPEN_STATES  # noqa: PLC0415
    from kaimen.supervision.selectors import problem_list_for  # noqa: PLC0415

    due = problem_list_for(user=user).filter(state__in=OPEN_STATES, deadline__lte=today)
    overdue = due.filter(deadline__lt=today).count()
    today_count = due.filter(deadline=today).count()
    lines: list[DigestLine] = []
    if overdue:
        lines.append(DigestLine(_("逾期未整改的问题 %(n)d 个") % {"n": overdue}, overdue=True))
    if today_count:
        lines.append(DigestLine(_("今日到期的整改问题 %(n)d 个") % {"n": today_count}))
    return lines


digest_source(problems_due)


def reports_owed(user: Any, today: date) -> list[DigestLine]:
    """Every month a lead unit still owes a monthly report for, per project in progress."""
    if not apps.is_installed("kaimen.campaigns"):
        return []
    from kaimen.campaigns.models import ProjectState  # noqa: PLC0415
    from kaimen.campaigns.selectors import (  # noqa: PLC0415
        project_list_staff_for,
        report_months_missing,
    )
    from kaimen.orgs.selectors import scope_for  # noqa: PLC0415

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
            overdue = any(m < today.replace(day=1) for m in missing)
            text = _("“%(project)s”待报送月报：%(months)s") % {
                "project": project.title,
                "months": months,
            }
            lines.append(DigestLine(text, overdue=overdue))
    return lines


digest_source(reports_owed)


def digest_lines(*, user: Any, today: date) -> list[DigestLine]:
    lines: list[DigestLine] = []
    for source in _SOURCES:
        lines.extend(source(user, today))
    return lines


def staff_users() -> QuerySet[Any]:
    return (
        get_user_model()
        .objects.filter(is_active=True, memberships__isnull=False)
        .distinct()
        .order_by("pk")
    )


def staff_digest_send(*, today: date) -> list[Notification]:
    """One digest per staff member with something due (idempotent per member and day)."""
    sent: list[Notification] = []
    for user in staff_users():
        lines = digest_lines(user=user, today=today)
        if not lines:
            continue
        heading = _("%(date)s 待办提醒：") % {"date": f"{today.year}年{today.month}月{today.day}日"}
        message = "\n".join([heading, *(f"· {line.text}" for line in lines)])
        sent.append(
            notify_user(
                user=user,
                verb="staff.digest",
                message=message,
                url=reverse("backoffice:home"),
                key=f"digest:{today.isoformat()}",
            )
        )
    return sent
