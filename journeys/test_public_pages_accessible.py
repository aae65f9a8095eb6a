"""Every public page meets WCAG 2.1 AA (axe-core: 0 violations of wcag2a/wcag2aa/wcag21a/
wcag21aa) at phone and desktop width, in the standard view and in 长辈版."""

import re

import pytest
from playwright.sync_api import Browser, Page, ViewportSize

from journeys.axe import axe_violations, describe
from journeys.conftest import ARTIFACTS

pytestmark = pytest.mark.browser

WIDTHS: dict[str, ViewportSize] = {
    "phone": {"width": 390, "height": 844},
    "desktop": {"width": 1280, "height": 900},
}
# One page of each public kind, reached as a visitor would (paths filled in from the demo).
PAGES = [
    "/",
    "/?year=all",
    "{campaign}",
    "{project}",
    "{running_project}",
    "/topics/",
    "{call}",
    "{topic}",
    "/reports/",
    "/reports/track/",
    "/themes/",
    "/themes/education/",
    "/open-data/",
    "/oversight/",
    "{announcement}",
    "/search/?q=充电",
    "/privacy/",
    "/corrections/",
    "/accounts/login/",
    "/accounts/phone/",
]


def _first_link(page: Page, server: str, start: str, pattern: str) -> str:
    page.goto(f"{server}{start}")
    href = page.locator(f"a[href*='{pattern}']").first.get_attribute("href")
    assert href, f"no link to {pattern} on {start}"
    return href


@pytest.fixture(scope="module")
def paths(browser: Browser, server: str) -> dict[str, str]:
    context = browser.new_context(locale="zh-CN")
    page = context.new_page()
    found = {
        "campaign": _first_link(page, server, "/?year=2024", "/campaigns/"),
        "call": _first_link(page, server, "/topics/", "/topics/calls/"),
        "announcement": _first_link(page, server, "/?year=all", "/announcements/"),
    }
    found["project"] = _first_link(page, server, found["campaign"], "/projects/")
    running_campaign = _first_link(page, server, "/?year=2025", "/campaigns/")
    found["running_project"] = _first_link(page, server, running_campaign, "/projects/")
    page.goto(f"{server}/topics/")
    hrefs = page.eval_on_selector_all(
        "a[href^='/topics/']", "links => links.map(a => a.getAttribute('href'))"
    )
    found["topic"] = next(href for href in hrefs if re.fullmatch(r"/topics/\d+/", href))
    context.close()
    return found


# What 长辈版 promises on every page: body text ≥ 18 px, line height ≥ 1.3, controls ≥ 60 × 60.
ELDER_CHECK = """() => {
  const body = getComputedStyle(document.body);
  const size = parseFloat(body.fontSize), line = parseFloat(body.lineHeight) / size;
  const small = [];
  for (const el of document.querySelectorAll(
      'main .btn, main button, main .form-control, main .form-select, .page-link, .elder-switch, .navbar-toggler')) {
    const box = el.getBoundingClientRect();
    if (box.width === 0 || el.type === 'hidden') continue;
    if (box.height < 59.5 || box.width < 59.5) small.push(el.outerHTML.slice(0, 80) + ` ${box.width}×${box.height}`);
  }
  return {size, line, small};
}"""


def _elder_problems(page: Page) -> list[str]:
    found = page.evaluate(ELDER_CHECK)
    problems = [f"control under 60 × 60 px: {item}" for item in found["small"]]
    if found["size"] < 18:
        problems.append(f"body text {found['size']} px")
    if found["line"] < 1.3:
        problems.append(f"line height {found['line']:.2f}")
    return problems


@pytest.mark.parametrize("elder", [False, True], ids=["standard", "elder"])
@pytest.mark.parametrize("width", list(WIDTHS))
def test_public_pages_have_no_wcag_aa_violations(
    browser: Browser, server: str, paths: dict[str, str], width: str, elder: bool
) -> None:
    context = browser.new_context(locale="zh-CN", viewport=WIDTHS[width])
    page = context.new_page()
    if elder:
        page.goto(f"{server}/")
        page.get_by_role("link", name="长辈版").first.click()
    failures = []
    for template in PAGES:
        path = template.format(**paths)
        response = page.goto(f"{server}{path}")
        assert response is not None
        assert response.status == 200, path
        violations = axe_violations(page)
        if violations:
            failures.append(f"{path}\n{describe(violations)}")
        if elder:
            failures.extend(f"{path}: {problem}" for problem in _elder_problems(page))
    ARTIFACTS.mkdir(exist_ok=True)
    page.goto(f"{server}/")
    page.screenshot(
        path=str(ARTIFACTS / f"a11y_home_{width}_{'elder' if elder else 'standard'}.png"),
        full_page=True,
    )
    context.close()
    assert not failures, "\n\n".join(failures)
