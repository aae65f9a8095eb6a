"""The site frame: search, privacy, corrections, the footer a government site shows."""

from datetime import date

import pytest
from django.test import Client, override_settings
from django.urls import reverse

from conftest import World
from kaimen.campaigns.models import Outcome, ProgressReport
from kaimen.core.errors import ApplicationError
from kaimen.portal.models import Correction, CorrectionState
from kaimen.portal.selectors import search_words, site_search, snippet
from kaimen.portal.services import correction_submit
from kaimen.timeline.models import Event

# ---------------------------------------------------------------- search


def test_search_words_split_on_any_space_and_stop_at_five() -> None:
    assert search_words(" 充电桩\u3000定海  a b c d e") == ["充电桩", "定海", "a", "b", "c"]
    assert search_words("   ") == []


def test_snippet_shows_the_text_around_the_first_word() -> None:
    text = "一" * 100 + "充电桩" + "二" * 100
    piece = snippet(text, ["充电桩"], width=30)
    assert piece.startswith("…")
    assert piece.endswith("…")
    assert "充电桩" in piece


def test_search_finds_published_and_running_projects_never_drafts(world: World) -> None:
    # the three projects share 定海区教育局 / 公安分局 as lead units; search by title words
    groups = {g.kind: g for g in site_search("专项治理")}

    titles = [hit.title for hit in groups["project"].hits]
    assert world.projects["published"].title in titles
    assert world.projects["in_progress"].title in titles  # running work is public
    assert world.projects["draft"].title not in titles


def test_search_needs_every_word(world: World) -> None:
    groups = {g.kind: g for g in site_search("食堂 采购")}
    assert [h.title for h in groups["project"].hits] == ["中小学校食堂采购问题专项治理"]
    assert site_search("食堂 不存在的词") == []


def test_search_shows_outcomes_only_once_published(world: World) -> None:
    Outcome.objects.create(
        project=world.projects["published"],
        position=1,
        headline="清退违规收费",
        body="清退违规收费12万元。",
    )
    Outcome.objects.create(
        project=world.projects["in_progress"],
        position=1,
        headline="清退尚未公布",
        body="尚未公布。",
    )

    hits = {g.kind: g for g in site_search("清退")}["outcome"].hits

    assert [h.title for h in hits] == ["清退违规收费"]
    assert hits[0].url.endswith("#outcome-1")


def test_the_search_page_reads_as_the_public_whoever_asks(world: World) -> None:
    url = reverse("portal_site:search")

    staff = world.client_for("commission_admin").get(url, {"q": "电信网络诈骗"})
    empty = world.client_for("anonymous").get(url)

    html = staff.content.decode()
    assert staff.status_code == 200
    assert "没有找到相关内容" in html  # the draft stays out even for its commission
    assert "找到" not in empty.content.decode().split("站内搜索")[-1].split("<form")[0]


def test_a_too_long_query_is_refused_quietly(world: World) -> None:
    response = Client().get(reverse("portal_site:search"), {"q": "字" * 51})
    assert response.status_code == 200
    assert response.context["groups"] == []


# ---------------------------------------------------------------- frame


@override_settings(
    KAIMEN_SITE_SPONSOR="舟山市定海区纪委监委",
    KAIMEN_SITE_CONTACT="0580-2000000",
    KAIMEN_SITE_CODE="3309020001",
    KAIMEN_SITE_ICP="浙ICP备12345678号",
    KAIMEN_SITE_PSB="浙公网安备33090202000001号",
    KAIMEN_SITE_GOV_MARK_URL="https://bszs.conac.cn/sitename?method=show&id=1",
)
def test_every_public_page_carries_the_government_site_frame(world: World) -> None:
    html = Client().get(reverse("portal:home")).content.decode()

    assert "主办单位：舟山市定海区纪委监委" in html
    assert "联系方式：0580-2000000" in html
    assert "网站标识码：3309020001" in html
    assert (
        '<a href="https://beian.miit.gov.cn/" rel="noopener" target="_blank">浙ICP备12345678号</a>'
        in html
    )
    assert (
        'href="https://www.beian.gov.cn/portal/registerSystemInfo?recordcode=33090202000001"'
        in html
    )
    assert 'class="gov-mark" href="https://bszs.conac.cn/sitename?method=show&amp;id=1"' in html
    assert f'href="{reverse("portal_site:privacy")}"' in html
    assert f'href="{reverse("portal_site:correction_new")}?page=/"' in html
    assert '<meta name="description" content="漠视侵害群众利益问题专项治理' in html
    assert 'rel="icon" href="/static/kaimen/favicon.svg"' in html


