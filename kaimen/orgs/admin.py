from django.contrib import admin

from kaimen.orgs.models import Membership, Organization


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin[Organization]):
    list_display = ["name", "kind", "level", "parent", "region_code", "centre_lat", "centre_long"]
    list_filter = ["kind", "level"]
    search_fields = ["name", "short_name", "region_code"]
    readonly_fields = ["path"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin[Membership]):
    list_display = ["user", "organization", "role"]
    list_filter = ["role"]
    autocomplete_fields = ["organization"]
