"""The supervision API, endpoint by endpoint, with bearer tokens per role.

Driven through Django's test client so the real middleware is in the path.
"""

import json
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from conftest import World
from kaimen.accounts.services import api_token_create
from kaimen.supervision.models import Inspection, Notice, Problem
from kaimen.supervision.tests.factories import file_problem, problem_in

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse as Response


def _headers(world: World, role: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {api_token_create(user=world.users[role])}"}


def _post(world: World, role: str, url: str, body: dict[str, Any]) -> "Response":
    return Client().post(
        url, data=json.dumps(body), content_type="application/json", headers=_headers(world, role)
    )


def _get(world: World, role: str, url: str, **params: Any) -> "Response":
    return Client().get(url, params, headers=_headers(world, role))


def _payload(world: World, **changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "project": world.projects["in_progress"].pk,
        "responsible_unit": world.orgs["dh_jiaoyu"].pk,
        "source": "inspection",
        "description": "学校食堂大宗食材采购未公开招标",
        "deadline": "2024-08-01",
    }
    body.update(changes)
    return body


LIST = reverse("api:problem_list")


# ---------------------------------------------------------------- POST /problems


def test_create_problem_answers_state_colour_and_version(world: World) -> None:
    response = _post(world, "supervisor", LIST, _payload(world, severity="serious"))

    assert response.status_code == 201
    body = response.json()
    problem = Problem.objects.get()
    assert body["id"] == problem.pk
    assert (body["state"], body["colour"], body["version"]) == ("open", "red", 1)
    assert (body["number"], body["severity"]) == (f"{timezone.localdate().year}-0001", "serious")
    assert body["commission"]["name"] == "定海区纪委监委"


def test_create_problem_with_a_future_deadline_has_no_colour(world: World) -> None:
    deadline = (timezone.localdate() + timedelta(days=60)).isoformat()
    response = _post(world, "supervisor", LIST, _payload(world, deadline=deadline))
    assert (response.status_code, response.json()["colour"]) == (201, None)


@pytest.mark.parametrize(
    ("changes", "status", "field"),
    [
        ({"responsible_unit": 999999}, 400, "responsible_unit"),
        ({"responsible_unit": "pt_minzheng"}, 400, "responsible_unit"),
        ({"project": 999999}, 400, "project"),
        ({"description": ""}, 400, "description"),
    ],
)
def test_create_problem_refuses_bad_input(
    world: World, changes: dict[str, Any], status: int, field: str
) -> None:
    if changes.get("responsible_unit") == "pt_minzheng":
        changes = {"responsible_unit": world.orgs["pt_minzheng"].pk}
    response = _post(world, "supervisor", LIST, _payload(world, **changes))
    assert (response.status_code, response.json()["field"]) == (status, field)
    assert Problem.objects.count() == 0


def test_create_problem_unknown_source_is_422(world: World) -> None:
    response = _post(world, "supervisor", LIST, _payload(world, source="rumour"))
    assert response.status_code == 422


@pytest.mark.parametrize(
    ("role", "status"),
    [("unit_staff_lead", 403), ("viewer", 403), ("citizen", 403)],
)
def test_create_problem_refused_to_other_roles(world: World, role: str, status: int) -> None:
    response = _post(world, role, LIST, _payload(world))
    assert response.status_code == status
    assert Problem.objects.count() == 0


def test_another_district_cannot_file_on_this_districts_records(world: World) -> None:
    # the project is not theirs to see: as if it did not exist
    response = _post(world, "commission_admin_other", LIST, _payload(world))
    assert (response.status_code, response.json()["field"]) == (400, "project")
    # naming 定海's commission outright: no right
    body = _payload(world, project=None, commission=world.orgs["dh_jiwei"].pk)
    assert _post(world, "commission_admin_other", LIST, body).status_code == 403
    assert Problem.objects.count() == 0


def test_create_problem_needs_a_bearer_token(world: World) -> None:
    client = world.client_for("supervisor")
    response = client.post(LIST, data=json.dumps(_payload(world)), content_type="application/json")
    assert response.status_code == 401
    assert Problem.objects.count() == 0


# ---------------------------------------------------------------- GET /problems


def test_list_filters_and_scope(world: World) -> None:
    overdue = file_problem(world, deadline=date(2024, 8, 1), today=timezone.localdate())
    later = file_problem(
        world,
        unit="dh_gongan",
        project="draft",
        deadline=timezone.localdate() + timedelta(days=90),
        today=timezone.localdate(),
    )

    def ids(role: str, **params: Any) -> list[int]:
        response = _get(world, role, LIST, **params)
        assert response.status_code == 200
        return [item["id"] for item in response.json()]

    assert ids("supervisor") == [overdue.pk, later.pk]
    assert ids("supervisor", colour="red") == [overdue.pk]
    assert ids("supervisor", state="open", unit=world.orgs["dh_gongan"].pk) == [later.pk]
    assert ids("supervisor", project=world.projects["in_progress"].pk) == [overdue.pk]
    assert ids("supervisor", listed="true") == []
    assert ids("supervisor", source="hotline") == []
    assert ids("unit_staff_lead") == [overdue.pk]
    assert ids("unit_staff_other") == [later.pk]
    assert ids("commission_admin_other") == []


def test_list_refuses_anonymous_and_citizens(world: World) -> None:
    assert Client().get(LIST).status_code == 401
    assert world.client_for("citizen").get(LIST).status_code == 403


def test_list_answers_colours(world: World) -> None:
    file_problem(world, deadline=date(2024, 8, 1), today=timezone.localdate())
    response = _get(world, "viewer", LIST)
    assert [item["colour"] for item in response.json()] == ["red"]


# ---------------------------------------------------------------- GET /problems/{id}


def test_detail_with_colour_timeline_and_allowed_actions(world: World) -> None:
    today = timezone.localdate()
    problem = problem_in(world, "notified", today=today, deadline=today + timedelta(days=60))
    url = reverse("api:problem_detail", kwargs={"id": problem.pk})

    response = _get(world, "unit_staff_lead", url)

    assert response.status_code == 200
    body = response.json()
    assert (body["state"], body["version"], body["colour"]) == ("notified", 2, None)
    assert [entry["action"] for entry in body["timeline"]] == ["problem.created", "problem.notify"]
    assert body["timeline"][1]["after"]["notice"] == Notice.objects.get().number
    assert body["allowed_actions"] == ["start_rectifying", "request_extension"]


@pytest.mark.parametrize(
    ("role", "status"),
    [("unit_staff_other", 404), ("commission_admin_other", 404), ("citizen", 403), ("viewer", 200)],
)
def test_detail_scope(world: World, role: str, status: int) -> None:
    problem = file_problem(world)
    url = reverse("api:problem_detail", kwargs={"id": problem.pk})
    assert _get(world, role, url).status_code == status


# ---------------------------------------------------------------- POST /problems/{id}/transitions


def _transition(world: World, role: str, problem: Problem, **body: Any) -> "Response":
    url = reverse("api:problem_transitions", kwargs={"id": problem.pk})
    return _post(world, role, url, {"reason": "", **body})


def test_transition_moves_the_problem(world: World) -> None:
    problem = file_problem(world)

    response = _transition(world, "supervisor", problem, action="notify", version=1)

    assert response.status_code == 200
    body = response.json()
    assert (body["state"], body["version"]) == ("notified", 2)
    assert Problem.objects.get(pk=problem.pk).state == "notified"


def test_transition_not_allowed_in_this_state_is_409_naming_the_allowed(world: World) -> None:
    problem = file_problem(world)

    response = _transition(world, "supervisor", problem, action="close", version=1)

    assert response.status_code == 409
    body = response.json()
    assert (body["code"], body["allowed"]) == ("invalid_transition", ["notify", "list"])
    assert Problem.objects.get(pk=problem.pk).state == "open"


def test_transition_with_a_stale_version_is_409(world: World) -> None:
    problem = file_problem(world)
    _transition(world, "supervisor", problem, action="notify", version=1)

    response = _transition(world, "commission_admin", problem, action="notify", version=1)

    assert (response.status_code, response.json()["code"]) == (409, "stale")


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("unit_staff_other", 404),
        ("commission_admin_other", 404),
        ("viewer", 403),
        ("unit_staff_lead", 403),
    ],
)
def test_transition_without_the_right(world: World, role: str, status: int) -> None:
    problem = file_problem(world)
    response = _transition(world, role, problem, action="notify", version=1)
    assert response.status_code == status
    assert Problem.objects.values_list("state", "version").get(pk=problem.pk) == ("open", 1)


