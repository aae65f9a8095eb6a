from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import URLPattern, URLResolver, include, path
from django.views.decorators.csrf import csrf_exempt
from django.views.i18n import set_language

from kaimen.api.api import api

# JSON for the API and Open311, the site's framed page for everyone else (kaimen/core/http_errors.py).
handler400 = "kaimen.core.http_errors.bad_request"
handler403 = "kaimen.core.http_errors.permission_denied"
handler404 = "kaimen.core.http_errors.page_not_found"
handler500 = "kaimen.core.http_errors.server_error"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", include("kaimen.campaigns.urls_portal")),
    path("", include("kaimen.participation.urls_portal")),
    path("accounts/", include("kaimen.accounts.urls")),
    path("accounts/sso/", include("kaimen.sso.urls")),
    path("staff/", include("kaimen.campaigns.urls_home")),
    path("staff/campaigns/", include("kaimen.campaigns.urls_backoffice")),
    path("staff/imports/", include("kaimen.campaigns.urls_import")),
    path("staff/supervision/", include("kaimen.supervision.urls")),
    path("staff/tours/", include("kaimen.tours.urls")),
    path("staff/ledgers/", include("kaimen.supervision.urls_ledgers")),
    path("staff/topics/", include("kaimen.participation.urls_staff")),
    path("notifications/", include("kaimen.notifications.urls")),
    path("staff/insights/", include("kaimen.insights.urls_staff")),
    path("open-data/", include("kaimen.insights.urls_opendata")),
    path("themes/", include("kaimen.insights.urls_themes")),
    path("reports/", include("kaimen.reports.urls_public")),
    path("supervision/", include("kaimen.supervision.urls_public")),
    path("staff/reports/", include("kaimen.reports.urls_staff")),
    path("open311/v2/", include("kaimen.reports.urls_open311")),
    path("", include("kaimen.publication.urls")),
    path("", include("kaimen.portal.urls")),
    path("staff/corrections/", include("kaimen.portal.urls_staff")),
    path("chain/", include("kaimen.timeline.urls")),
    path("api/v1/", api.urls),
    # Anyone may choose the language, signed in or not.
    # No CSRF token: choosing a language changes nothing but a cookie, and a token in the
    # footer form would give every public page a cookie and keep it out of the page cache.
    path("i18n/setlang/", csrf_exempt(login_not_required(set_language)), name="set_language"),
    path("django-admin/", admin.site.urls),
]
# No URL serves MEDIA_ROOT, not even with DEBUG: files go through views that check scope.