@override_settings(KAIMEN_SITE_ICP="", KAIMEN_SITE_PSB="", KAIMEN_SITE_GOV_MARK_URL="")
def test_the_footer_leaves_out_what_the_deployment_did_not_set(world: World) -> None:
    html = Client().get(reverse("portal:home")).content.decode()
    assert "beian" not in html
    assert "gov-mark" not in html


def test_the_privacy_policy_names_what_the_law_asks(world: World) -> None:
    html = Client().get(reverse("portal_site:privacy")).content.decode()
    for heading in ("我们收集哪些信息", "用途", "法律依据", "保存期限", "您的权利", "举报人保密"):
        assert f">{heading}</h2>" in html
    assert "个人信息保护法" in html


# ---------------------------------------------------------------- corrections


def test_a_visitor_sends_a_correction_and_staff_handle_it(world: World) -> None:
    # given a visitor on a project's page
    page = reverse("portal:project_detail", args=[world.projects["published"].pk])
    form = Client().get(reverse("portal_site:correction_new"), {"page": page})
    assert f'value="{page}"' in form.content.decode()

    # when they send a correction
    response = Client().post(
        reverse("portal_site:correction_new"), {"page": page, "description": "  完成率写错了  "}
    )

    # then it is stored with an Event, and the commission's staff see and close it
    assert response.status_code == 302
    correction = Correction.objects.get()
    assert (correction.page, correction.description) == (page, "完成率写错了")
    assert Event.objects.filter(action="portal.correction_submitted").count() == 1
    staff = world.client_for("supervisor")
    listing = staff.get(reverse("portal_staff:correction_list")).content.decode()
    assert "完成率写错了" in listing
    staff.post(reverse("portal_staff:correction_handle", args=[correction.pk]))
    correction.refresh_from_db()
    assert correction.state == CorrectionState.HANDLED
    assert Event.objects.filter(action="portal.correction_handled").count() == 1


def test_a_correction_needs_a_description_and_keeps_only_a_page_of_this_site(
    world: World,
) -> None:
    response = Client().post(reverse("portal_site:correction_new"), {"description": "  "})
    assert response.status_code == 200
    assert not Correction.objects.exists()

    correction = correction_submit(actor=None, page="javascript:alert(1)", description="链接打不开")
    assert correction.page == ""
    offsite = correction_submit(actor=None, page="//evil.example/", description="链接打不开")
    assert offsite.page == ""
    with pytest.raises(ApplicationError):
        correction_submit(actor=None, page="/", description="字" * 1001)


def test_the_form_prefills_only_a_page_of_this_site(world: World) -> None:
    response = Client().get(
        reverse("portal_site:correction_new"), {"page": "https://evil.example/"}
    )
    assert response.context["form"]["page"].value() == ""


# ---------------------------------------------------------------- monthly reports in search


def test_monthly_reports_are_not_searched(world: World) -> None:
    # reports are read on the project's page; the search covers what the issue names
    ProgressReport.objects.create(
        project=world.projects["in_progress"],
        month=date(2024, 5, 1),
        body="独一无二的月报内容",
        submitted_by=world.users["unit_staff_lead"],
    )
    assert site_search("独一无二的月报内容") == []


# ---------------------------------------------------------------- 长辈版


def test_elder_mode_is_switched_on_remembered_and_off(world: World) -> None:
    client = Client()
    project = reverse("portal:project_detail", args=[world.projects["published"].pk])

    on = client.get(reverse("portal_site:elder_mode"), {"on": "1", "next": project})
    page = client.get(project).content.decode()
    off = client.get(
        reverse("portal_site:elder_mode"), {"on": "0", "next": "https://evil.example/"}
    )

    assert (on.status_code, on["Location"]) == (302, project)
    assert on.cookies["kaimen_elder"].value == "1"
    assert '<body class="portal elder">' in page
    assert ">标准版</a>" in page  # the way back, same place
    assert off["Location"] == "/"
    assert off.cookies["kaimen_elder"].value == ""
    assert '<body class="portal">' in client.get(project).content.decode()
    assert ">长辈版</a>" in client.get(project).content.decode()


def test_titles_name_the_site_once_in_either_language(world: World) -> None:
    chinese = Client().get(reverse("portal_site:privacy")).content.decode()
    english = Client(headers={"Accept-Language": "en"}).get(reverse("portal_site:privacy"))

    assert "<title>隐私政策 · 开门 Kaimen</title>" in chinese
    assert "<title>Privacy policy · Kaimen</title>" in english.content.decode()
