"""Services the back office added: files on evidence and inspections, look-backs, the warning
policy, institutions, the listing's 督办单, the nightly escalation, notifications."""

from datetime import date, timedelta
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile

from conftest import World
from kaimen.campaigns.models import Institution
from kaimen.core.calendar import add_workdays
from kaimen.core.errors import ApplicationError
from kaimen.notifications.models import Notification
from kaimen.supervision.models import (
    Attachment,
    Inspection,
    InspectionKind,
    Letter,
    LetterKind,
    ProblemState,
    WarningPolicy,
)
from kaimen.supervision.services.escalation import warnings_send
from kaimen.supervision.services.filing import inspection_create
from kaimen.supervision.services.institutions import institution_create
from kaimen.supervision.services.lookbacks import problem_lookback
from kaimen.supervision.services.policy import ThresholdData, warning_policy_save
from kaimen.supervision.services.problems import (
    problem_put_on_list,
    problem_submit_evidence,
    problem_transition,
)
from kaimen.supervision.tests.factories import TODAY, problem_in
from kaimen.timeline.models import Event

PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 32


# ---------------------------------------------------------------- files


def test_evidence_carries_its_files(world: World) -> None:
    problem = problem_in(world, "rectifying")

    evidence = problem_submit_evidence(
        actor=world.users["unit_staff_lead"],
        problem=problem,
        version=problem.version,
        text="已公开招标",
        files=[SimpleUploadedFile("招标公告.png", PNG)],
        today=TODAY,
    )

    attachment = evidence.files.get()
    assert (attachment.name, attachment.content_type, attachment.size) == (
        "招标公告.png",
        "image/png",
        len(PNG),
    )
    assert attachment.file.read() == PNG


def test_a_refused_file_refuses_the_whole_submission(world: World) -> None:
    problem = problem_in(world, "rectifying")
    version = problem.version

    with pytest.raises(ApplicationError) as caught:
        problem_submit_evidence(
            actor=world.users["unit_staff_lead"],
            problem=problem,
            version=version,
            text="已整改",
            files=[SimpleUploadedFile("a.exe", b"MZ\x90\x00")],
            today=TODAY,
        )

    assert caught.value.field == "attachments"
    problem.refresh_from_db()
    assert (problem.state, problem.version) == (ProblemState.RECTIFYING, version)
    assert not Attachment.objects.exists()


def test_an_inspection_carries_its_files(world: World) -> None:
    inspection = inspection_create(
        actor=world.users["supervisor"],
        commission=world.orgs["dh_jiwei"],
        date=TODAY,
        kind=InspectionKind.ONSITE,
        files=[SimpleUploadedFile("检查记录.pdf", b"%PDF-1.4")],
        today=TODAY,
    )

    assert [a.name for a in inspection.files.all()] == ["检查记录.pdf"]


# ---------------------------------------------------------------- look-backs


def test_a_lookback_that_holds_records_the_inspection_and_keeps_the_closing(world: World) -> None:
    problem = problem_in(world, "closed")
    later = TODAY + timedelta(days=91)

    inspection = problem_lookback(
        actor=world.users["supervisor"],
        problem=problem,
        version=problem.version,
        holds=True,
        date=later,
        members="张伟",
        today=later,
    )

    problem.refresh_from_db()
    assert inspection.kind == InspectionKind.LOOKBACK
    assert list(inspection.inspected_units.all()) == [world.orgs["dh_jiaoyu"]]
    assert (problem.state, problem.lookback_done_on) == (ProblemState.CLOSED, later)


def test_a_relapse_reopens_with_a_new_deadline(world: World) -> None:
    problem = problem_in(world, "closed")
    later = TODAY + timedelta(days=91)

    problem_lookback(
        actor=world.users["supervisor"],
        problem=problem,
        version=problem.version,
        holds=False,
        date=later,
        reason="进货台账又未公示",
        deadline=later + timedelta(days=30),
        today=later,
    )

    problem.refresh_from_db()
    assert problem.state == ProblemState.RECTIFYING
    assert problem.deadline == later + timedelta(days=30)
    assert Event.objects.filter(action="problem.reopen", reason="进货台账又未公示").count() == 1


