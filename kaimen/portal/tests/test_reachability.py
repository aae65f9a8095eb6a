"""Every kind of public page is reachable from the home page within two clicks.

Walks the demo as a visitor: the links of the home page (one click), then the links of each
of those pages (two clicks), and checks that each public page kind was met on the way.
"""

from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.test import Client
from django.urls import Resolver404, resolve

from kaimen.demo.tests.test_load_demo import demo, loaded  # noqa: F401  (the demo, once)
from kaimen.insights.models import LeagueTablePolicy, LeagueVisibility
from kaimen.orgs.models import Organization
from kaimen.supervision.models import PolicyObject, WarningPolicy

# Every public page kind (URL names), as a visitor finds them.
PUBLIC_PAGES = {
    "portal:home",
    "portal:campaign_detail",
    "portal:project_detail",
    "participation:call_list",
    "participation:call_detail",
    "participation:topic_detail",
    "reports:new",
    "reports:track",
    "themes:index",
    "themes:detail",
    "opendata:index",
    "opendata:league",
    "supervision_public:listed",
    "publication:public_detail",
    "portal_site:search",
    "portal_site:privacy",
    "portal_site:oversight",
    "portal_site:correction_new",
    "accounts:login",
}
SKIPPED_PREFIXES = ("/staff/", "/django-admin/", "/api/", "/static/", "/media/", "/i18n/")


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        href = dict(attrs).get("href")
        if tag == "a" and href:
            self.hrefs.append(href)


def _links(client: Client, path: str) -> set[str]:
    response = client.get(path)
    if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
        return set()
    parser = _Links()
    parser.feed(response.content.decode())
    found = set()
    for href in parser.hrefs:
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or not parts.path.startswith("/"):
            continue
        if parts.path.startswith(SKIPPED_PREFIXES):
            continue
        found.add(parts.path + (f"?{parts.query}" if parts.query else ""))
    return found


def _name(path: str) -> str | None:
    try:
        match = resolve(urlsplit(path).path)
    except Resolver404:
        return None
    return match.view_name


@pytest.mark.usefixtures("loaded")
def test_every_public_page_is_within_two_clicks_of_home() -> None:
    # given a commission that publishes its listed problems and its league tables
    commission = Organization.objects.get(name="定海区纪委监委")
    WarningPolicy.objects.update_or_create(
        commission=commission,
        object_type=PolicyObject.PROBLEM,
        defaults={"publish_listed": True},
    )
    LeagueTablePolicy.objects.update_or_create(
        commission=commission, defaults={"visibility": LeagueVisibility.PUBLIC}
    )
    client = Client()

    # when a visitor follows every link of the home page, then every link of those pages
    first = _links(client, "/")
    second: set[str] = set()
    for path in sorted(first):
        second |= _links(client, path)

    # then every kind of public page was met
    reached = {_name(path) for path in {"/"} | first | second}
    assert PUBLIC_PAGES - reached == set()
    # and the navigation itself (one click) carries the site's parts
    one_click = {_name(path) for path in first}
    for name in (
        "participation:call_list",
        "reports:new",
        "reports:track",
        "themes:index",
        "opendata:index",
        "portal_site:oversight",
        "portal_site:search",
        "portal_site:privacy",
        "portal_site:correction_new",
    ):
        assert name in one_click, name
