"""Access rows for the staff back office of campaigns and projects, and the staff start page."""

from typing import Any

from django.urls import reverse

from kaimen.core.access import (
    COMMISSION_ADMIN,
    COMMISSION_ADMIN_OTHER,
    DINGHAI_COMMISSION,
    STAFF,
    UNIT_LEAD,
    Row,
)


def _campaign(name: str) -> Any:
    return lambda w: reverse(f"campaigns_staff:{name}", args=[w.campaign.pk])


def _project(name: str, key: str = "in_progress") -> Any:
    return lambda w: reverse(f"campaigns_staff:{name}", args=[w.projects[key].pk])


# Who reaches the running 定海 campaign's in-progress project: its commission and its lead unit.
INTERNAL_READERS = DINGHAI_COMMISSION | {UNIT_LEAD}
# Who may write the answer to it: the lead unit, and the commission admin until publication.
ANSWERERS = frozenset({UNIT_LEAD, COMMISSION_ADMIN})
DINGHAI_ADMIN = frozenset({COMMISSION_ADMIN})
ANY_ADMIN = frozenset({COMMISSION_ADMIN, COMMISSION_ADMIN_OTHER})

ROWS: list[Row] = [
    Row("backoffice:home", lambda w: reverse("backoffice:home"), STAFF),
    Row("campaigns_staff:campaign_list", lambda w: reverse("campaigns_staff:campaign_list"), STAFF),
    Row(
        "campaigns_staff:campaign_create",
        lambda w: reverse("campaigns_staff:campaign_create"),
        ANY_ADMIN,
    ),
    Row(
        "campaigns_staff:campaign_create",
        lambda w: reverse("campaigns_staff:campaign_create"),
        ANY_ADMIN,
        method="post",
        data=lambda w: {"year": "", "title": ""},
    ),
    # The 2024 定海 campaign is running, hence public: every staff member may open it.
    Row("campaigns_staff:campaign_detail", _campaign("campaign_detail"), STAFF),
    Row("campaigns_staff:campaign_update", _campaign("campaign_update"), DINGHAI_ADMIN),
    Row(
        "campaigns_staff:campaign_update",
        _campaign("campaign_update"),
        DINGHAI_ADMIN,
        method="post",
        data=lambda w: {"version": "1", "title": ""},
    ),
    Row(
        "campaigns_staff:campaign_transition",
        _campaign("campaign_transition"),
        DINGHAI_ADMIN,
        method="post",
        data=lambda w: {"action": "start"},
    ),
    # What of the running year the commission makes public: its admins (and the city's) only.
    Row(
        "campaigns_staff:openness_policy",
        _campaign("openness_policy"),
        DINGHAI_ADMIN,
        method="post",
        data=lambda w: {"projects_public_on_approval": "on"},
    ),
    Row("campaigns_staff:project_create", _campaign("project_create"), DINGHAI_ADMIN),
    Row(
        "campaigns_staff:project_create",
        _campaign("project_create"),
        DINGHAI_ADMIN,
        method="post",
        data=lambda w: {"title": "", "theme": "other"},
    ),
    Row("campaigns_staff:project_detail", _project("project_detail"), INTERNAL_READERS),
    # A published project is public: every staff member may read it in the back office too.
    Row("campaigns_staff:project_detail", _project("project_detail", "published"), STAFF),
    Row("campaigns_staff:project_manage", _project("project_manage"), DINGHAI_ADMIN),
    Row(
        "campaigns_staff:project_manage",
        _project("project_manage"),
        DINGHAI_ADMIN,
        method="post",
        data=lambda w: {"version": "1", "title": "", "theme": "other"},
    ),
    Row("campaigns_staff:project_answer", _project("project_answer"), ANSWERERS),
    Row(
        "campaigns_staff:project_answer",
        _project("project_answer"),
        ANSWERERS,
        method="post",
        data=lambda w: {"version": "x"},
    ),
    Row("campaigns_staff:report_submit", _project("report_submit"), ANSWERERS),
    Row(
        "campaigns_staff:report_submit",
        _project("report_submit"),
        ANSWERERS,
        method="post",
        data=lambda w: {"month": "", "body": ""},
    ),
    Row("campaigns_staff:project_outcomes", _project("project_outcomes"), ANSWERERS),
    Row(
        "campaigns_staff:project_outcomes",
        _project("project_outcomes"),
        ANSWERERS,
        method="post",
        data=lambda w: {"version": "x"},
    ),
    Row(
        "campaigns_staff:project_transition",
        _project("project_transition"),
        ANSWERERS,
        method="post",
        data=lambda w: {"action": "submit_outcomes"},
    ),
]
