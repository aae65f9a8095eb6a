"""Back-office pages of supervision, driven through the client as people use them."""

from datetime import date, timedelta
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from conftest import World
from kaimen.supervision.models import (
    AccountabilityRecord,
    Inspection,
    Problem,
    ProblemState,
    WarningPolicy,
)
from kaimen.supervision.tests.factories import problem_in

PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 32


def _today() -> date:
    return timezone.localdate()


def test_the_ledger_lists_filters_and_counts_in_constant_queries(world: World) -> None:
    client = world.client_for("supervisor")
    url = reverse("supervision:problem_list")
    problem_in(
        world,
        "rectifying",
        deadline=_today() - timedelta(days=60),
        today=_today() - timedelta(days=90),
    )
    client.get(url)  # warm: the session, the calendar table cache
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for n in range(5):
        problem_in(
            world,
            "notified",
            description=f"问题{n}",
            deadline=_today() + timedelta(days=60),
            today=_today(),
        )

    with CaptureQueriesContext(connection) as many:
        response = client.get(url)

    assert response.status_code == 200
    assert len(many) == len(few)
    red = client.get(url, {"colour": "red"})
    assert [row.problem.description for row in red.context["rows"]] == [
        "学校食堂大宗食材采购未公开招标"
    ]


def test_listed_problems_have_their_own_tab(world: World) -> None:
    problem = problem_in(world, "notified", today=_today())
    problem_in(world, "notified", description="未挂牌的问题", today=_today())
    admin = world.client_for("commission_admin")
    admin.post(
        reverse("supervision:problem_action", args=[problem.pk]),
        {"action": "list", "version": problem.version, "deadline": "2099-01-01"},
    )

    response = admin.get(reverse("supervision:problem_list"), {"tab": "listed"})

    assert [row.problem.pk for row in response.context["rows"]] == [problem.pk]


def test_logging_an_inspection_with_two_problems(world: World) -> None:
    client = world.client_for("supervisor")
    deadline = (_today() + timedelta(days=30)).isoformat()
    data: dict[str, Any] = {
        "commission": world.orgs["dh_jiwei"].pk,
        "date": _today().isoformat(),
        "kind": "unannounced",
        "members": "张伟、李娜",
        "problems-TOTAL_FORMS": "3",
        "problems-INITIAL_FORMS": "0",
        "problems-MIN_NUM_FORMS": "0",
        "problems-MAX_NUM_FORMS": "50",
    }
    for index, text in enumerate(("食堂采购未招标", "进货台账未公示")):
        data |= {
            f"problems-{index}-responsible_unit": world.orgs["dh_jiaoyu"].pk,
            f"problems-{index}-description": text,
            f"problems-{index}-severity": "general",
            f"problems-{index}-deadline": deadline,
        }
    data["problems-2-severity"] = "general"

    response = client.post(reverse("supervision:inspection_create"), data)

    inspection = Inspection.objects.get()
    assert response.status_code == 302
    assert inspection.kind == "unannounced"
    assert sorted(p.description for p in inspection.problems.all()) == [
        "进货台账未公示",
        "食堂采购未招标",
    ]


def test_a_problem_row_without_deadline_is_shown_next_to_the_field(world: World) -> None:
    client = world.client_for("supervisor")
    data = {
        "commission": world.orgs["dh_jiwei"].pk,
        "date": _today().isoformat(),
        "kind": "onsite",
        "problems-TOTAL_FORMS": "1",
        "problems-INITIAL_FORMS": "0",
        "problems-0-responsible_unit": world.orgs["dh_jiaoyu"].pk,
        "problems-0-description": "食堂采购未招标",
        "problems-0-severity": "general",
    }

    response = client.post(reverse("supervision:inspection_create"), data)

    assert response.status_code == 200
    assert response.context["formset"].forms[0].errors["deadline"] == ["请填写整改时限。"]
    assert not Inspection.objects.exists()


def test_a_stale_action_is_a_conflict_and_keeps_the_reason(world: World) -> None:
    problem = problem_in(world, "submitted")
    stale = problem.version
    other = world.client_for("commission_admin")
    other.post(
        reverse("supervision:problem_action", args=[problem.pk]),
        {"action": "close", "version": stale},
    )

    response = world.client_for("supervisor").post(
        reverse("supervision:problem_action", args=[problem.pk]),
        {"action": "return", "version": stale, "reason": "材料不全"},
    )

    problem.refresh_from_db()
    assert response.status_code == 409
    assert "该问题已被他人处理" in response.content.decode()
    assert "材料不全" in response.content.decode()
    assert problem.state == ProblemState.CLOSED


