"""Generate, edit, publish, correct; renderings on publication; comments and moderation."""

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied

from conftest import World, make_user
from kaimen.accounts.models import UserKind
from kaimen.campaigns.models import Campaign, CampaignState
from kaimen.core.errors import ApplicationError, ConflictError
from kaimen.demo.publication import demo_announcements_publish
from kaimen.publication.models import (
    AnnouncementComment,
    AnnouncementVersion,
    CommentState,
    VersionState,
)
from kaimen.publication.services import (
    COMMENT_HOLD_FLAGS,
    announcement_edit,
    announcement_generate,
    announcement_publish,
    announcement_revise,
    comment_flag,
    comment_moderate,
    comment_post,
    rendering_ensure,
)
from kaimen.publication.tests.factories import (
    admin,
    citizen_comment,
    correction_draft,
    published_version,
)
from kaimen.timeline.models import Event


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path


def _actions() -> list[str]:
    return list(
        Event.objects.filter(action__startswith="announcement.").values_list("action", flat=True)
    )


# ---------------------------------------------------------------- generate and edit


def test_generate_writes_a_draft_from_the_records(world: World) -> None:
    assert world.campaign is not None
    # when
    draft = announcement_generate(actor=admin(world), campaign=world.campaign)
    # then
    assert (draft.number, draft.state, draft.revision) == (1, VersionState.DRAFT, 1)
    assert draft.text.startswith("定海区纪委监委公布2024年漠视侵害群众利益问题专项治理工作成果\n")
    assert _actions() == ["announcement.generated"]


@pytest.mark.parametrize("role", ["supervisor", "viewer", "commission_admin_other", "citizen"])
def test_only_the_issuers_admins_generate(world: World, role: str) -> None:
    assert world.campaign is not None
    # when / then
    with pytest.raises(PermissionDenied):
        announcement_generate(actor=world.users[role], campaign=world.campaign)
    assert not AnnouncementVersion.objects.exists()
    assert _actions() == []


def test_generating_again_keeps_the_edited_draft_unless_told_to_replace_it(world: World) -> None:
    # given
    assert world.campaign is not None
    draft = announcement_generate(actor=admin(world), campaign=world.campaign)
    draft = announcement_edit(actor=admin(world), version=draft, text="改过的稿子", base_revision=1)
    # when / then
    with pytest.raises(ConflictError) as raised:
        announcement_generate(actor=admin(world), campaign=world.campaign)
    assert raised.value.code == "draft_exists"
    draft.refresh_from_db()
    assert draft.text == "改过的稿子\n"
    # when
    replaced = announcement_generate(
        actor=admin(world), campaign=world.campaign, replace_draft=True
    )
    # then
    assert (replaced.pk, replaced.revision) == (draft.pk, 3)
    assert replaced.text.startswith("定海区纪委监委公布")


def test_a_stale_edit_is_refused_and_loses_nothing(world: World) -> None:
    # given: two editors opened revision 1; the first saves
    assert world.campaign is not None
    draft = announcement_generate(actor=admin(world), campaign=world.campaign)
    announcement_edit(actor=admin(world), version=draft, text="第一位的修改", base_revision=1)
    # when / then
    with pytest.raises(ConflictError) as raised:
        announcement_edit(actor=admin(world), version=draft, text="第二位的修改", base_revision=1)
    assert raised.value.code == "stale"
    draft.refresh_from_db()
    assert (draft.text, draft.revision) == ("第一位的修改\n", 2)


def test_an_empty_text_is_refused_naming_the_field(world: World) -> None:
    assert world.campaign is not None
    draft = announcement_generate(actor=admin(world), campaign=world.campaign)
    with pytest.raises(ApplicationError) as raised:
        announcement_edit(actor=admin(world), version=draft, text=" \r\n ", base_revision=1)
    assert raised.value.field == "text"


# ---------------------------------------------------------------- publish and correct


