"""Access-matrix rows for the supervision API (/api/v1/problems, /inspections, /warnings).

The matrix signs roles in with the session: reads accept it, writes need a bearer token, so
every role is denied the POSTs here (401). Token-bearing callers are covered role by role in
`kaimen/supervision/tests/test_api.py`.
"""

from datetime import date
from typing import Any

from django.urls import reverse

from kaimen.core.access import DINGHAI_COMMISSION, NOBODY, STAFF, UNIT_LEAD, Row
from kaimen.supervision.models import Problem, ProblemSource


def _problem(w: Any) -> Problem:
    """A problem of 定海区教育局 filed by 定海区纪委监委 (made directly: rows only need one)."""
    problem, _created = Problem.objects.get_or_create(
        commission=w.orgs["dh_jiwei"],
        number="2024-0001",
        defaults={
            "source": ProblemSource.INSPECTION,
            "project": w.projects["in_progress"],
            "responsible_unit": w.orgs["dh_jiaoyu"],
            "description": "学校食堂大宗食材采购未公开招标",
            "assigned_on": date(2024, 9, 26),
            "original_deadline": date(2024, 10, 31),
            "deadline": date(2024, 10, 31),
        },
    )
    return problem


def _detail(w: Any) -> str:
    return reverse("api:problem_detail", kwargs={"id": _problem(w).pk})


def _transitions(w: Any) -> str:
    return reverse("api:problem_transitions", kwargs={"id": _problem(w).pk})


ROWS: list[Row] = [
    Row("api:problem_list", lambda w: reverse("api:problem_list"), STAFF),
    Row(
        "api:problem_list",
        lambda w: reverse("api:problem_list"),
        NOBODY,
        method="post",
        data=lambda w: {
            "project": w.projects["in_progress"].pk,
            "responsible_unit": w.orgs["dh_jiaoyu"].pk,
            "source": "inspection",
            "description": "经会话提交",
            "deadline": "2024-10-31",
        },
        json=True,
    ),
    Row("api:problem_detail", _detail, DINGHAI_COMMISSION | {UNIT_LEAD}),
    Row(
        "api:problem_transitions",
        _transitions,
        NOBODY,
        method="post",
        data=lambda w: {"action": "notify", "reason": "", "version": 1},
        json=True,
    ),
    Row(
        "api:inspection_create",
        lambda w: reverse("api:inspection_create"),
        NOBODY,
        method="post",
        data=lambda w: {"date": "2024-09-25", "kind": "onsite"},
        json=True,
    ),
    Row("api:warning_summary", lambda w: reverse("api:warning_summary"), STAFF),
]
