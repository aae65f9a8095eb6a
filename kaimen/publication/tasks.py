"""Background work of publication (django.tasks): thin, idempotent, by id."""

from django.tasks import task

from kaimen.publication.services import renderings_make


@task()
def announcement_render_task(version_id: int) -> list[str]:
    """Make and store the Word and PDF files of a published version."""
    return renderings_make(version_id=version_id)
