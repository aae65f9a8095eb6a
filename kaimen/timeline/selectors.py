from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import QuerySet

from kaimen.timeline.models import DailySeal, Event


def event_list_for(*, target: models.Model) -> QuerySet[Event]:
    """The timeline of one object, oldest first (callers have already checked they may see it)."""
    content_type = ContentType.objects.get_for_model(target, for_concrete_model=False)
    return (
        Event.objects.filter(target_type=content_type, target_id=str(target.pk))
        .select_related("actor")
        .order_by("id")
    )


def daily_seal_list() -> QuerySet[DailySeal]:
    """The published chain heads, one a day, latest first (public: they reveal no content)."""
    return DailySeal.objects.order_by("-day")
