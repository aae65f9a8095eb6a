"""The public announcement page, downloads, comments, the commission's editor and the API."""

import io
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse
from docx import Document

from conftest import World
from kaimen.publication.models import AnnouncementComment, AnnouncementVersion, VersionState
from kaimen.publication.services import announcement_publish
from kaimen.publication.tests.factories import (
    admin,
    citizen_comment,
    correction_draft,
    published_version,
)


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path


def _public(world: World) -> str:
    assert world.campaign is not None
    return reverse("publication:public_detail", args=[world.campaign.pk])


def _staff(world: World, name: str = "staff_detail", *args: Any) -> str:
    assert world.campaign is not None
    return reverse(f"publication:{name}", args=[world.campaign.pk, *args])


# ---------------------------------------------------------------- public


def test_public_page_shows_the_published_text_and_downloads(world: World) -> None:
    # given
    published_version(world)
    # when
    response = world.client_for("anonymous").get(_public(world))
    # then
    page = response.content.decode()
    assert response.status_code == 200
    assert "定海区纪委监委公布2024年<br>漠视侵害群众利益问题专项治理工作成果" in page
    assert "download.docx" in page
    assert "download.pdf" in page
    assert "后可对治理成果发表评议" in page


def test_a_correction_shows_the_change_and_the_history(world: World) -> None:
    # given
    published_version(world)
    draft = correction_draft(world, replace=("的治理目标", "的治理目标与任务"))
    announcement_publish(actor=admin(world), version=draft, change_note="补充治理任务")
    # when
    page = world.client_for("anonymous").get(_public(world)).content.decode()
    old = world.client_for("anonymous").get(_public(world) + "v1/").content.decode()
    # then
    assert "第2版对第1版的更正" in page
    assert "更正说明：</span>补充治理任务" in page
    assert "<ins>与任务</ins>" in page
    assert "第1版" in page
    assert "已更正" in page
    assert "您正在查看第1版，该版已被第2版更正。" in old


def test_download_streams_the_stored_word_file(world: World) -> None:
    # given
    version = published_version(world)
    # when
    response = world.client_for("anonymous").get(
        reverse("publication:download", args=[version.announcement.campaign_id, 1, "docx"])
    )
    # then
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    data = b"".join(response.streaming_content)  # type: ignore[attr-defined]
    document = Document(io.BytesIO(data))
    assert document.paragraphs[0].text.startswith("定海区纪委监委公布2024年")
    assert version.renderings.filter(kind="docx").count() == 1


def test_unknown_formats_and_drafts_are_not_downloadable(world: World) -> None:
    version = published_version(world)
    draft = correction_draft(world)
    client = world.client_for("anonymous")
    campaign_id = version.announcement.campaign_id
    assert client.get(f"/announcements/{campaign_id}/v1/download.exe").status_code == 404
    url = reverse("publication:download", args=[campaign_id, draft.number, "pdf"])
    assert client.get(url).status_code == 404


def test_a_citizen_comments_and_an_empty_comment_is_shown_next_to_the_field(world: World) -> None:
    # given
    published_version(world)
    client = world.client_for("citizen")
    url = reverse("publication:comment_post", args=[world.campaign.pk])  # type: ignore[union-attr]
    # when
    empty = client.post(url, {"body": ""})
    posted = client.post(url, {"body": "希望公布各校整改清单。"})
    # then
    assert empty.status_code == 400
    assert "invalid-feedback" in empty.content.decode()
    assert posted.status_code == 302
    assert AnnouncementComment.objects.get().body == "希望公布各校整改清单。"
    page = client.get(_public(world)).content.decode()
    assert "希望公布各校整改清单。" in page


def test_hidden_comments_leave_the_public_page(world: World) -> None:
    # given
    comment = citizen_comment(world, body="不当言论")
    # when
    response = world.client_for("commission_admin").post(
        _staff(world, "staff_moderate", comment.pk), {"decision": "hide", "reason": "人身攻击"}
    )
    # then
    assert response.status_code == 302
    assert "不当言论" not in world.client_for("anonymous").get(_public(world)).content.decode()