def test_returning_without_a_reason_changes_nothing(world: World) -> None:
    problem = problem_in(world, "submitted")

    response = world.client_for("supervisor").post(
        reverse("supervision:problem_action", args=[problem.pk]),
        {"action": "return", "version": problem.version, "reason": ""},
    )

    problem.refresh_from_db()
    assert response.status_code == 409
    assert "请说明退回理由。" in response.content.decode()
    assert problem.state == ProblemState.SUBMITTED


def test_the_unit_submits_evidence_with_a_file_and_the_supervisor_downloads_it(
    world: World,
) -> None:
    problem = problem_in(world, "rectifying")
    unit = world.client_for("unit_staff_lead")

    response = unit.post(
        reverse("supervision:evidence_submit", args=[problem.pk]),
        {
            "version": problem.version,
            "text": "已完成公开招标",
            "checklist": ["people", "result"],
            "attachments": [SimpleUploadedFile("公告.png", PNG)],
        },
    )

    problem.refresh_from_db()
    evidence = problem.evidence.get()
    assert response.status_code == 302
    assert evidence.checklist["result"] is True
    download = world.client_for("supervisor").get(
        reverse("supervision:attachment_download", args=[evidence.files.get().pk])
    )
    assert b"".join(download.streaming_content) == PNG  # type: ignore[attr-defined]
    other = world.client_for("commission_admin_other").get(
        reverse("supervision:attachment_download", args=[evidence.files.get().pk])
    )
    assert other.status_code == 404


def test_the_unit_todo_shows_only_its_problems(world: World) -> None:
    mine = problem_in(world, "notified")
    problem_in(world, "notified", unit="dh_gongan", description="公安的问题")

    response = world.client_for("unit_staff_lead").get(reverse("supervision:todo"))

    assert [row.problem.pk for row in response.context["rows"]] == [mine.pk]


def test_an_extension_after_the_deadline_is_refused_next_to_the_field(world: World) -> None:
    problem = problem_in(
        world,
        "rectifying",
        deadline=_today() - timedelta(days=1),
        today=_today() - timedelta(days=10),
    )

    response = world.client_for("unit_staff_lead").post(
        reverse("supervision:extension_request", args=[problem.pk]),
        {
            "version": problem.version,
            "deadline": (_today() + timedelta(days=30)).isoformat(),
            "reason": "采购",
        },
    )

    assert response.status_code == 200
    assert response.context["form"].errors["deadline"] == ["整改时限已过，不能再申请延期。"]
    assert not problem.extensions.exists()


def test_accountability_is_recorded_by_the_commission(world: World) -> None:
    response = world.client_for("supervisor").post(
        reverse("supervision:accountability_create"),
        {
            "commission": world.orgs["dh_jiwei"].pk,
            "measure": "admonition",
            "decided_on": _today().isoformat(),
            "cases": "1",
            "persons": "2",
            "amount_recovered": "0",
            "amount_refunded": "0",
        },
    )

    assert response.status_code == 302
    assert AccountabilityRecord.objects.get().persons == 2


def test_policy_errors_are_shown_next_to_the_field(world: World) -> None:
    data = {
        "colours": "four",
        "workdays": "on",
        "lookback_days": "90",
        "blue_clock": "before_deadline",
        "blue_days": "3",
        "yellow_clock": "overdue",
        "yellow_days": "0",
        "orange_clock": "overdue",
        "orange_days": "10",
        "red_clock": "overdue",
        "red_days": "5",
    }

    response = world.client_for("commission_admin").post(reverse("supervision:policy_edit"), data)

    assert response.status_code == 200
    assert response.context["form"].errors["red_days"] == [
        "红色的预警条件应比上一级更严重（更临近或更晚于整改时限）。"
    ]
    assert not WarningPolicy.objects.exists()


