"""When citizens may evaluate a project: from the publication of its outcomes, for
`KAIMEN_EVALUATION_DAYS` days (default 365), and never after the project is closed (结项)."""

from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from kaimen.campaigns.models import Project, ProjectState
from kaimen.timeline.models import Event


def outcomes_published_at(project: Project) -> datetime:
    """The publication event's time; projects imported as published count from their creation.

    Remembered on the project object: a page asks several times (window, permission).
    """
    cached: datetime | None = getattr(project, "_kaimen_published_at", None)
    if cached is not None:
        return cached
    published = (
        Event.objects.filter(
            target_type=ContentType.objects.get_for_model(Project),
            target_id=str(project.pk),
            action="project.publish",
        )
        .order_by("-id")
        .values_list("created_at", flat=True)
        .first()
    )
    project._kaimen_published_at = published or project.created_at  # type: ignore[attr-defined]
    return project._kaimen_published_at  # type: ignore[attr-defined,no-any-return]


def evaluation_closes_at(project: Project) -> datetime:
    days = int(getattr(settings, "KAIMEN_EVALUATION_DAYS", 365))
    return outcomes_published_at(project) + timedelta(days=days)


def evaluation_window_open(project: Project) -> bool:
    if project.state != ProjectState.PUBLISHED or not project.campaign.is_public:
        return False
    return timezone.now() < evaluation_closes_at(project)
