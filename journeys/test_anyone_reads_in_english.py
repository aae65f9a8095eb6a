"""Anyone switches the language from the footer and reads the page in English."""

import re

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser


def test_visitor_switches_to_english_from_the_footer(page: Page, server: str) -> None:
    page.goto(f"{server}/?year=2024")
    expect(page.locator("html")).to_have_attribute("lang", "zh-hans")

    footer = page.get_by_role("contentinfo")
    footer.get_by_label("语言").select_option("en")
    footer.get_by_role("button", name="切换").click()

    # Back on the same page (the filter kept), now in English, and it stays so.
    expect(page).to_have_url(re.compile(r"/\?year=2024$"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("contentinfo").get_by_role("combobox")).to_have_value("en")
    # The interface is English; names and titles written by the commissions stay as written.
    expect(
        page.get_by_role(
            "heading",
            name="Special campaign against indifference to and infringement of the public's interests",
        )
    ).to_be_visible()
    expect(page.get_by_role("banner").get_by_role("link", name="Public topic call")).to_be_visible()
    expect(
        page.get_by_text(re.compile(r"Outcomes published for \d+ projects?")).first
    ).to_be_visible()
    page.get_by_role(
        "link", name=re.compile("定海区纪委监委 publishes the outcomes of the 2024 ")
    ).click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", name="Governance projects")).to_be_visible()
    expect(page.get_by_text("Lead units:").first).to_be_visible()
    expect(page.get_by_role("contentinfo").get_by_role("button", name="Switch")).to_be_visible()

    # And back to Chinese the same way.
    footer = page.get_by_role("contentinfo")
    footer.get_by_role("combobox").select_option("zh-hans")
    footer.get_by_role("button").click()
    expect(page.locator("html")).to_have_attribute("lang", "zh-hans")
    expect(page.get_by_role("heading", name="治理项目")).to_be_visible()