def test_the_lookback_due_list_and_the_lookback(world: World) -> None:
    problem = problem_in(world, "closed", today=_today() - timedelta(days=100))
    client = world.client_for("supervisor")

    listed = client.get(reverse("supervision:lookback_due"))
    response = client.post(
        reverse("supervision:lookback", args=[problem.pk]),
        {"version": problem.version, "outcome": "holds", "date": _today().isoformat()},
    )

    assert [p.pk for p in listed.context["page"]] == [problem.pk]
    assert response.status_code == 302
    problem.refresh_from_db()
    assert problem.lookback_done_on == _today()
    assert not Problem.objects.filter(lookback_done_on=None, state="closed").exists()


def test_the_status_view_groups_by_status_in_constant_queries(world: World) -> None:
    client = world.client_for("supervisor")
    url = reverse("supervision:problem_status")
    behind = problem_in(
        world,
        "rectifying",
        description="逾期的问题",
        deadline=_today() - timedelta(days=5),
        today=_today() - timedelta(days=30),
    )
    done = problem_in(world, "closed", description="已销号的问题", today=_today())
    client.get(url)  # warm: the session, the calendar table cache
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for n in range(3):
        problem_in(
            world,
            "notified",
            description=f"按期问题{n}",
            deadline=_today() + timedelta(days=60),
            today=_today(),
        )

    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    finished = client.get(url, {"status": "done"})

    assert len(many) == len(few)
    assert [row.problem.pk for row in response.context["rows"]] == [behind.pk]
    assert [(code, n) for code, _label, _colour, n in response.context["statuses"]] == [
        ("done", 1),
        ("on_schedule", 3),
        ("behind", 1),
        ("long_term", 0),
    ]
    assert [row.problem.pk for row in finished.context["rows"]] == [done.pk]


def test_the_status_view_of_another_district_is_empty(world: World) -> None:
    problem_in(world, "notified", today=_today())

    response = world.client_for("commission_admin_other").get(
        reverse("supervision:problem_status"), {"status": "on_schedule"}
    )

    assert response.context["rows"] == []
    assert [n for _code, _label, _colour, n in response.context["statuses"]] == [0, 0, 0, 0]


POLICY = {
    "colours": "four",
    "workdays": "on",
    "lookback_days": "90",
    "blue_clock": "before_deadline",
    "blue_days": "3",
    "yellow_clock": "overdue",
    "yellow_days": "0",
    "orange_clock": "overdue",
    "orange_days": "10",
    "red_clock": "overdue",
    "red_days": "20",
}


def test_the_commission_chooses_to_publish_its_listed_problems(world: World) -> None:
    admin = world.client_for("commission_admin")

    response = admin.post(reverse("supervision:policy_edit"), {**POLICY, "publish_listed": "on"})

    assert response.status_code == 302
    assert WarningPolicy.objects.get(commission=world.orgs["dh_jiwei"]).publish_listed is True


def _listed(world: World, description: str, reason: str) -> Problem:
    problem = problem_in(world, "notified", description=description, today=_today())
    world.client_for("commission_admin").post(
        reverse("supervision:problem_action", args=[problem.pk]),
        {"action": "list", "version": problem.version, "deadline": "2099-01-01", "reason": reason},
    )
    problem.refresh_from_db()
    assert problem.listed
    return problem


def test_published_listed_problems_show_no_internal_reasons(world: World) -> None:
    listed = _listed(world, "挂牌的问题", "内部研判：该局长期推诿")
    problem_in(world, "notified", description="未挂牌的问题", today=_today())
    admin = world.client_for("commission_admin")
    admin.post(reverse("supervision:policy_edit"), {**POLICY, "publish_listed": "on"})
    url = reverse("supervision_public:listed", args=[world.orgs["dh_jiwei"].pk])

    response = world.client_for("anonymous").get(url)

    assert response.status_code == 200
    assert [p.pk for p in response.context["problems"]] == [listed.pk]
    text = response.content.decode()
    assert listed.listed_number in text
    assert "定海区教育局" in text
    assert "2099年1月1日" in text
    assert "内部研判" not in text
    assert "未挂牌的问题" not in text


def test_listed_problems_are_not_public_unless_the_commission_chooses(world: World) -> None:
    _listed(world, "挂牌的问题", "逾期未整改")
    url = reverse("supervision_public:listed", args=[world.orgs["dh_jiwei"].pk])

    response = world.client_for("anonymous").get(url)

    assert response.status_code == 404