def test_publishing_freezes_the_version_and_renders_word_and_pdf(
    world: World, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    # given
    assert world.campaign is not None
    draft = announcement_generate(actor=admin(world), campaign=world.campaign)
    # when
    with django_capture_on_commit_callbacks(execute=True):
        version = announcement_publish(actor=admin(world), version=draft)
    # then
    assert version.state == VersionState.PUBLISHED
    assert version.published_by == admin(world)
    assert sorted(version.renderings.values_list("kind", flat=True)) == ["docx", "pdf"]
    pdf = version.renderings.get(kind="pdf")
    assert pdf.file.read(5) == b"%PDF-"
    with pytest.raises(ConflictError) as raised:
        announcement_edit(actor=admin(world), version=version, text="改", base_revision=1)
    assert raised.value.code == "frozen"
    assert _actions() == [
        "announcement.generated",
        "announcement.published",
        "announcement.rendered",
        "announcement.rendered",
    ]


def test_publishing_twice_publishes_once(world: World) -> None:
    version = published_version(world)
    again = announcement_publish(actor=admin(world), version=version)
    assert again.published_at == version.published_at
    assert _actions().count("announcement.published") == 1


def test_a_draft_campaign_cannot_publish_results(world: World) -> None:
    # given
    assert world.campaign is not None
    draft = announcement_generate(actor=admin(world), campaign=world.campaign)
    world.campaign.state = CampaignState.DRAFT
    world.campaign.save(update_fields=["state"])
    # when / then
    with pytest.raises(ApplicationError) as raised:
        announcement_publish(actor=admin(world), version=draft)
    assert raised.value.code == "campaign_not_public"
    draft.refresh_from_db()
    assert draft.state == VersionState.DRAFT


def test_a_correction_needs_a_note_and_keeps_the_first_version(world: World) -> None:
    # given
    first = published_version(world)
    draft = correction_draft(world, replace=("的治理目标", "的治理目标和任务"))
    assert draft.number == 2
    # when / then: no note
    with pytest.raises(ApplicationError) as raised:
        announcement_publish(actor=admin(world), version=draft)
    assert raised.value.field == "change_note"
    # when
    second = announcement_publish(actor=admin(world), version=draft, change_note="补充治理任务")
    # then
    first.refresh_from_db()
    assert [(v.number, v.state) for v in AnnouncementVersion.objects.order_by("number")] == [
        (1, VersionState.PUBLISHED),
        (2, VersionState.PUBLISHED),
    ]
    assert first.text != second.text
    assert second.change_note == "补充治理任务"


def test_an_unchanged_correction_is_refused(world: World) -> None:
    draft = correction_draft(world)
    with pytest.raises(ApplicationError) as raised:
        announcement_publish(actor=admin(world), version=draft, change_note="无")
    assert raised.value.code == "unchanged"


def test_starting_a_correction_twice_gives_the_same_draft(world: World) -> None:
    assert world.campaign is not None
    draft = correction_draft(world)
    assert announcement_revise(actor=admin(world), campaign=world.campaign) == draft


def test_publishing_what_was_edited_after_the_preview_is_refused(world: World) -> None:
    draft = correction_draft(world, replace=("的治理目标", "的目标"))
    with pytest.raises(ConflictError):
        announcement_publish(actor=admin(world), version=draft, change_note="x", base_revision=1)


def test_renderings_are_made_once(world: World) -> None:
    version = published_version(world)
    first = rendering_ensure(version=version, kind="docx")
    assert rendering_ensure(version=version, kind="docx") == first
    assert version.renderings.count() == 1


# ---------------------------------------------------------------- comments


def test_a_citizen_comments_on_the_published_version(world: World) -> None:
    # when
    comment = citizen_comment(world)
    again = citizen_comment(world)
    # then
    assert again == comment
    assert (comment.version.number, comment.state) == (1, CommentState.VISIBLE)
    assert _actions()[-1] == "announcement.comment_posted"


@pytest.mark.parametrize("role", ["commission_admin", "unit_staff_lead"])
def test_staff_do_not_write_public_comments(world: World, role: str) -> None:
    version = published_version(world)
    with pytest.raises(PermissionDenied):
        comment_post(actor=world.users[role], version=version, body="内部意见")
    assert not AnnouncementComment.objects.exists()


def test_nobody_comments_on_a_draft(world: World) -> None:
    assert world.campaign is not None
    draft = announcement_generate(actor=admin(world), campaign=world.campaign)
    with pytest.raises(PermissionDenied):
        comment_post(actor=world.users["citizen"], version=draft, body="意见")


def test_a_comment_is_held_after_enough_reports_until_the_commission_decides(world: World) -> None:
    # given
    comment = citizen_comment(world)
    reporters = [
        make_user(f"reporter{i}", kind=UserKind.CITIZEN) for i in range(COMMENT_HOLD_FLAGS)
    ]
    # when: the same person twice counts once
    comment_flag(actor=reporters[0], comment=comment)
    comment_flag(actor=reporters[0], comment=comment)
    for reporter in reporters[1:]:
        comment = comment_flag(actor=reporter, comment=comment)
    # then
    assert (comment.flag_count, comment.state) == (COMMENT_HOLD_FLAGS, CommentState.HELD)
    # when: the commission keeps it public; later reports do not hold it again
    comment = comment_moderate(actor=admin(world), comment=comment, visible=True)
    comment = comment_flag(actor=world.users["supervisor"], comment=comment)
    # then
    assert (comment.state, comment.reviewed) == (CommentState.VISIBLE, True)


def test_hiding_a_comment_needs_a_reason_and_keeps_its_text(world: World) -> None:
    comment = citizen_comment(world, body="含有他人电话号码的评议")
    with pytest.raises(ApplicationError) as raised:
        comment_moderate(actor=admin(world), comment=comment, visible=False)
    assert raised.value.field == "reason"
    comment = comment_moderate(
        actor=admin(world), comment=comment, visible=False, reason="个人信息"
    )
    comment.refresh_from_db()
    assert (comment.state, comment.body) == (CommentState.HIDDEN, "含有他人电话号码的评议")


def test_other_commissions_do_not_moderate(world: World) -> None:
    comment = citizen_comment(world)
    with pytest.raises(PermissionDenied):
        comment_moderate(
            actor=world.users["commission_admin_other"], comment=comment, visible=False, reason="x"
        )
    comment.refresh_from_db()
    assert comment.state == CommentState.VISIBLE


# ---------------------------------------------------------------- demo


def test_demo_publishes_each_imported_campaign_once(world: World) -> None:
    # given: an imported campaign whose results were published
    assert world.campaign is not None
    Campaign.objects.filter(pk=world.campaign.pk).update(
        imported=True, state=CampaignState.PUBLISHED
    )
    # when
    first = demo_announcements_publish(actor=admin(world))
    again = demo_announcements_publish(actor=admin(world))
    # then
    assert [c.pk for c in first] == [world.campaign.pk]
    assert again == []
    assert AnnouncementVersion.objects.filter(state=VersionState.PUBLISHED).count() == 1
