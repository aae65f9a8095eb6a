"""Access-matrix rows of the site frame's pages."""

from typing import Any

from django.urls import reverse

from kaimen.core.access import COMMISSION_ADMIN_OTHER, DINGHAI_COMMISSION, EVERYONE, Row
from kaimen.portal.models import Correction

# Staff of any commission run the site and handle its corrections.
COMMISSION_STAFF = DINGHAI_COMMISSION | {COMMISSION_ADMIN_OTHER}


def _handle_url(w: Any) -> str:
    correction = Correction.objects.create(page="/", description="链接打不开")
    return reverse("portal_staff:correction_handle", args=[correction.pk])


ROWS: list[Row] = [
    Row("portal_site:search", lambda w: reverse("portal_site:search") + "?q=治理", EVERYONE),
    Row("portal_site:privacy", lambda w: reverse("portal_site:privacy"), EVERYONE),
    Row("portal_site:oversight", lambda w: reverse("portal_site:oversight"), EVERYONE),
    Row("portal_site:correction_new", lambda w: reverse("portal_site:correction_new"), EVERYONE),
    Row("portal_site:elder_mode", lambda w: reverse("portal_site:elder_mode") + "?on=1", EVERYONE),
    Row(
        "portal_site:correction_new",
        lambda w: reverse("portal_site:correction_new"),
        EVERYONE,
        method="post",
        data=lambda w: {"page": "/", "description": "数据有误"},
    ),
    Row(
        "portal_staff:correction_list",
        lambda w: reverse("portal_staff:correction_list"),
        COMMISSION_STAFF,
    ),
    Row("portal_staff:correction_handle", _handle_url, COMMISSION_STAFF, method="post"),
]
