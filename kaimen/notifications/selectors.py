from typing import Any

from django.db.models import QuerySet

from kaimen.notifications.models import Notification


def notification_list_for(*, user: Any) -> QuerySet[Notification]:
    """The user's own notifications, newest first."""
    return Notification.objects.filter(user__pk=user.pk).order_by("-created_at", "-pk")


def unread_count_for(*, user: Any) -> int:
    if not getattr(user, "is_authenticated", False):
        return 0
    return Notification.objects.filter(user__pk=user.pk, read_at__isnull=True).count()
