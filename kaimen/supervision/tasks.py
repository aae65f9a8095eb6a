"""Background work of supervision (django.tasks): thin and idempotent."""

from datetime import date

from django.tasks import task

from kaimen.supervision.services.escalation import warnings_send


@task()
def send_warnings_task(day: str | None = None) -> dict[str, int]:
    """The nightly escalation for `day` (ISO date; default today): letters sent per colour.
    Running it again sends nothing twice."""
    result = warnings_send(today=date.fromisoformat(day) if day else None)
    return result.letters