def test_transition_unknown_action_is_400(world: World) -> None:
    problem = file_problem(world)
    response = _transition(world, "supervisor", problem, action="fly", version=1)
    assert (response.status_code, response.json()["field"]) == (400, "action")


def test_unit_submits_evidence_with_the_checklist(world: World) -> None:
    problem = problem_in(world, "rectifying")
    response = _transition(
        world,
        "unit_staff_lead",
        problem,
        action="submit_evidence",
        version=problem.version,
        text="已完成公开招标",
        checklist={"matter": True, "institution": True},
    )
    assert (response.status_code, response.json()["state"]) == (200, "submitted")
    evidence = problem.evidence.get()
    assert evidence.checklist["institution"] is True


def test_unit_requests_an_extension_with_a_date(world: World) -> None:
    deadline = timezone.localdate() + timedelta(days=10)
    problem = problem_in(world, "rectifying", deadline=deadline, today=timezone.localdate())
    response = _transition(
        world,
        "unit_staff_lead",
        problem,
        action="request_extension",
        version=problem.version,
        reason="需重新招标",
        deadline=(deadline + timedelta(days=30)).isoformat(),
    )
    assert response.status_code == 200
    assert "request_extension" not in response.json()["allowed_actions"]
    assert problem.extensions.get().requested_deadline == deadline + timedelta(days=30)


