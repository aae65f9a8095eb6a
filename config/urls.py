from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path

from kaimen.api.api import api

urlpatterns: list[URLPattern | URLResolver] = [
    path("", include("kaimen.campaigns.urls_portal")),
    path("accounts/", include("kaimen.accounts.urls")),
    path("staff/", include("kaimen.core.urls")),
    path("staff/campaigns/", include("kaimen.campaigns.urls_backoffice")),
    path("staff/imports/", include("kaimen.campaigns.urls_import")),
    path("api/v1/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("django-admin/", admin.site.urls),
]
if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
