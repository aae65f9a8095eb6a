"""The import task: queued run → running → done (campaign linked) or failed (message)."""

from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied

from conftest import World
from kaimen.campaigns.imports import (
    announcement_import,
    import_run_confirm,
    import_run_create,
)
from kaimen.campaigns.models import Campaign, ImportRun, ImportState
from kaimen.campaigns.tasks import import_run_execute
from kaimen.core.errors import ConflictError
from kaimen.core.public_cache import bump_generation
from kaimen.demo.management.commands.load_demo import seed_path
from kaimen.timeline.models import Event

Capture = Callable[..., AbstractContextManager[list[Callable[[], Any]]]]


def _run(world: World) -> ImportRun:
    path = seed_path("001_")
    assert path is not None
    return import_run_create(
        actor=world.users["commission_admin"],
        issuer=world.orgs["dh_jiwei"],
        source_name="2022.txt",
        data=path.read_bytes(),
        text=None,
    )


def test_confirm_queues_the_task_on_commit_and_the_task_imports(
    world: World, django_capture_on_commit_callbacks: Capture
) -> None:
    # given
    run = _run(world)
    # when
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        import_run_confirm(actor=world.users["commission_admin"], run=run, create_orgs=True)
    # then
    assert len([c for c in callbacks if c is not bump_generation]) == 1  # the import task
    run.refresh_from_db()
    assert (run.state, run.progress) == (ImportState.DONE, 100)
    assert run.campaign is not None
    assert (run.campaign.year, run.campaign.projects.count()) == (2022, 13)
    assert "新建专项治理，13 个治理项目" in run.message
    actions = list(
        Event.objects.filter(target_id=str(run.pk), action__startswith="import_run.")
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == ["import_run.created", "import_run.confirmed", "import_run.done"]


def test_confirm_without_creating_units_fails_with_the_units_named(
    world: World, django_capture_on_commit_callbacks: Capture
) -> None:
    # given
    run = _run(world)
    campaigns = Campaign.objects.count()
    # when
    with django_capture_on_commit_callbacks(execute=True):
        import_run_confirm(actor=world.users["commission_admin"], run=run, create_orgs=False)
    # then
    run.refresh_from_db()
    assert run.state == ImportState.FAILED
    assert "区发改局" in run.message
    assert run.campaign is None
    assert Campaign.objects.count() == campaigns


def test_a_failed_run_can_be_confirmed_again(
    world: World, django_capture_on_commit_callbacks: Capture
) -> None:
    run = _run(world)
    with django_capture_on_commit_callbacks(execute=True):
        import_run_confirm(actor=world.users["commission_admin"], run=run, create_orgs=False)
    run.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        import_run_confirm(actor=world.users["commission_admin"], run=run, create_orgs=True)
    run.refresh_from_db()
    assert run.state == ImportState.DONE


def test_the_task_does_nothing_for_a_run_that_is_not_queued(world: World) -> None:
    # given
    run = _run(world)
    events = Event.objects.count()
    # when
    result = import_run_execute.call(run.pk, create_orgs=True)
    # then
    assert result == ImportState.PARSED
    run.refresh_from_db()
    assert run.state == ImportState.PARSED
    assert Event.objects.count() == events
    assert import_run_execute.call(999999) == "missing"


def test_confirming_twice_is_refused(world: World) -> None:
    run = _run(world)
    import_run_confirm(actor=world.users["commission_admin"], run=run, create_orgs=True)
    with pytest.raises(ConflictError):
        import_run_confirm(actor=world.users["commission_admin"], run=run, create_orgs=True)


def test_other_commission_cannot_confirm(world: World) -> None:
    run = _run(world)
    with pytest.raises(PermissionDenied):
        import_run_confirm(actor=world.users["commission_admin_other"], run=run)
    run.refresh_from_db()
    assert run.state == ImportState.PARSED


def test_progress_is_recorded_per_project(
    world: World, django_capture_on_commit_callbacks: Capture, monkeypatch: pytest.MonkeyPatch
) -> None:
    # given
    seen: list[int] = []
    original = announcement_import

    def spy(**kwargs: Any) -> Any:
        callback = kwargs["progress"]

        def record(done: int, total: int) -> None:
            callback(done, total)
            seen.append(ImportRun.objects.get(pk=run.pk).progress)

        return original(**{**kwargs, "progress": record})

    monkeypatch.setattr("kaimen.campaigns.imports.runs.announcement_import", spy)
    run = _run(world)
    # when
    with django_capture_on_commit_callbacks(execute=True):
        import_run_confirm(actor=world.users["commission_admin"], run=run, create_orgs=True)
    # then
    assert seen == [7, 15, 23, 30, 38, 46, 53, 61, 69, 76, 84, 92, 99]
