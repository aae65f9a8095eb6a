"""Announcements in the test world: published, corrected, commented (through the services)."""

from typing import Any

from conftest import World
from kaimen.publication.models import AnnouncementComment, AnnouncementVersion, VersionState
from kaimen.publication.services import (
    announcement_edit,
    announcement_generate,
    announcement_publish,
    announcement_revise,
    comment_post,
)


def admin(world: World) -> Any:
    return world.users["commission_admin"]


def published_version(world: World) -> AnnouncementVersion:
    """定海's 2024 announcement, generated and published as version 1 (once per world)."""
    assert world.campaign is not None
    existing = AnnouncementVersion.objects.filter(
        announcement__campaign=world.campaign, number=1, state=VersionState.PUBLISHED
    ).first()
    if existing is not None:
        return existing
    draft = announcement_generate(actor=admin(world), campaign=world.campaign)
    return announcement_publish(actor=admin(world), version=draft)


def correction_draft(
    world: World, *, replace: tuple[str, str] | None = None
) -> AnnouncementVersion:
    """Version 2, a draft correcting version 1 (with one change made when `replace` is given)."""
    assert world.campaign is not None
    published_version(world)
    draft = announcement_revise(actor=admin(world), campaign=world.campaign)
    if replace is not None:
        old, new = replace
        assert old in draft.text
        draft = announcement_edit(
            actor=admin(world),
            version=draft,
            text=draft.text.replace(old, new, 1),
            base_revision=draft.revision,
        )
    return draft


def citizen_comment(
    world: World, body: str = "治理成果很实在，希望继续公开进展。"
) -> AnnouncementComment:
    return comment_post(actor=world.users["citizen"], version=published_version(world), body=body)
