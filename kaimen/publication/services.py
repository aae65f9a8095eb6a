"""Every write to results announcements: permission, validation, one transaction, one Event.

A version is generated from the records (or copied from the published text to correct it),
edited as a draft, then published and frozen. Publishing enqueues the Word and PDF renderings.
"""

from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from kaimen.campaigns.models import Campaign, CampaignState
from kaimen.core.errors import ApplicationError, ConflictError
from kaimen.core.permissions import require
from kaimen.publication.generate import announcement_text
from kaimen.publication.models import (
    Announcement,
    AnnouncementComment,
    AnnouncementRendering,
    AnnouncementVersion,
    CommentFlag,
    CommentState,
    RenderingKind,
    VersionState,
)
from kaimen.publication.render import announcement_docx, announcement_pdf
from kaimen.timeline.services import event_record

MAX_TEXT = 200_000
MAX_COMMENT = 1000
MIN_COMMENT = 2
# A comment this many people report is held back until the commission looks at it
# (settings.KAIMEN_COMMENT_HOLD_FLAGS overrides it).
COMMENT_HOLD_FLAGS = 3


def comment_hold_flags() -> int:
    return int(getattr(settings, "KAIMEN_COMMENT_HOLD_FLAGS", COMMENT_HOLD_FLAGS))


def _lock(campaign: Campaign) -> Announcement:
    """The campaign's announcement, created when missing, locked for this transaction."""
    announcement, _created = Announcement.objects.get_or_create(campaign=campaign)
    return Announcement.objects.select_for_update().get(pk=announcement.pk)


def _next_number(announcement: Announcement) -> int:
    return (announcement.versions.aggregate(m=Max("number"))["m"] or 0) + 1


def _clean_text(text: str) -> str:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    cleaned = "\n".join(line.rstrip() for line in lines).strip("\n")
    if not cleaned.strip():
        raise ApplicationError(_("公告正文不能为空。"), code="required", field="text")
    if len(cleaned) > MAX_TEXT:
        raise ApplicationError(
            _("公告正文过长（最多 %(max)d 字）。") % {"max": MAX_TEXT},
            code="too_long",
            field="text",
        )
    return cleaned + "\n"


def _draft_of(announcement: Announcement) -> AnnouncementVersion | None:
    return announcement.versions.filter(state=VersionState.DRAFT).first()


def _new_draft(
    *, actor: Any, announcement: Announcement, text: str, action: str, source: int | None = None
) -> AnnouncementVersion:
    version = AnnouncementVersion(
        announcement=announcement,
        number=_next_number(announcement),
        text=text,
        created_by=actor,
        edited_by=actor,
    )
    version.full_clean()
    try:
        with transaction.atomic():
            version.save()
    except IntegrityError:
        raise ConflictError(_("已有未公布的草稿，请刷新页面。"), code="draft_exists") from None
    event_record(
        actor=actor,
        action=action,
        target=version,
        organization=announcement.campaign.issuer,
        after={"number": version.number, "chars": len(text), "from_version": source},
    )
    return version


@transaction.atomic
def announcement_generate(
    *, actor: Any, campaign: Campaign, replace_draft: bool = False
) -> AnnouncementVersion:
    """A draft written from the records. An unpublished draft is only overwritten when asked
    (`replace_draft`), so nobody loses edits by pressing the button twice."""
    require(actor, "publication.manage_announcement", campaign)
    announcement = _lock(campaign)
    text = announcement_text(campaign)
    draft = _draft_of(announcement)
    if draft is None:
        return _new_draft(
            actor=actor, announcement=announcement, text=text, action="announcement.generated"
        )
    if not replace_draft:
        raise ConflictError(
            _("第%(number)d版草稿尚未公布；重新生成会覆盖其中的修改，请确认后再试。")
            % {"number": draft.number},
            code="draft_exists",
        )
    if draft.text != text:
        before = {"revision": draft.revision, "chars": len(draft.text)}
        draft.text, draft.revision, draft.edited_by = text, draft.revision + 1, actor
        draft.save(update_fields=["text", "revision", "edited_by", "updated_at"])
        event_record(
            actor=actor,
            action="announcement.regenerated",
            target=draft,
            organization=campaign.issuer,
            before=before,
            after={"revision": draft.revision, "chars": len(text)},
        )
    return draft


@transaction.atomic
def announcement_revise(*, actor: Any, campaign: Campaign) -> AnnouncementVersion:
    """Start a correction: a new draft holding the text of the current published version."""
    require(actor, "publication.manage_announcement", campaign)
    announcement = _lock(campaign)
    published = (
        announcement.versions.filter(state=VersionState.PUBLISHED).order_by("-number").first()
    )
    if published is None:
        raise ApplicationError(_("尚无已公布的版本可以更正。"), code="nothing_published")
    draft = _draft_of(announcement)
    if draft is not None:
        return draft  # the correction is already under way
    return _new_draft(
        actor=actor,
        announcement=announcement,
        text=published.text,
        action="announcement.correction_started",
        source=published.number,
    )


