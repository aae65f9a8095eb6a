from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from kaimen.accounts.models import User


@admin.register(User)
class KaimenUserAdmin(UserAdmin[User]):
    list_display = ["username", "display_name", "kind", "is_active", "is_superuser"]
    list_filter = ["kind", "is_active", "is_superuser"]
    fieldsets = (
        *(UserAdmin.fieldsets or ()),
        ("Kaimen", {"fields": ["kind", "display_name", "phone"]}),
    )
