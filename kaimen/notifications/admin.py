"""Django admin (superusers): notifications, deliveries and follows, read-only: they are written
by the services (a changed row here would be a message nobody sent)."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from kaimen.notifications.models import Delivery, Follow, Notification


class ReadOnlyAdmin[M: Any](admin.ModelAdmin[M]):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: M | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: M | None = None) -> bool:
        return False


@admin.register(Notification)
class NotificationAdmin(ReadOnlyAdmin[Notification]):
    list_display = ("user", "verb", "created_at", "read_at")
    list_filter = ("verb",)
    list_select_related = ("user",)


@admin.register(Delivery)
class DeliveryAdmin(ReadOnlyAdmin[Delivery]):
    list_display = ("notification", "channel", "state", "attempts", "next_attempt_at")
    list_filter = ("channel", "state")


@admin.register(Follow)
class FollowAdmin(ReadOnlyAdmin[Follow]):
    list_display = ("user", "target_type", "target_id", "created_at")
    list_select_related = ("user", "target_type")
