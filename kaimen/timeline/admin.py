from django.contrib import admin
from django.http import HttpRequest

from kaimen.timeline.models import Event


@admin.register(Event)
class EventAdmin(admin.ModelAdmin[Event]):
    """Read-only: the trail is appended to by services only."""

    list_display = ["sequence", "created_at", "actor_label", "action", "target_repr"]
    list_filter = ["action"]
    search_fields = ["target_repr", "actor_label"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Event | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Event | None = None) -> bool:
        return False
