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
    page.get_by_role("link", name=re.compile("定海区纪委监委公布2024年")).click()
    expect(page.locator("html")).to_have_attribute("lang", "en")

    # And back to Chinese the same way.
    footer = page.get_by_role("contentinfo")
    footer.get_by_role("combobox").select_option("zh-hans")
    footer.get_by_role("button").click()
    expect(page.locator("html")).to_have_attribute("lang", "zh-hans")
    expect(page.get_by_role("heading", name="治理项目")).to_be_visible()
