"""Results announcements (成果公布): versions of the text, their renderings, public comments.

A version is a draft while the commission edits it; publishing freezes it for good. A correction
is a new version published after it: the earlier one stays in the public history.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kaimen.core.models import TimeStampedModel


class Announcement(TimeStampedModel):
    """The results announcement of one campaign (one per campaign)."""

    campaign = models.OneToOneField(
        "campaigns.Campaign",
        verbose_name=_("专项治理"),
        on_delete=models.PROTECT,
        related_name="announcement",
    )

    class Meta:
        verbose_name = _("成果公告")
        verbose_name_plural = _("成果公告")

    def __str__(self) -> str:
        return f"{self.campaign} 成果公告"


class VersionState(models.TextChoices):
    DRAFT = "draft", _("草稿")
    PUBLISHED = "published", _("已公布")


class AnnouncementVersion(TimeStampedModel):
    """One version of the text. Drafts are edited in place (`revision` counts the saves, so a
    stale save is refused); a published version is never changed again."""

    announcement = models.ForeignKey(
        Announcement, on_delete=models.PROTECT, related_name="versions"
    )
    number = models.PositiveIntegerField(_("版本"))
    text = models.TextField(_("正文"))
    state = models.CharField(
        _("状态"), max_length=20, choices=VersionState.choices, default=VersionState.DRAFT
    )
    revision = models.PositiveIntegerField(_("修改次数"), default=1)
    change_note = models.CharField(_("更正说明"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    published_at = models.DateTimeField(_("公布时间"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("公告版本")
        verbose_name_plural = _("公告版本")
        ordering = ["announcement", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["announcement", "number"], name="announcement_version_unique_number"
            ),
            models.UniqueConstraint(
                fields=["announcement"],
                condition=Q(state="draft"),
                name="announcement_one_draft",
            ),
            models.CheckConstraint(
                condition=Q(state="draft") | Q(published_at__isnull=False),
                name="announcement_published_has_time",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.announcement} 第{self.number}版"

    @property
    def is_published(self) -> bool:
        return self.state == VersionState.PUBLISHED


class RenderingKind(models.TextChoices):
    DOCX = "docx", "Word"
    PDF = "pdf", "PDF"


def rendering_path(instance: "AnnouncementRendering", filename: str) -> str:
    version = instance.version
    return f"announcements/{version.announcement.campaign_id}/v{version.number}/{filename}"


class AnnouncementRendering(models.Model):
    """A stored Word or PDF file of a published version (made once, by a background task)."""

    version = models.ForeignKey(
        AnnouncementVersion, on_delete=models.PROTECT, related_name="renderings"
    )
    kind = models.CharField(max_length=10, choices=RenderingKind.choices)
    file = models.FileField(upload_to=rendering_path, max_length=255)
    size = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("公告文件")
        verbose_name_plural = _("公告文件")
        constraints = [
            models.UniqueConstraint(fields=["version", "kind"], name="rendering_once_per_kind"),
        ]

    def __str__(self) -> str:
        return f"{self.version} {self.kind}"


class CommentState(models.TextChoices):
    VISIBLE = "visible", _("公开")
    HELD = "held", _("被举报，待审核")
    HIDDEN = "hidden", _("已屏蔽")


class AnnouncementComment(TimeStampedModel):
    """A public comment (监督评议) on a published version. The body is kept as written even
    when moderation hides it."""

    version = models.ForeignKey(
        AnnouncementVersion, on_delete=models.PROTECT, related_name="comments"
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    body = models.TextField(_("评议内容"), max_length=1000)
    state = models.CharField(
        _("状态"), max_length=20, choices=CommentState.choices, default=CommentState.VISIBLE
    )
    flag_count = models.PositiveIntegerField(_("举报次数"), default=0)
    reviewed = models.BooleanField(
        _("已审核"), default=False, help_text=_("审核后保留公开的评议不再因举报自动隐藏")
    )
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    moderated_at = models.DateTimeField(null=True, blank=True)
    moderation_reason = models.CharField(_("处理理由"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("监督评议")
        verbose_name_plural = _("监督评议")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["version", "state"], name="comment_version_state_idx")]

    def __str__(self) -> str:
        return f"{self.author_id}: {self.body[:20]}"


class CommentFlag(models.Model):
    """One person's report of a comment (counted once per person)."""

    comment = models.ForeignKey(AnnouncementComment, on_delete=models.CASCADE, related_name="flags")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["comment", "user"], name="comment_flag_once"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} ⚑ {self.comment_id}"
