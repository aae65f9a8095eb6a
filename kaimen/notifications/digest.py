"""The staff daily digest: what is due today or overdue in each staff member's scope.

Apps contribute with `@digest_source`: a function `(user, today) -> list[DigestLine]` that uses
the app's own scoped selectors; supervision (problems) and reports register theirs when they
load.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from kaimen.core.format import cn_date
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
        heading = _("%(date)s 待办提醒：") % {"date": cn_date(today, localized=False)}
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
