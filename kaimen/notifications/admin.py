from django.contrib import admin

from kaimen.notifications.models import Delivery, Follow, Notification


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin[Notification]):
    list_display = ("user", "verb", "created_at", "read_at")
    list_filter = ("verb",)
    readonly_fields = ("user", "verb", "message", "target_type", "target_id", "key", "channels")


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin[Delivery]):
    list_display = ("notification", "channel", "state", "attempts", "next_attempt_at")
    list_filter = ("channel", "state")


@admin.register(Follow)
class FollowAdmin(admin.ModelAdmin[Follow]):
    list_display = ("user", "target_type", "target_id", "created_at")
