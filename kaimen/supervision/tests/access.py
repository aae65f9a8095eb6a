"""Access-matrix rows for the supervision API (/api/v1/problems, /inspections, /warnings).

The matrix signs roles in with the session: reads accept it, writes need a bearer token, so
every role is denied the POSTs here (401). Token-bearing callers are covered role by role in
`kaimen/supervision/tests/test_api.py`.
"""

from datetime import date
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kaimen.core.access import (
    COMMISSION_ADMIN,
    COMMISSION_ADMIN_OTHER,
    DINGHAI_COMMISSION,
    EVERYONE,
    NOBODY,
    STAFF,
    SUPERVISOR,
    UNIT_LEAD,
    UNIT_OTHER,
    Row,
)
from kaimen.supervision.models import (
    Inspection,
    InspectionKind,
    PolicyObject,
    Problem,
    ProblemSource,
    WarningPolicy,
)
from kaimen.supervision.services.filing import inspection_create
from kaimen.supervision.services.problems import (
    problem_notify,
    problem_put_on_list,
    problem_start_rectifying,
    problem_submit_evidence,
)


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


PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 32
COMMISSIONS = DINGHAI_COMMISSION | {COMMISSION_ADMIN_OTHER}
SUPERVISING = frozenset({SUPERVISOR, COMMISSION_ADMIN, COMMISSION_ADMIN_OTHER})
PROBLEM_READERS = DINGHAI_COMMISSION | {UNIT_LEAD}


def _page(name: str, *args: int) -> Any:
    return lambda w: reverse(f"supervision:{name}", args=args)


def _problem_page(name: str) -> Any:
    return lambda w: reverse(f"supervision:{name}", args=[_problem(w).pk])


def _notice(w: Any) -> str:
    problem = _problem(w)
    notice = problem.notices.first() or problem_notify(
        actor=w.users["supervisor"], problem=problem, version=problem.version
    )
    return reverse("supervision:notice_download", args=[notice.pk])


def _listing(w: Any) -> str:
    problem = _problem(w)
    if not problem.listed:
        problem_put_on_list(
            actor=w.users["commission_admin"],
            problem=problem,
            version=problem.version,
            deadline=date(2024, 11, 30),
        )
    letter = problem.letters.get()
    return reverse("supervision:letter_download", args=[letter.pk])


def _evidence_file(w: Any) -> str:
    problem = _problem(w)
    problem_notify(actor=w.users["supervisor"], problem=problem, version=problem.version)
    problem_start_rectifying(
        actor=w.users["unit_staff_lead"], problem=problem, version=problem.version
    )
    evidence = problem_submit_evidence(
        actor=w.users["unit_staff_lead"],
        problem=problem,
        version=problem.version,
        text="已整改",
        files=[SimpleUploadedFile("photo.png", PNG)],
    )
    return reverse("supervision:attachment_download", args=[evidence.files.get().pk])


def _inspection(w: Any) -> Inspection:
    inspection, _created = Inspection.objects.get_or_create(
        commission=w.orgs["dh_jiwei"], date=date(2024, 9, 25), kind=InspectionKind.UNANNOUNCED
    )
    return inspection


def _inspection_file(w: Any) -> str:
    inspection = inspection_create(
        actor=w.users["supervisor"],
        commission=w.orgs["dh_jiwei"],
        date=date(2024, 9, 25),
        kind=InspectionKind.ONSITE,
        files=[SimpleUploadedFile("scan.png", PNG)],
    )
    return reverse("supervision:attachment_download", args=[inspection.files.get().pk])


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

ROWS += [
    Row("supervision:home", _page("home"), STAFF),
    Row("supervision:problem_list", _page("problem_list"), STAFF),
    Row("supervision:problem_detail", _problem_page("problem_detail"), PROBLEM_READERS),
    Row(
        "supervision:problem_action",
        _problem_page("problem_action"),
        frozenset({SUPERVISOR, COMMISSION_ADMIN}),
        method="post",
        data=lambda w: {"action": "notify", "version": 1},
    ),
    Row("supervision:evidence_submit", _problem_page("evidence_submit"), frozenset({UNIT_LEAD})),
    Row(
        "supervision:extension_request", _problem_page("extension_request"), frozenset({UNIT_LEAD})
    ),
    Row(
        "supervision:lookback", _problem_page("lookback"), frozenset({SUPERVISOR, COMMISSION_ADMIN})
    ),
    Row("supervision:todo", _page("todo"), STAFF),
    Row("supervision:lookback_due", _page("lookback_due"), COMMISSIONS),
    Row("supervision:inspection_list", _page("inspection_list"), COMMISSIONS),
    Row("supervision:inspection_create", _page("inspection_create"), SUPERVISING),
    Row(
        "supervision:inspection_detail",
        lambda w: reverse("supervision:inspection_detail", args=[_inspection(w).pk]),
        DINGHAI_COMMISSION,
    ),
    # Units never reach accountability records.
    Row("supervision:accountability_list", _page("accountability_list"), COMMISSIONS),
    Row("supervision:accountability_create", _page("accountability_create"), SUPERVISING),
    # The records behind a campaign's figure: the commission roles watching its issuer.
    Row(
        "supervision:figure_records",
        lambda w: reverse("supervision:figure_records", args=[w.campaign.pk, "inspections"]),
        DINGHAI_COMMISSION,
    ),
    Row("supervision:institution_list", _page("institution_list"), STAFF),
    Row(
        "supervision:institution_create",
        _page("institution_create"),
        SUPERVISING | {UNIT_LEAD, UNIT_OTHER},
    ),
    Row("supervision:policy_detail", _page("policy_detail"), COMMISSIONS),
    Row(
        "supervision:policy_edit",
        _page("policy_edit"),
        frozenset({COMMISSION_ADMIN, COMMISSION_ADMIN_OTHER}),
    ),
    Row("supervision:letter_summary", _page("letter_summary"), COMMISSIONS),
    Row("supervision:notice_download", _notice, PROBLEM_READERS),
    # drafting a notice: those who may notify the problem (the other commission: 404)
    Row(
        "supervision:notice_compose",
        lambda w: reverse("supervision:notice_compose") + f"?problem={_problem(w).pk}",
        frozenset({SUPERVISOR, COMMISSION_ADMIN}),
    ),
    Row("supervision:letter_download", _listing, PROBLEM_READERS),
    Row("supervision:attachment_download", _evidence_file, PROBLEM_READERS),
    Row("supervision:attachment_download", _inspection_file, DINGHAI_COMMISSION),
]


def _listed_page(publish: bool) -> Any:
    """定海's published listings page, with the commission's choice set as given."""

    def url(w: Any) -> str:
        commission = w.orgs["dh_jiwei"]
        WarningPolicy.objects.update_or_create(
            commission=commission,
            object_type=PolicyObject.PROBLEM,
            defaults={"publish_listed": publish},
        )
        return reverse("supervision_public:listed", args=[commission.pk])

    return url


ROWS += [
    # The status view (景德镇) is the ledger by status: every staff member sees their own scope.
    Row("supervision:problem_status", _page("problem_status"), STAFF),
    # Listed problems are public only when the commission chose to publish them.
    Row("supervision_public:listed", _listed_page(publish=True), EVERYONE),
    Row("supervision_public:listed", _listed_page(publish=False), NOBODY),
]

from kaimen.supervision.tests.access_ledgers import ROWS as LEDGER_ROWS  # noqa: E402

ROWS += LEDGER_ROWS