@transaction.atomic
def announcement_edit(
    *, actor: Any, version: AnnouncementVersion, text: str, base_revision: int
) -> AnnouncementVersion:
    """Save the edited text of a draft. `base_revision` is the revision the editor started
    from: if someone saved since, the save is refused (nothing is lost, nothing overwritten)."""
    campaign = version.announcement.campaign
    require(actor, "publication.manage_announcement", campaign)
    if version.is_published:
        raise ConflictError(
            _("已公布的版本不能修改；如需更正，请发起更正生成新版本。"), code="frozen"
        )
    cleaned = _clean_text(text)
    current = AnnouncementVersion.objects.select_for_update().get(pk=version.pk)
    if current.state != VersionState.DRAFT:
        raise ConflictError(_("该版本已公布，不能再修改。"), code="frozen")
    if current.text == cleaned:
        return current  # a repeated save changes nothing
    if current.revision != base_revision:
        raise ConflictError(
            _("该草稿已被他人修改（现为第%(revision)d次修改），请刷新后再编辑。")
            % {"revision": current.revision},
            code="stale",
        )
    before = {"revision": current.revision, "chars": len(current.text)}
    current.text, current.revision, current.edited_by = cleaned, current.revision + 1, actor
    current.save(update_fields=["text", "revision", "edited_by", "updated_at"])
    event_record(
        actor=actor,
        action="announcement.edited",
        target=current,
        organization=campaign.issuer,
        before=before,
        after={"revision": current.revision, "chars": len(cleaned)},
    )
    return current


@transaction.atomic
def announcement_publish(
    *,
    actor: Any,
    version: AnnouncementVersion,
    change_note: str = "",
    base_revision: int | None = None,
) -> AnnouncementVersion:
    """Publish a draft and freeze it. A correction (a version after a published one) needs a
    note saying what it corrects; the earlier version stays in the public history."""
    campaign = Campaign.objects.select_related("issuer").get(pk=version.announcement.campaign_id)
    require(actor, "publication.manage_announcement", campaign)
    announcement = _lock(campaign)
    current = AnnouncementVersion.objects.select_for_update().get(pk=version.pk)
    if current.is_published:
        return current  # a double submission publishes once
    if base_revision is not None and current.revision != base_revision:
        raise ConflictError(_("该草稿在您预览后又被修改，请查看最新内容后再公布。"), code="stale")
    if campaign.state == CampaignState.DRAFT:
        raise ApplicationError(_("专项治理尚在筹备中，不能公布成果。"), code="campaign_not_public")
    previous = (
        announcement.versions.filter(state=VersionState.PUBLISHED).order_by("-number").first()
    )
    note = change_note.strip()
    if previous is not None:
        if previous.text == current.text:
            raise ApplicationError(
                _("与已公布的第%(number)d版相同，无需更正。") % {"number": previous.number},
                code="unchanged",
            )
        if not note:
            raise ApplicationError(
                _("请填写更正说明，向公众说明更正了什么。"), code="required", field="change_note"
            )
    if len(note) > AnnouncementVersion._meta.get_field("change_note").max_length:  # type: ignore[operator]
        raise ApplicationError(_("更正说明过长。"), code="too_long", field="change_note")
    current.state = VersionState.PUBLISHED
    current.published_at = timezone.now()
    current.published_by = actor
    current.change_note = note
    current.save(
        update_fields=["state", "published_at", "published_by", "change_note", "updated_at"]
    )
    event_record(
        actor=actor,
        action="announcement.published",
        target=current,
        organization=campaign.issuer,
        before={"state": VersionState.DRAFT},
        after={
            "state": VersionState.PUBLISHED,
            "number": current.number,
            "corrects": previous.number if previous else None,
        },
        reason=note,
    )
    from kaimen.publication.tasks import announcement_render_task  # noqa: PLC0415 (cycle)

    version_id = current.pk
    transaction.on_commit(lambda: announcement_render_task.enqueue(version_id))
    return current


# ---------------------------------------------------------------- renderings