def test_a_relapse_without_reason_records_nothing(world: World) -> None:
    problem = problem_in(world, "closed")
    later = TODAY + timedelta(days=91)

    with pytest.raises(ApplicationError) as caught:
        problem_lookback(
            actor=world.users["supervisor"],
            problem=problem,
            version=problem.version,
            holds=False,
            date=later,
            deadline=later + timedelta(days=30),
            today=later,
        )

    assert caught.value.field == "reason"
    assert not Inspection.objects.filter(kind=InspectionKind.LOOKBACK).exists()


def test_units_cannot_record_lookbacks(world: World) -> None:
    problem = problem_in(world, "closed")

    with pytest.raises(PermissionDenied):
        problem_lookback(
            actor=world.users["unit_staff_lead"],
            problem=problem,
            version=problem.version,
            holds=True,
            date=TODAY,
            today=TODAY,
        )

    assert not Inspection.objects.exists()


# ---------------------------------------------------------------- warning policy


def _rows(**days: int | None) -> list[ThresholdData]:
    defaults: dict[str, tuple[str, int | None, str]] = {
        "blue": ("before_deadline", 3, "reminder"),
        "yellow": ("overdue", 0, "prompt_letter"),
        "orange": ("overdue", 10, "supervision_letter"),
        "red": ("overdue", 20, "interview"),
    }
    return [
        ThresholdData(colour, clock, days.get(colour, value), step)
        for colour, (clock, value, step) in defaults.items()
    ]


def test_an_admin_saves_the_policy(world: World) -> None:
    policy = warning_policy_save(
        actor=world.users["commission_admin"],
        commission=world.orgs["dh_jiwei"],
        colours="four",
        workdays=False,
        thresholds=_rows(orange=5, red=15),
        listed_escalation=True,
        lookback_days=60,
    )

    assert policy.thresholds == [
        {"colour": "blue", "clock": "before_deadline", "days": 3},
        {"colour": "yellow", "clock": "overdue", "days": 0},
        {"colour": "orange", "clock": "overdue", "days": 5},
        {"colour": "red", "clock": "overdue", "days": 15},
    ]
    assert policy.escalation["orange"] == "supervision_letter"
    assert (policy.workdays, policy.lookback_days) == (False, 60)
    assert Event.objects.filter(action="warning_policy.saved").count() == 1


@pytest.mark.parametrize(
    ("rows", "field"),
    [
        (_rows(red=None), "red_days"),
        (_rows(red=5), "red_days"),  # not more severe than orange
        (_rows(orange=400), "orange_days"),
    ],
)
def test_policy_errors_name_the_field(world: World, rows: list[ThresholdData], field: str) -> None:
    with pytest.raises(ApplicationError) as caught:
        warning_policy_save(
            actor=world.users["commission_admin"],
            commission=world.orgs["dh_jiwei"],
            colours="four",
            workdays=True,
            thresholds=rows,
            listed_escalation=True,
            lookback_days=90,
        )

    assert caught.value.field == field
    assert not WarningPolicy.objects.exists()


def test_a_supervisor_cannot_change_the_policy(world: World) -> None:
    with pytest.raises(PermissionDenied):
        warning_policy_save(
            actor=world.users["supervisor"],
            commission=world.orgs["dh_jiwei"],
            colours="four",
            workdays=True,
            thresholds=_rows(),
            listed_escalation=True,
            lookback_days=90,
        )

    assert not WarningPolicy.objects.exists()


# ---------------------------------------------------------------- institutions


