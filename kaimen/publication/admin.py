"""Read-only admin for superusers: announcements change only through the services."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from kaimen.publication.models import AnnouncementComment, AnnouncementVersion


class ReadOnlyAdmin(admin.ModelAdmin[Any]):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(AnnouncementVersion)
class AnnouncementVersionAdmin(ReadOnlyAdmin):
    list_display = ("announcement", "number", "state", "published_at", "published_by")
    list_filter = ("state",)
    search_fields = ("announcement__campaign__issuer__name", "text")


@admin.register(AnnouncementComment)
class AnnouncementCommentAdmin(ReadOnlyAdmin):
    list_display = ("version", "author", "state", "flag_count", "created_at")
    list_filter = ("state",)