def rendering_ensure(*, version: AnnouncementVersion, kind: str) -> AnnouncementRendering:
    """The stored Word or PDF file of a published version, made now when missing (the task
    makes them on publication; this is what it and a download that comes first both call)."""
    if not version.is_published:
        raise ApplicationError(_("只有已公布的版本才有文件下载。"), code="not_published")
    existing = version.renderings.filter(kind=kind).first()
    if existing is not None:
        return existing
    campaign = version.announcement.campaign
    header = _("%(issuer)s · %(year)d年专项治理工作成果 · 第%(number)d版") % {
        "issuer": campaign.issuer.name,
        "year": campaign.year,
        "number": version.number,
    }
    if kind == RenderingKind.DOCX:
        data = announcement_docx(version.text, header=header)
    elif kind == RenderingKind.PDF:
        data = announcement_pdf(
            version.text,
            issuer=campaign.issuer.name,
            published_at=version.published_at,
            header=header,
        )
    else:
        raise ApplicationError(_("未知的文件格式。"), code="invalid", field="kind")
    rendering = AnnouncementRendering(version=version, kind=kind, size=len(data))
    rendering.file.save(f"announcement-v{version.number}.{kind}", ContentFile(data), save=False)
    try:
        with transaction.atomic():
            rendering.save()
    except IntegrityError:  # made meanwhile by the task or another download
        rendering.file.delete(save=False)
        return version.renderings.get(kind=kind)
    event_record(
        actor=None,
        action="announcement.rendered",
        target=version,
        organization=campaign.issuer,
        after={"kind": kind, "size": len(data)},
    )
    return rendering


def renderings_make(*, version_id: int) -> list[str]:
    """Both files of a published version (idempotent); the kinds that exist afterwards."""
    version = (
        AnnouncementVersion.objects.select_related("announcement__campaign__issuer")
        .filter(pk=version_id, state=VersionState.PUBLISHED)
        .first()
    )
    if version is None:
        return []
    return [rendering_ensure(version=version, kind=kind).kind for kind in RenderingKind.values]


# ---------------------------------------------------------------- comments (监督评议)


@transaction.atomic
def comment_post(*, actor: Any, version: AnnouncementVersion, body: str) -> AnnouncementComment:
    require(actor, "publication.comment_announcement", version)
    text = body.strip()
    if len(text) < MIN_COMMENT:
        raise ApplicationError(_("请写下您的评议意见。"), code="required", field="body")
    if len(text) > MAX_COMMENT:
        raise ApplicationError(
            _("评议最多 %(max)d 字。") % {"max": MAX_COMMENT}, code="too_long", field="body"
        )
    existing = AnnouncementComment.objects.filter(version=version, author=actor, body=text).first()
    if existing is not None:
        return existing  # the same comment sent twice is one comment
    comment = AnnouncementComment.objects.create(version=version, author=actor, body=text)
    event_record(
        actor=actor,
        action="announcement.comment_posted",
        target=comment,
        organization=version.announcement.campaign.issuer,
        after={"version": version.number, "chars": len(text)},
    )
    return comment


@transaction.atomic
def comment_flag(*, actor: Any, comment: AnnouncementComment) -> AnnouncementComment:
    """Report a comment. Each person counts once; at `comment_hold_flags()` reports a comment
    the commission has not yet reviewed is held back until it decides."""
    require(actor, "publication.flag_comment", comment)
    _flag, created = CommentFlag.objects.get_or_create(comment=comment, user=actor)
    if not created:
        return comment
    AnnouncementComment.objects.filter(pk=comment.pk).update(flag_count=F("flag_count") + 1)
    comment.refresh_from_db()
    held = (
        comment.state == CommentState.VISIBLE
        and not comment.reviewed
        and comment.flag_count >= comment_hold_flags()
    )
    if held:
        comment.state = CommentState.HELD
        comment.save(update_fields=["state", "updated_at"])
    event_record(
        actor=actor,
        action="announcement.comment_flagged",
        target=comment,
        organization=comment.version.announcement.campaign.issuer,
        after={"flags": comment.flag_count, **({"state": CommentState.HELD} if held else {})},
    )
    return comment


@transaction.atomic
def comment_moderate(
    *, actor: Any, comment: AnnouncementComment, visible: bool, reason: str = ""
) -> AnnouncementComment:
    """The commission's decision: keep the comment public (it is not held again) or hide it.
    The comment itself is kept as written either way."""
    require(actor, "publication.moderate_comment", comment)
    if not visible and not reason.strip():
        raise ApplicationError(_("请填写屏蔽理由。"), code="required", field="reason")
    before = {"state": comment.state}
    comment.state = CommentState.VISIBLE if visible else CommentState.HIDDEN
    comment.reviewed = True
    comment.moderated_by = actor
    comment.moderated_at = timezone.now()
    comment.moderation_reason = reason.strip()[:200]
    comment.save(
        update_fields=[
            "state",
            "reviewed",
            "moderated_by",
            "moderated_at",
            "moderation_reason",
            "updated_at",
        ]
    )
    event_record(
        actor=actor,
        action="announcement.comment_moderated",
        target=comment,
        organization=comment.version.announcement.campaign.issuer,
        before=before,
        after={"state": comment.state},
        reason=comment.moderation_reason,
    )
    return comment