def test_campaign_page_links_to_the_published_announcement(world: World) -> None:
    assert world.campaign is not None
    url = reverse("portal:campaign_detail", args=[world.campaign.pk])
    before = world.client_for("anonymous").get(url).content.decode()
    published_version(world)
    after = world.client_for("anonymous").get(url).content.decode()
    assert _public(world) not in before
    assert _public(world) in after


# ---------------------------------------------------------------- back office


def test_admin_generates_edits_previews_and_publishes(world: World) -> None:
    client = world.client_for("commission_admin")
    # when: generate
    assert client.post(_staff(world, "staff_generate")).status_code == 302
    draft = AnnouncementVersion.objects.get()
    page = client.get(_staff(world)).content.decode()
    assert "第1版草稿" in page
    assert 'name="revision" value="1"' in page
    # when: edit a sentence
    text = draft.text.replace("各牵头单位主动作为", "各牵头单位积极主动作为")
    response = client.post(_staff(world, "staff_edit", 1), {"text": text, "revision": 1})
    assert response.status_code == 302
    # when: preview (htmx; nothing saved)
    preview = client.post(_staff(world, "staff_preview"), {"text": text + "\n二\n治理项目：新项目"})
    assert "各牵头单位积极主动作为" in preview.content.decode()
    assert "按公告格式可识别 2 个治理项目" in preview.content.decode()
    # when: publish without ticking the confirmation, then with it
    unticked = client.post(_staff(world, "staff_publish", 1), {"revision": 2})
    ticked = client.post(_staff(world, "staff_publish", 1), {"revision": 2, "confirm": "on"})
    # then
    assert unticked.status_code == 400
    assert "请先核对并勾选确认。" in unticked.content.decode()
    assert ticked.status_code == 302
    draft.refresh_from_db()
    assert draft.state == VersionState.PUBLISHED
    assert "各牵头单位积极主动作为" in draft.text


def test_a_stale_save_keeps_the_input_and_says_why(world: World) -> None:
    # given
    client = world.client_for("commission_admin")
    client.post(_staff(world, "staff_generate"))
    client.post(_staff(world, "staff_edit", 1), {"text": "第一位", "revision": 1})
    # when
    response = client.post(_staff(world, "staff_edit", 1), {"text": "第二位的稿子", "revision": 1})
    # then
    page = response.content.decode()
    assert response.status_code == 400
    assert "该草稿已被他人修改" in page
    assert "第二位的稿子" in page
    assert AnnouncementVersion.objects.get().text == "第一位\n"


def test_a_correction_without_a_note_is_refused_next_to_the_field(world: World) -> None:
    # given
    published_version(world)
    correction_draft(world, replace=("的治理目标", "的目标"))
    # when
    response = world.client_for("commission_admin").post(
        _staff(world, "staff_publish", 2), {"revision": 2, "change_note": "", "confirm": "on"}
    )
    # then
    assert response.status_code == 400
    assert "请填写更正说明" in response.content.decode()
    assert AnnouncementVersion.objects.get(number=2).state == VersionState.DRAFT


# ---------------------------------------------------------------- API


def test_api_returns_the_current_published_version(world: World) -> None:
    # given
    assert world.campaign is not None
    url = reverse("api:campaign_announcement", args=[world.campaign.pk])
    none = world.client_for("anonymous").get(url)
    version = published_version(world)
    # when
    response = world.client_for("anonymous").get(url)
    # then
    assert none.status_code == 404
    body = response.json()
    assert body["campaign"] == world.campaign.pk
    assert body["version"] == 1
    assert body["text"] == version.text
    assert body["published_at"].startswith(str(version.published_at.year))  # type: ignore[union-attr]


def test_public_page_takes_a_constant_number_of_queries(
    world: World, django_assert_max_num_queries: Any
) -> None:
    # given: corrections and comments
    published_version(world)
    draft = correction_draft(world, replace=("的治理目标", "的目标"))
    announcement_publish(actor=admin(world), version=draft, change_note="更正")
    for index in range(5):
        citizen_comment(world, body=f"第{index}条评议")
    client = world.client_for("citizen")
    # when / then
    with django_assert_max_num_queries(8):
        response = client.get(_public(world))
    assert response.status_code == 200
