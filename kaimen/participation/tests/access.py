"""Access-matrix rows of 群众点题 and 社会评价: public pages, citizens' actions, the back office
and the API (session callers are refused writes: 401)."""

from typing import Any

from django.urls import reverse

from kaimen.core.access import (
    CITIZEN,
    COMMISSION_ADMIN,
    COMMISSION_ADMIN_OTHER,
    DINGHAI_COMMISSION,
    EVERYONE,
    NOBODY,
    SIGNED_IN,
    STAFF,
    UNIT_LEAD,
    Row,
)
from kaimen.participation.tests import factories as f


def _url(name: str, obj: Any) -> Any:
    return lambda w: reverse(name, args=[obj(w).pk])


ADMINS = frozenset({COMMISSION_ADMIN, COMMISSION_ADMIN_OTHER})
ONLY_ADMIN = frozenset({COMMISSION_ADMIN})
ONLY_CITIZEN = frozenset({CITIZEN})

PORTAL: list[Row] = [
    Row("participation:call_list", lambda w: reverse("participation:call_list"), EVERYONE),
    Row("participation:mine", lambda w: reverse("participation:mine"), SIGNED_IN),
    Row("participation:call_detail", _url("participation:call_detail", f.open_call), EVERYONE),
    Row("participation:propose", _url("participation:propose", f.open_call), ONLY_CITIZEN),
    Row(
        "participation:propose",
        _url("participation:propose", f.open_call),
        ONLY_CITIZEN,
        method="post",
        data=lambda w: {
            "title": "公交站台缺少遮雨棚",
            "description": "盐仓街道多个公交站台没有遮雨棚。",
            "region": w.orgs["dinghai"].pk,
            "category": "transport",
        },
    ),
    Row(
        "participation:similar",
        lambda w: reverse("participation:similar", args=[f.open_call(w).pk]) + "?title=电梯故障",
        EVERYONE,
    ),
    Row(
        "participation:topic_detail",
        _url("participation:topic_detail", f.published_topic),
        EVERYONE,
    ),
    # Before screening: the proposer and the commission of the jurisdiction only.
    Row(
        "participation:topic_detail",
        _url("participation:topic_detail", f.submitted_topic),
        DINGHAI_COMMISSION | {CITIZEN},
    ),
    Row(
        "participation:support",
        _url("participation:support", f.published_topic),
        ONLY_CITIZEN,
        method="post",
    ),
    Row(
        "participation:withdraw",
        _url("participation:withdraw", f.submitted_topic),
        ONLY_CITIZEN,
        method="post",
    ),
    Row(
        "participation:evaluate",
        lambda w: reverse("participation:evaluate", args=[w.projects["published"].pk]),
        ONLY_CITIZEN,
    ),
    Row(
        "participation:evaluate",
        lambda w: reverse("participation:evaluate", args=[w.projects["in_progress"].pk]),
        NOBODY,
    ),
    Row(
        "participation:flag",
        _url("participation:flag", f.commented_evaluation),
        SIGNED_IN,
        method="post",
    ),
]

