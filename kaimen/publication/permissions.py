"""Who may do what to results announcements. Registered into `user.has_perm(perm, obj)`."""

from typing import Any

from kaimen.accounts.models import UserKind
from kaimen.campaigns.models import Campaign
from kaimen.core.permissions import rule
from kaimen.orgs.selectors import scope_for
from kaimen.publication.models import AnnouncementComment, AnnouncementVersion


@rule("publication.manage_announcement")
def can_manage_announcement(user: Any, campaign: Campaign) -> bool:
    """Generate, edit and publish the campaign's announcement: the issuer's commission admins."""
    return scope_for(user).administers(campaign.issuer)


@rule("publication.comment_announcement")
def can_comment(user: Any, version: AnnouncementVersion) -> bool:
    """Public comments (监督评议) come from signed-in citizens, on a published version."""
    return (
        getattr(user, "is_authenticated", False)
        and getattr(user, "kind", None) == UserKind.CITIZEN
        and version.is_published
    )


@rule("publication.flag_comment")
def can_flag_comment(user: Any, comment: AnnouncementComment) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and comment.author_id != user.pk


@rule("publication.moderate_comment")
def can_moderate_comment(user: Any, comment: AnnouncementComment) -> bool:
    return scope_for(user).administers(comment.version.announcement.campaign.issuer)
