"""Background work of the campaigns app (django.tasks): thin, idempotent, by id."""

from django.tasks import task

from kaimen.campaigns.imports import import_run_perform


@task()
def import_run_execute(run_id: int, create_orgs: bool = False, allow_update: bool = False) -> str:
    """Import a confirmed announcement; progress and outcome are recorded on the run."""
    run = import_run_perform(run_id=run_id, create_orgs=create_orgs, allow_update=allow_update)
    return run.state if run is not None else "missing"