def test_a_unit_records_its_institution_linked_to_its_problem(world: World) -> None:
    problem = problem_in(world, "rectifying")

    institution = institution_create(
        actor=world.users["unit_staff_lead"],
        organization=world.orgs["dh_jiaoyu"],
        title="学校食堂大宗食材集中采购管理办法",
        issued_on=TODAY,
        problems=[problem],
        files=[SimpleUploadedFile("办法.pdf", b"%PDF-1.4")],
        today=TODAY,
    )

    assert list(institution.problems.all()) == [problem]
    assert institution.files.count() == 1


def test_a_unit_cannot_record_another_units_institution(world: World) -> None:
    with pytest.raises(PermissionDenied):
        institution_create(
            actor=world.users["unit_staff_other"],
            organization=world.orgs["dh_jiaoyu"],
            title="办法",
            issued_on=None,
        )

    assert not Institution.objects.exists()


# ---------------------------------------------------------------- listing, escalation


def test_listing_generates_the_numbered_listing_sheet(world: World) -> None:
    problem = problem_in(world, "notified")

    problem_put_on_list(
        actor=world.users["commission_admin"],
        problem=problem,
        version=problem.version,
        deadline=date(2024, 10, 20),
        today=TODAY,
    )

    letter = Letter.objects.get()
    assert (letter.kind, letter.number) == (LetterKind.LISTING, "定海区纪委监委督办〔2024〕1号")
    assert str(letter.document.name).endswith(".docx")


def test_the_nightly_run_sends_each_colours_letter_once(world: World) -> None:
    today = date(2024, 11, 20)
    yellow = problem_in(world, "rectifying", deadline=add_workdays(today, -2))
    orange = problem_in(world, "notified", deadline=add_workdays(today, -11))
    problem_in(world, "rectifying", deadline=add_workdays(today, 20))  # no colour

    first = warnings_send(today=today)
    again = warnings_send(today=today)

    assert first.letters == {"green": 0, "blue": 0, "yellow": 1, "orange": 1, "red": 0}
    assert again.total == 0
    kinds = dict(Letter.objects.values_list("problem_id", "kind"))
    assert kinds == {yellow.pk: LetterKind.PROMPT, orange.pk: LetterKind.URGE}
    assert Letter.objects.get(problem=orange).number == "定海区纪委监委督办函〔2024〕1号"


def test_a_new_deadline_starts_the_letters_again(world: World) -> None:
    today = date(2024, 11, 20)
    problem = problem_in(world, "rectifying", deadline=add_workdays(today, -2))
    warnings_send(today=today)
    problem.deadline = add_workdays(today, -1)
    problem.save(update_fields=["deadline"])

    sent = warnings_send(today=today)

    assert sent.letters["yellow"] == 1
    assert Letter.objects.filter(problem=problem, colour="yellow").count() == 2


def test_letters_tell_the_unit_after_commit(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    today = date(2024, 11, 20)
    problem_in(world, "rectifying", deadline=add_workdays(today, -2))

    with django_capture_on_commit_callbacks(execute=True):
        warnings_send(today=today)

    notification = Notification.objects.get(user=world.users["unit_staff_lead"], verb="提示函")
    assert "定海区纪委监委提示函〔2024〕1号" in notification.message


# ---------------------------------------------------------------- notifications of transitions


def test_the_unit_hears_of_the_notice_and_the_supervisor_of_the_evidence(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        problem = problem_in(world, "submitted")

    unit = Notification.objects.filter(user=world.users["unit_staff_lead"])
    supervisor = Notification.objects.filter(user=world.users["supervisor"])
    assert list(unit.values_list("verb", flat=True)) == ["整改通知"]
    assert list(supervisor.values_list("verb", flat=True)) == ["整改材料待审核"]
    assert supervisor.get().url == f"/staff/supervision/problems/{problem.pk}/"


def test_nothing_is_sent_when_the_transition_fails(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    problem = problem_in(world, "submitted")
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ApplicationError):
        problem_transition(
            actor=world.users["supervisor"],
            problem=problem,
            action="return",
            version=problem.version,
            reason="",
            today=TODAY,
        )

    assert not Notification.objects.filter(verb="整改材料退回").exists()