# ---------------------------------------------------------------- POST /inspections


INSPECTIONS = reverse("api:inspection_create")


def test_inspection_with_two_problems(world: World) -> None:
    today = timezone.localdate()
    body = {
        "date": today.isoformat(),
        "kind": "unannounced",
        "members": "张三、李四",
        "projects": [world.projects["in_progress"].pk],
        "problems": [
            {
                "responsible_unit": world.orgs["dh_jiaoyu"].pk,
                "description": "食堂账目不清",
                "deadline": (today + timedelta(days=30)).isoformat(),
            },
            {
                "responsible_unit": world.orgs["dh_gongan"].pk,
                "description": "反诈宣传台账缺失",
                "deadline": (today - timedelta(days=40)).isoformat(),
                "severity": "serious",
            },
        ],
    }

    response = _post(world, "supervisor", INSPECTIONS, body)

    assert response.status_code == 201
    result = response.json()
    assert (result["kind"], result["commission"]["name"]) == ("unannounced", "定海区纪委监委")
    assert [p["state"] for p in result["problems"]] == ["open", "open"]
    assert [p["colour"] for p in result["problems"]] == [None, "red"]
    assert {u["name"] for u in result["inspected_units"]} == {"定海区教育局", "定海区公安分局"}
    assert Problem.objects.filter(inspection_id=result["id"]).count() == 2


def test_inspection_with_a_bad_problem_files_nothing(world: World) -> None:
    body = {
        "date": timezone.localdate().isoformat(),
        "kind": "onsite",
        "problems": [
            {
                "responsible_unit": world.orgs["dh_jiaoyu"].pk,
                "description": "甲",
                "deadline": "2024-10-31",
            },
            {
                "responsible_unit": world.orgs["pt_minzheng"].pk,
                "description": "乙",
                "deadline": "2024-10-31",
            },
        ],
    }
    response = _post(world, "supervisor", INSPECTIONS, body)
    assert (response.status_code, response.json()["field"]) == (400, "problems-1-responsible_unit")
    assert (Inspection.objects.count(), Problem.objects.count()) == (0, 0)


@pytest.mark.parametrize("role", ["unit_staff_lead", "viewer", "citizen"])
def test_inspection_refused_to_other_roles(world: World, role: str) -> None:
    body = {"date": timezone.localdate().isoformat(), "kind": "onsite"}
    assert _post(world, role, INSPECTIONS, body).status_code == 403
    assert Inspection.objects.count() == 0


# ---------------------------------------------------------------- GET /warnings/summary


def test_warning_summary(world: World) -> None:
    today = timezone.localdate()
    file_problem(world, deadline=today - timedelta(days=60), today=today)  # red
    problem_in(world, "closed", today=today)

    response = _get(world, "supervisor", reverse("api:warning_summary"))

    assert response.status_code == 200
    body = response.json()
    assert (body["total"], body["colours"]["red"], body["states"]["closed"]) == (2, 1, 1)
    assert body["statuses"] == {"done": 1, "on_schedule": 0, "behind": 1, "long_term": 0}
    other = _get(world, "commission_admin_other", reverse("api:warning_summary")).json()
    assert other["total"] == 0
