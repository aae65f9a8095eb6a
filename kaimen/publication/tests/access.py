"""Access rows of results announcements: the published page, its files and its comments for
everyone (comments written by citizens), the editor for the issuing commission's admins."""

from typing import Any

from django.urls import reverse

from kaimen.core.access import (
    CITIZEN,
    COMMISSION_ADMIN,
    EVERYONE,
    NOBODY,
    SIGNED_IN,
    Row,
)
from kaimen.publication.tests.factories import citizen_comment, correction_draft, published_version

DINGHAI_ADMIN = frozenset({COMMISSION_ADMIN})


def _published(name: str, *extra: Any) -> Any:
    def url(w: Any) -> str:
        version = published_version(w)
        return reverse(f"publication:{name}", args=[version.announcement.campaign_id, *extra])

    return url


def _staff(name: str) -> Any:
    return lambda w: reverse(f"publication:{name}", args=[w.campaign.pk])


def _draft(name: str) -> Any:
    def url(w: Any) -> str:
        draft = correction_draft(w)
        return reverse(f"publication:{name}", args=[w.campaign.pk, draft.number])

    return url


def _comment(name: str, staff: bool = False) -> Any:
    def url(w: Any) -> str:
        comment = citizen_comment(w)
        args = [w.campaign.pk, comment.pk] if staff else [comment.pk]
        return reverse(f"publication:{name}", args=args)

    return url


def _corrected_draft_url(w: Any) -> str:
    draft = correction_draft(w, replace=("的治理目标", "的治理目标（更正）"))
    return reverse("publication:staff_publish", args=[w.campaign.pk, draft.number])


def _revise_url(w: Any) -> str:
    published_version(w)
    return reverse("publication:staff_revise", args=[w.campaign.pk])


def _api(w: Any) -> str:
    published_version(w)
    return reverse("api:campaign_announcement", args=[w.campaign.pk])


ROWS: list[Row] = [
    Row("publication:public_detail", _published("public_detail"), EVERYONE),
    # 普陀's campaign has no published announcement: nobody sees one, whatever their role.
    Row(
        "publication:public_detail",
        lambda w: reverse("publication:public_detail", args=[w.other_campaign.pk]),
        NOBODY,
    ),
    Row("api:campaign_announcement", _api, EVERYONE),
    Row(
        "api:campaign_announcement",
        lambda w: reverse("api:campaign_announcement", args=[w.other_campaign.pk]),
        NOBODY,
    ),
    # Announced beside recorded, for every public campaign (with or without an announcement).
    Row(
        "publication:figures",
        lambda w: reverse("publication:figures", args=[w.campaign.pk]),
        EVERYONE,
    ),
    Row(
        "api:campaign_figures",
        lambda w: reverse("api:campaign_figures", args=[w.campaign.pk]),
        EVERYONE,
    ),
    Row("publication:public_version", _published("public_version", 1), EVERYONE),
    Row("publication:download", _published("download", 1, "docx"), EVERYONE),
    Row(
        "publication:comment_post",
        _published("comment_post"),
        frozenset({CITIZEN}),
        method="post",
        data=lambda w: {"body": "希望公开整改清单。"},
    ),
    # Anyone signed in may report a comment, except its author (the citizen who wrote it).
    Row("publication:comment_flag", _comment("comment_flag"), SIGNED_IN - {CITIZEN}, "post"),
    Row("publication:staff_detail", _staff("staff_detail"), DINGHAI_ADMIN),
    Row(
        "publication:staff_detail",
        lambda w: reverse("publication:staff_detail", args=[w.other_campaign.pk]),
        frozenset({"commission_admin_other"}),
    ),
    Row("publication:staff_generate", _staff("staff_generate"), DINGHAI_ADMIN, "post"),
    Row(
        "publication:staff_revise",
        _revise_url,
        DINGHAI_ADMIN,
        "post",
    ),
    Row(
        "publication:staff_preview",
        _staff("staff_preview"),
        DINGHAI_ADMIN,
        "post",
        data=lambda w: {"text": "标题\n\n导语。"},
    ),
    Row(
        "publication:staff_edit",
        _draft("staff_edit"),
        DINGHAI_ADMIN,
        "post",
        data=lambda w: {"text": "标题\n\n导语。", "revision": 1},
    ),
    Row(
        "publication:staff_publish",
        _corrected_draft_url,
        DINGHAI_ADMIN,
        "post",
        data=lambda w: {"revision": 2, "change_note": "更正项目目标", "confirm": "on"},
    ),
    Row(
        "publication:staff_moderate",
        _comment("staff_moderate", staff=True),
        DINGHAI_ADMIN,
        "post",
        data=lambda w: {"decision": "show"},
    ),
]
