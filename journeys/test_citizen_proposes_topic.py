"""Journey 2 (the topic part) with the citizen's side: citizen1 signs in with the SMS code on a
phone, proposes a topic (similar topics are suggested while typing), supports another and sees the
count; the commission admin screens the proposal and selects it into a campaign, and the project
page names the topic it came from."""

import re

import pytest
from playwright.sync_api import Page, expect

from journeys.conftest import ARTIFACTS, log_in
from kaimen.demo.world import running_year

pytestmark = pytest.mark.browser

CALL = "2026年度漠视侵害群众利益问题群众点题征集"
TITLE = "小区电动车充电桩太少经常排队"
PROJECT = "居民小区电动自行车充电设施建设问题专项治理"


def _snapshot(page: Page, step: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"test_citizen_proposes_{step}.png"), full_page=True)


def _sign_in_by_sms(citizen: Page) -> None:
    # Signing in with the phone number: the demo shows the SMS code on the page.
    citizen.get_by_role("link", name="登录后点题").click()
    citizen.get_by_label("手机号").fill("13800000001")
    # 个人信息保护法: the number is processed only with consent to the privacy policy.
    citizen.get_by_label("我已阅读并同意《隐私政策》").check()
    citizen.get_by_role("button", name="获取验证码").click()
    code = citizen.locator(".demo-code").inner_text()
    assert re.fullmatch(r"\d{6}", code)
    _snapshot(citizen, "sms_code")
    citizen.get_by_label("短信验证码").fill(code)
    citizen.get_by_role("button", name="登录").click()


def _commission_screens_and_selects(page: Page, server: str) -> None:
    # The commission admin screens the proposal and selects it into the running campaign.
    log_in(page, server, "dh-jiwei")
    page.goto(f"{server}/staff/topics/")
    page.get_by_role("link", name=CALL).click()
    page.get_by_role("link", name=TITLE).click()
    expect(page.get_by_role("link", name="小区电动自行车充电桩不足")).to_be_visible()  # similar
    page.get_by_role("button", name="公开征集支持").click()
    expect(page.get_by_text("已公开，群众可以支持。")).to_be_visible()
    running = f"{running_year()}年 漠视侵害群众利益问题专项治理"  # the demo's running year
    page.get_by_label("纳入专项治理").select_option(label=running)
    page.get_by_label("治理项目名称").fill(PROJECT)
    page.get_by_role("checkbox", name="定海区发改局", exact=True).check()
    _snapshot(page, "select")
    page.get_by_role("button", name="采纳并创建项目").click()
    expect(page.get_by_text("已采纳，治理项目已创建。")).to_be_visible()


def test_citizen_proposes_and_supports_then_the_commission_selects(
    phone: Page, page: Page, server: str
) -> None:
    citizen = phone
    # The call, from the portal's menu.
    citizen.goto(f"{server}/topics/")
    expect(citizen.get_by_role("heading", name="群众点题", exact=True)).to_be_visible()
    citizen.get_by_role("link", name=CALL).click()
    expect(citizen.get_by_role("heading", level=1)).to_have_text(CALL)
    _snapshot(citizen, "call")

    _sign_in_by_sms(citizen)

    # Back on the form: typing the title suggests the similar published topic.
    expect(citizen.get_by_role("heading", name="我要点题")).to_be_visible()
    citizen.get_by_label("问题标题").fill(TITLE)
    hint = citizen.locator("#similar-topics")
    expect(hint).to_contain_text("小区电动自行车充电桩不足")
    citizen.get_by_label("问题描述").fill(
        "檀枫社区三千多户居民只有二十个充电桩，晚上要排队，不少人从楼上拉线充电。"
    )
    citizen.get_by_label("所在地区").select_option(label="檀枫社区")
    citizen.get_by_label("问题类别").select_option(label="能源与充电")
    _snapshot(citizen, "propose")
    citizen.get_by_role("button", name="提交").click()
    expect(citizen.get_by_text("已提交，经审核后公开征集支持。")).to_be_visible()
    expect(citizen.get_by_role("heading", level=1)).to_have_text(TITLE)

    # Supporting another topic raises its count at once (htmx) and only once.
    citizen.goto(f"{server}/topics/")
    citizen.get_by_role("link", name=CALL).click()
    card = citizen.locator(".topic-card", has_text="农村饮用水水质不稳定")
    expect(card.locator(".support-count strong")).to_have_text("1")
    card.get_by_role("button", name="支持“农村饮用水水质不稳定”").click()
    expect(card.locator(".support-count strong")).to_have_text("2")
    expect(card.get_by_text("已支持")).to_be_visible()
    _snapshot(citizen, "supported")

    # 我的: the proposal waits for screening.
    citizen.goto(f"{server}/topics/mine/")
    expect(citizen.get_by_role("link", name=TITLE)).to_be_visible()
    expect(citizen.get_by_text("待审核").first).to_be_visible()

    _commission_screens_and_selects(page, server)

    # The project page says where it came from; the topic shows its answer and project.
    page.get_by_role("link", name=PROJECT).click()
    expect(page.get_by_role("heading", name="来源：群众点题")).to_be_visible()
    expect(page.get_by_role("link", name=TITLE)).to_be_visible()
    citizen.goto(f"{server}/topics/mine/")
    citizen.get_by_role("link", name=TITLE).click()
    expect(citizen.get_by_text("已立项：")).to_be_visible()
    expect(citizen.get_by_text(f"立项为“{PROJECT}”")).to_be_visible()