STAFF_ROWS: list[Row] = [
    # Units are sent on to the topics assigned to them.
    Row(
        "participation_staff:call_list",
        lambda w: reverse("participation_staff:call_list"),
        STAFF,
    ),
    Row("participation_staff:assigned", lambda w: reverse("participation_staff:assigned"), STAFF),
    Row(
        "participation_staff:topic_detail",
        _url("participation_staff:topic_detail", f.assigned_topic),
        DINGHAI_COMMISSION | {UNIT_LEAD},
    ),
    Row(
        "participation_staff:topic_assign",
        _url("participation_staff:topic_assign", f.published_topic),
        ONLY_ADMIN,
        method="post",
        data=lambda w: {"unit": w.orgs["dh_jiaoyu"].pk},
    ),
    # 部门答题: the commission, or the unit the topic was assigned to (in its own name).
    Row(
        "participation_staff:topic_answer",
        _url("participation_staff:topic_answer", f.assigned_topic),
        ONLY_ADMIN | {UNIT_LEAD},
        method="post",
        data=lambda w: {"organization": w.orgs["dh_jiaoyu"].pk, "answer": "将加强校门口疏导。"},
    ),
    Row(
        "participation_staff:call_create",
        lambda w: reverse("participation_staff:call_create"),
        ADMINS,
    ),
    Row(
        "participation_staff:call_create",
        lambda w: reverse("participation_staff:call_create"),
        ADMINS,
        method="post",
        data=lambda w: {"title": "", "days": ""},
    ),
    Row(
        "participation_staff:call_detail",
        _url("participation_staff:call_detail", f.open_call),
        DINGHAI_COMMISSION,
    ),
    Row(
        "participation_staff:candidate_add",
        _url("participation_staff:candidate_add", f.open_call),
        ONLY_ADMIN,
    ),
    Row(
        "participation_staff:topic_detail",
        _url("participation_staff:topic_detail", f.submitted_topic),
        DINGHAI_COMMISSION,
    ),
    Row(
        "participation_staff:topic_detail",
        _url("participation_staff:topic_detail", f.published_topic),
        DINGHAI_COMMISSION,
    ),
    Row(
        "participation_staff:topic_publish",
        _url("participation_staff:topic_publish", f.submitted_topic),
        ONLY_ADMIN,
        method="post",
    ),
    Row(
        "participation_staff:topic_merge",
        _url("participation_staff:topic_merge", f.submitted_topic),
        ONLY_ADMIN,
        method="post",
        data=lambda w: {"into": f.published_topic(w).pk},
    ),
    Row(
        "participation_staff:topic_decline",
        _url("participation_staff:topic_decline", f.submitted_topic),
        ONLY_ADMIN,
        method="post",
        data=lambda w: {"reason": "属于个人诉求，已转12345热线办理。"},
    ),
    Row(
        "participation_staff:topic_answer",
        _url("participation_staff:topic_answer", f.published_topic),
        ONLY_ADMIN,
        method="post",
        data=lambda w: {"organization": w.orgs["dh_jiwei"].pk, "answer": "已转住建部门研究。"},
    ),
    Row(
        "participation_staff:topic_select",
        _url("participation_staff:topic_select", f.published_topic),
        ONLY_ADMIN,
        method="post",
        data=lambda w: {
            "campaign": w.campaign.pk,
            "title": "老旧小区电梯维修问题专项治理",
            "theme": "housing",
            "lead_units": [w.orgs["dh_jiaoyu"].pk],
        },
    ),
    Row(
        "participation_staff:project_survey",
        lambda w: reverse("participation_staff:project_survey", args=[w.projects["published"].pk]),
        ONLY_ADMIN,
    ),
    Row(
        "participation_staff:campaign_survey",
        lambda w: reverse("participation_staff:campaign_survey", args=[w.campaign.pk]),
        ONLY_ADMIN,
    ),
    Row(
        "participation_staff:moderation",
        lambda w: reverse("participation_staff:moderation"),
        ADMINS,
    ),
    Row(
        "participation_staff:moderate",
        _url("participation_staff:moderate", f.flagged_evaluation),
        ONLY_ADMIN,
        method="post",
        data=lambda w: {"decision": "keep"},
    ),
]

API: list[Row] = [
    Row("api:topic_list", lambda w: reverse("api:topic_list"), EVERYONE),
    Row(
        "api:topic_detail",
        lambda w: reverse("api:topic_detail", kwargs={"id": f.published_topic(w).pk}),
        EVERYONE,
    ),
    Row(
        "api:topic_detail",
        lambda w: reverse("api:topic_detail", kwargs={"id": f.submitted_topic(w).pk}),
        DINGHAI_COMMISSION | {CITIZEN},
    ),
    # Writes need a bearer token: session callers are refused (401). Token callers are tested
    # role by role in test_api.py.
    Row(
        "api:topic_create",
        lambda w: reverse("api:topic_create"),
        NOBODY,
        method="post",
        json=True,
        data=lambda w: {
            "call": f.open_call(w).pk,
            "title": "路灯不亮",
            "description": "小区路灯坏了半年。",
            "region": w.orgs["dinghai"].pk,
        },
    ),
    Row(
        "api:topic_support",
        lambda w: reverse("api:topic_support", kwargs={"id": f.published_topic(w).pk}),
        NOBODY,
        method="post",
        json=True,
    ),
    Row(
        "api:project_evaluate",
        lambda w: reverse("api:project_evaluate", kwargs={"id": w.projects["published"].pk}),
        NOBODY,
        method="post",
        json=True,
        data=lambda w: {"rating": "satisfied"},
    ),
]

ROWS = PORTAL + STAFF_ROWS + API
