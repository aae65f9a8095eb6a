"""Django admin (superusers): the category table and the routing rules. Reports themselves are
handled in the back office only, where every action goes through the services and is logged."""

from django.contrib import admin
from django.http import HttpRequest

from kaimen.reports.models import Category, RoutingRule


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin[Category]):
    list_display = ("code", "name", "kind", "group", "position", "active")
    list_filter = ("kind", "active", "group")
    list_editable = ("position", "active")
    search_fields = ("code", "name")

    def get_readonly_fields(
        self, request: HttpRequest, obj: Category | None = None
    ) -> tuple[str, ...]:
        # The code is the Open311 service_code clients already know: fixed once created.
        return ("code",) if obj is not None else ()

    def has_delete_permission(self, request: HttpRequest, obj: Category | None = None) -> bool:
        return False  # reports keep their category (PROTECT); deactivate instead


@admin.register(RoutingRule)
class RoutingRuleAdmin(admin.ModelAdmin[RoutingRule]):
    list_display = ("category", "place", "unit")
    list_filter = ("category",)
    list_select_related = ("category", "place", "unit")
    autocomplete_fields = ("place", "unit")
    search_fields = ("category__name", "place__name", "unit__name")
