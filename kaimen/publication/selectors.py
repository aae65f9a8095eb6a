"""Reads of announcements: the public sees published versions and visible comments; the
issuer's commission admins see drafts and the comments held for review. Missing and forbidden
both answer 404."""

from dataclasses import dataclass
from typing import Any

from django.db.models import OuterRef, QuerySet, Subquery
from django.http import Http404

from kaimen.campaigns.models import Campaign
from kaimen.campaigns.selectors import campaign_get_for
from kaimen.publication.models import (
    Announcement,
    AnnouncementComment,
    AnnouncementVersion,
    CommentState,
    VersionState,
)


def published_versions(campaign_id: int) -> QuerySet[AnnouncementVersion]:
    """The published versions of a campaign's announcement, newest first."""
    return AnnouncementVersion.objects.filter(
        announcement__campaign_id=campaign_id, state=VersionState.PUBLISHED
    ).order_by("-number")


def current_published_versions() -> QuerySet[AnnouncementVersion]:
    """Each announcement's newest published version (what the public reads now)."""
    newest = (
        AnnouncementVersion.objects.filter(
            announcement=OuterRef("announcement"), state=VersionState.PUBLISHED
        )
        .order_by("-number")
        .values("pk")[:1]
    )
    return AnnouncementVersion.objects.filter(pk=Subquery(newest)).select_related(
        "announcement__campaign__issuer"
    )


@dataclass(frozen=True)
class PublicAnnouncement:
    campaign: Campaign
    current: AnnouncementVersion
    history: list[AnnouncementVersion]  # every published version, newest first

    @property
    def previous(self) -> AnnouncementVersion | None:
        return self.history[1] if len(self.history) > 1 else None


def announcement_public_get(*, campaign_id: int) -> PublicAnnouncement:
    history = list(published_versions(campaign_id).select_related("announcement__campaign__issuer"))
    if not history:
        raise Http404
    return PublicAnnouncement(history[0].announcement.campaign, history[0], history)


def announcement_version_public_get(*, campaign_id: int, number: int) -> AnnouncementVersion:
    version = (
        published_versions(campaign_id)
        .filter(number=number)
        .select_related("announcement__campaign__issuer")
        .first()
    )
    if version is None:
        raise Http404
    return version


def announcement_published_exists(*, campaign_id: int) -> bool:
    return published_versions(campaign_id).exists()


def comment_list_public(*, campaign_id: int) -> QuerySet[AnnouncementComment]:
    """Visible comments on any published version of the announcement, oldest first."""
    return (
        AnnouncementComment.objects.filter(
            version__announcement__campaign_id=campaign_id, state=CommentState.VISIBLE
        )
        .select_related("author", "version")
        .order_by("created_at", "pk")
    )


def comment_get_public(*, pk: int) -> AnnouncementComment:
    comment = (
        AnnouncementComment.objects.filter(pk=pk, state=CommentState.VISIBLE)
        .select_related("version__announcement__campaign__issuer")
        .first()
    )
    if comment is None:
        raise Http404
    return comment


# ---------------------------------------------------------------- back office


@dataclass(frozen=True)
class StaffAnnouncement:
    campaign: Campaign
    announcement: Announcement | None
    versions: list[AnnouncementVersion]  # newest first

    @property
    def draft(self) -> AnnouncementVersion | None:
        return next((v for v in self.versions if v.state == VersionState.DRAFT), None)

    @property
    def published(self) -> AnnouncementVersion | None:
        return next((v for v in self.versions if v.state == VersionState.PUBLISHED), None)


def campaign_for_announcement_staff(*, user: Any, campaign_id: int) -> Campaign:
    """The campaign whose announcement this user manages (404 for anyone else)."""
    campaign = campaign_get_for(user=user, pk=campaign_id)
    if not user.has_perm("publication.manage_announcement", campaign):
        raise Http404
    return campaign


def announcement_staff_get(*, user: Any, campaign_id: int) -> StaffAnnouncement:
    campaign = campaign_for_announcement_staff(user=user, campaign_id=campaign_id)
    announcement = Announcement.objects.filter(campaign=campaign).first()
    versions = (
        list(
            announcement.versions.select_related(
                "created_by", "edited_by", "published_by"
            ).order_by("-number")
        )
        if announcement
        else []
    )
    return StaffAnnouncement(campaign, announcement, versions)


def version_staff_get(*, user: Any, campaign_id: int, number: int) -> AnnouncementVersion:
    campaign = campaign_for_announcement_staff(user=user, campaign_id=campaign_id)
    version = (
        AnnouncementVersion.objects.filter(announcement__campaign=campaign, number=number)
        .select_related("announcement__campaign__issuer")
        .first()
    )
    if version is None:
        raise Http404
    return version


def comment_list_staff(*, campaign: Campaign) -> QuerySet[AnnouncementComment]:
    """All comments, held ones first, for the commission's moderation."""
    return (
        AnnouncementComment.objects.filter(version__announcement__campaign=campaign)
        .select_related("author", "version", "moderated_by")
        .order_by("-flag_count", "-created_at")
    )


def comment_staff_get(*, user: Any, campaign_id: int, pk: int) -> AnnouncementComment:
    campaign = campaign_for_announcement_staff(user=user, campaign_id=campaign_id)
    comment = (
        comment_list_staff(campaign=campaign)
        .filter(pk=pk)
        .select_related("version__announcement__campaign__issuer")
        .first()
    )
    if comment is None:
        raise Http404
    return comment
