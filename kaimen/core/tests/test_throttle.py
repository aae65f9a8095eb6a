"""The one throttle: the client behind trusted proxies, counts shared by every worker."""

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.test import Client, RequestFactory

from conftest import World
from kaimen.core.throttle import client_address
from kaimen.reports.receipts import LOOKUP_RATE, receipt_display
from kaimen.reports.tests import factories

ROOT = Path(__file__).resolve().parents[3]


def _address(remote: str, forwarded: str | None = None) -> str:
    headers = {"X-Forwarded-For": forwarded} if forwarded is not None else {}
    return client_address(RequestFactory().get("/", REMOTE_ADDR=remote, headers=headers))


def test_without_trusted_proxies_the_header_is_ignored(settings: Any) -> None:
    settings.KAIMEN_TRUSTED_PROXIES = []

    assert _address("203.0.113.9", "198.51.100.1") == "203.0.113.9"


def test_behind_a_trusted_proxy_the_client_is_the_first_untrusted_hop(settings: Any) -> None:
    settings.KAIMEN_TRUSTED_PROXIES = ["10.0.0.0/8", "192.0.2.7"]

    assert _address("10.0.0.1", "198.51.100.1") == "198.51.100.1"
    # A client that writes its own header cannot choose its address: the proxies append.
    assert _address("10.0.0.1", "6.6.6.6, 198.51.100.1, 192.0.2.7") == "198.51.100.1"
    assert _address("10.0.0.1", "garbage, 10.0.0.2") == "10.0.0.2"
    assert _address("10.0.0.1") == "10.0.0.1"
    # From anyone else the header means nothing.
    assert _address("203.0.113.9", "198.51.100.1") == "203.0.113.9"


def _login(client: Client, forwarded: str, username: str, password: str) -> Any:
    return client.post(
        "/accounts/login/",
        {"username": username, "password": password},
        REMOTE_ADDR="10.0.0.1",
        headers={"X-Forwarded-For": forwarded},
    )


def test_behind_the_proxy_one_visitors_wrong_passwords_lock_only_that_visitor(
    world: World, settings: Any
) -> None:
    settings.KAIMEN_TRUSTED_PROXIES = ["10.0.0.1"]
    for _ in range(settings.KAIMEN_LOGIN_MAX_FAILURES):
        _login(Client(), "198.51.100.1", "viewer", "wrong")

    locked = _login(Client(), "198.51.100.1", "viewer", "kaimen-test")
    owner_elsewhere = _login(Client(), "198.51.100.2", "viewer", "kaimen-test")
    colleague = _login(Client(), "198.51.100.1", "supervisor", "kaimen-test")

    assert locked.status_code == 429
    assert int(locked["Retry-After"]) > 0
    assert owner_elsewhere.status_code == 302
    assert colleague.status_code == 302


def test_axes_shows_the_attempts_to_the_admin(world: World, settings: Any) -> None:
    settings.KAIMEN_TRUSTED_PROXIES = ["10.0.0.1"]
    _login(Client(), "198.51.100.1", "viewer", "wrong")
    admin = world.users["viewer"].__class__.objects.create_superuser("root", password="x-long-pw")
    client = Client()
    client.force_login(admin)

    page = client.get("/django-admin/axes/accessattempt/")

    assert page.status_code == 200
    assert "198.51.100.1" in page.content.decode()


def test_successful_receipt_look_ups_do_not_count(world: World) -> None:
    receipt = factories.submit(world).receipt
    client = Client()

    found = [
        client.post("/reports/track/", {"receipt": receipt_display(receipt)}).status_code
        for _ in range(LOOKUP_RATE.limit * 2)
    ]
    wrong = [
        client.post("/reports/track/", {"receipt": f"{n:016d}"}).status_code
        for n in range(LOOKUP_RATE.limit + 1)
    ]

    assert found == [302] * (LOOKUP_RATE.limit * 2)
    assert wrong == [200] * LOOKUP_RATE.limit + [429]


def test_the_429_page_says_when_to_try_again(world: World) -> None:
    client = Client()
    for n in range(LOOKUP_RATE.limit):
        client.post("/reports/track/", {"receipt": f"{n:016d}"})

    refused = client.post("/reports/track/", {"receipt": "0" * 16})

    assert refused.status_code == 429
    assert 0 < int(refused["Retry-After"]) <= LOOKUP_RATE.window
    assert "分钟后再试" in refused.content.decode()


COUNTER = """
import os, sys, django
os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
django.setup()
from kaimen.core.throttle import Rate, throttle_count
rate = Rate("two-workers", int(sys.argv[1]), 3600)
print(sum(throttle_count(rate, "198.51.100.1") <= rate.limit for _ in range(int(sys.argv[2]))))
"""


@pytest.fixture
def redis_url(tmp_path: Path) -> Iterator[str]:
    """A Redis server of this test's own on a free loopback port."""
    server = shutil.which("redis-server")
    if server is None:
        pytest.fail("redis-server is missing (scripts/system-packages.sh installs it)")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen(
        [server, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--dir", str(tmp_path)],
        stdout=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.05)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_two_worker_processes_share_one_limit(redis_url: str) -> None:
    limit, tries = 10, 15
    env = {**os.environ, "REDIS_URL": redis_url}
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", COUNTER, str(limit), str(tries)],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    allowed = [int(worker.communicate(timeout=120)[0].split()[-1]) for worker in workers]

    assert all(worker.returncode == 0 for worker in workers)
    assert sum(allowed) == limit  # not 2 × limit: the count is shared
