"""Count the SQL queries each URL costs, through Django's test client, against the bench database.

    DJANGO_SETTINGS_MODULE=bench.settings DATABASE_URL=postgres://... python -m bench.queries URL...

Prints {url: {"status": int, "queries": int, "bytes": int}} as JSON. Used by
`bench.run_foundation` to put the query count next to each measured page.
"""

import json
import sys

import django

if __name__ == "__main__":
    django.setup()

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings


@override_settings(KAIMEN_PUBLIC_CACHE_URLS=frozenset())  # count what a page costs to build
def count_queries(urls: list[str]) -> dict[str, dict[str, int]]:
    client = Client(raise_request_exception=False)  # a failing page is reported, not fatal
    result: dict[str, dict[str, int]] = {}
    for url in urls:
        client.get(url)  # warm: the first request pays one-off lookups (content types, …)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        result[url] = {
            "status": response.status_code,
            "queries": len(captured.captured_queries),
            "bytes": len(response.content),
        }
    return result


if __name__ == "__main__":
    json.dump(count_queries(sys.argv[1:]), sys.stdout)
    sys.stdout.write("\n")
