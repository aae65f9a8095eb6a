"""`{% project_participation project %}`: the public's part of a project page — the topic it came
from (来源：群众点题) and its satisfaction (社会评价) — without the campaigns app knowing about it."""

from typing import Any

from django import template

from kaimen.campaigns.models import Project
from kaimen.orgs.selectors import scope_for
from kaimen.participation import selectors
from kaimen.participation.labels import ACTION_LABELS
from kaimen.participation.permissions import is_citizen

register = template.Library()


@register.inclusion_tag("participation/portal/_project_participation.html", takes_context=True)
def project_participation(context: template.Context, project: Project) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    satisfaction = selectors.project_satisfaction(project)
    citizen = is_citizen(user)
    return {
        "project": project,
        "request": request,
        "user": user,
        "csrf_token": context.get("csrf_token"),
        "source_topics": selectors.project_source_topics(project=project),
        "satisfaction": satisfaction,
        "comments": selectors.evaluation_comments_public(project=project)
        if satisfaction.comment_count
        else [],
        "mine": selectors.evaluation_for(user=user, project=project) if citizen else None,
        "can_evaluate": citizen and satisfaction.window_open,
        "can_record_survey": bool(user and user.has_perm("participation.record_survey", project)),
    }


@register.filter
def watches_topics(user: Any) -> bool:
    """Commission roles work on topic calls, units answer topics assigned to them: the staff
    menu shows both the way."""
    scope = scope_for(user)
    return scope.is_superuser or bool(scope.watch_paths or scope.unit_ids)


@register.filter
def topic_event_label(action: str) -> str:
    return str(ACTION_LABELS.get(action, action))
