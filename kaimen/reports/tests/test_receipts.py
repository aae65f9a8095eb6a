import pickle
import re
from typing import Any

import pytest
from cryptography.fernet import InvalidToken
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache, caches

from conftest import World
from kaimen.reports import receipts, services
from kaimen.reports.models import Report
from kaimen.reports.tests import factories


def _cache_dump() -> list[tuple[str, bytes, str]]:
    """Every entry of the (local-memory) test cache: key, stored bytes, the value's repr."""
    store: dict[str, bytes] = caches["default"]._cache  # type: ignore[attr-defined]
    return [(key, raw, repr(pickle.loads(raw))) for key, raw in store.items()]  # noqa: S301


def _form(world: World, key: str) -> dict[str, Any]:
    return {
        "kind": "service_request",
        "category": factories.category().pk,
        "organization": world.orgs["dh_jiaoyu"].pk,
        "content": "社区公共收益没有公示",
        "idempotency_key": key,
    }


def test_double_posted_form_shows_one_receipt_and_cache_never_holds_its_digits(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    # given an empty cache and a form with its idempotency key
    cache.clear()
    client = world.client_for("anonymous")
    data = _form(world, "4f1c0e7a9b2d4c6e8f0a1b2c3d4e5f60")

    # when the form is posted twice (a double tap; the receipt is cached once the first commits)
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post("/reports/", data).content.decode()
    second = client.post("/reports/", data).content.decode()

    # then both pages show the same receipt, and nothing in the cache contains its digits
    report = Report.objects.get()
    shown = [line for line in first.splitlines() if "data-receipt" in line]
    assert len(shown) == 1
    assert shown == [line for line in second.splitlines() if "data-receipt" in line]
    digits = "".join(ch for ch in shown[0].split(">", 1)[1] if ch.isdigit())
    assert len(digits) == 16
    assert report.receipt_digest == receipts.keyed_digest(digits)
    dump = _cache_dump()
    assert any(key.endswith(receipts._cache_key(data["idempotency_key"])) for key, *_ in dump)
    for key, raw, value in dump:
        assert digits not in key
        assert digits.encode() not in raw
        assert digits not in value
        assert receipts.receipt_display(digits) not in value


def test_cached_receipt_cannot_be_read_with_what_the_server_stores(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    # given a submission whose receipt sits in the cache
    cache.clear()
    with django_capture_on_commit_callbacks(execute=True):
        submission = services.report_submit(
            actor=AnonymousUser(),
            data=services.ReportInput(category=factories.category(), content="公共收益未公示"),
            idempotency_key="only-the-browser-knows",
            client="10.0.0.9|test",
        )
    report = submission.report
    token = cache.get(receipts._cache_key("only-the-browser-knows"))

    # then the stored dedupe key (an HMAC of the idempotency key) does not open it …
    assert isinstance(token, str)
    assert report.dedupe_key is not None
    with pytest.raises(InvalidToken):
        receipts._cache_fernet(report.dedupe_key).decrypt(token.encode())
    # … nor does another key, while the reporter's own key does
    assert receipts.receipt_cache_get("another-key") == ""
    assert receipts.receipt_cache_get("only-the-browser-knows") == submission.receipt


def test_submission_without_idempotency_key_keeps_nothing_in_the_cache(world: World) -> None:
    # given an empty cache
    cache.clear()

    # when a report is filed without an idempotency key
    submission = factories.submit(world)

    # then the cache holds no receipt at all
    assert submission.receipt != ""
    assert [key for key, *_ in _cache_dump() if "report-receipt" in key] == []


def test_new_report_form_disables_its_button_on_submit(world: World) -> None:
    page = world.client_for("anonymous").get("/reports/").content.decode()

    assert "data-submit-once" in page
    assert "button.disabled = true" in page
    assert '<script nonce="' in page


def test_the_receipt_shows_four_groups_of_four_and_a_copy_button(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    client = world.client_for("anonymous")
    with django_capture_on_commit_callbacks(execute=True):
        html = client.post(
            "/reports/", _form(world, "0b5e6a1c2d3e4f5a6b7c8d9e0f1a2b3c")
        ).content.decode()

    groups = re.findall(r'<span class="receipt-group">(\d{4})</span>', html)
    assert len(groups) == 4
    assert f'data-copy="{"".join(groups)}"' in html
    assert "复制查询码" in html
    assert "/static/kaimen/copy.js" in html
