"""Access-matrix rows for the JSON API (/api/v1/).

The matrix signs roles in with the session: reads accept it, writes need a bearer token, so
every role is denied a PATCH here (401). Token-bearing callers are covered role by role in
`kaimen/campaigns/tests/test_api.py`.
"""

from typing import Any

from django.urls import reverse

from kaimen.core.access import (
    DINGHAI_COMMISSION,
    EVERYONE,
    NOBODY,
    UNIT_OTHER,
    Row,
)


def _project(key: str) -> Any:
    return lambda w: reverse("api:project_detail", kwargs={"id": w.projects[key].pk})


ROWS: list[Row] = [
    Row("api:openapi-json", lambda w: reverse("api:openapi-json"), EVERYONE),
    Row("api:openapi-view", lambda w: reverse("api:openapi-view"), EVERYONE),
    # Ninja's root only serves to build the other addresses: 404 for everyone.
    Row("api:api-root", lambda w: reverse("api:api-root"), NOBODY),
    Row(
        "api:token_create",
        lambda w: reverse("api:token_create"),
        EVERYONE,
        method="post",
        data=lambda w: {"username": "viewer", "password": "kaimen-test"},
        json=True,
    ),
    Row("api:campaign_list", lambda w: reverse("api:campaign_list"), EVERYONE),
    Row(
        "api:campaign_detail",
        lambda w: reverse("api:campaign_detail", kwargs={"id": w.campaign.pk}),
        EVERYONE,
    ),
    Row("api:project_detail", _project("published"), EVERYONE),
    # Running: public from approval (the commission's openness policy, on by default).
    Row("api:project_detail", _project("in_progress"), EVERYONE),
    Row("api:project_detail", _project("draft"), DINGHAI_COMMISSION | {UNIT_OTHER}),
    Row(
        "api:project_detail",
        _project("in_progress"),
        NOBODY,
        method="patch",
        data=lambda w: {"version": 1, "goal": "经会话修改"},
        json=True,
    ),
]
