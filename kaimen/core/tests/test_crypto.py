"""The national-cryptography option (密评): SM4-GCM and HMAC-SM3 when on, Fernet and
HMAC-SHA256 when off; keys rotate; tokens of either kind stay readable; start-up self-test."""

import hashlib
import hmac
from io import StringIO
from typing import Any

import pytest
from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command

from conftest import World
from kaimen.core import crypto
from kaimen.reports import selectors
from kaimen.reports.identity import identity_decrypt
from kaimen.reports.models import Report
from kaimen.reports.tests import factories
from kaimen.timeline.models import Event
from kaimen.timeline.services import chain_verify, event_record, events_seal_all

OLD_KEY, NEW_KEY = Fernet.generate_key().decode(), Fernet.generate_key().decode()


@pytest.fixture
def keys(settings: Any) -> Any:
    settings.KAIMEN_IDENTITY_KEYS = [OLD_KEY]
    return settings


@pytest.mark.parametrize("national", [False, True])
def test_personal_data_round_trips_with_either_algorithm(keys: Any, national: bool) -> None:
    keys.KAIMEN_NATIONAL_CRYPTO = national

    token = crypto.encrypt("张三 13800000000".encode())

    assert token.startswith(crypto.SM4_PREFIX) is national
    assert "张三".encode() not in token.encode()
    assert crypto.decrypt(token).decode() == "张三 13800000000"


def test_sm4_gcm_refuses_a_changed_token(keys: Any) -> None:
    keys.KAIMEN_NATIONAL_CRYPTO = True
    token = crypto.encrypt(b"secret")
    # A character in the middle: every one of its bits is data (the last one before padding may
    # carry unused bits, so changing it need not change the bytes).
    middle = len(token) // 2 + 4
    flipped = token[:middle] + ("A" if token[middle] != "A" else "B") + token[middle + 1 :]

    with pytest.raises(ValueError, match="cannot be decrypted"):
        crypto.decrypt(flipped)


@pytest.mark.parametrize("national", [False, True])
def test_keys_rotate_the_first_encrypts_all_decrypt(keys: Any, national: bool) -> None:
    keys.KAIMEN_NATIONAL_CRYPTO = national
    old = crypto.encrypt(b"before rotation")
    keys.KAIMEN_IDENTITY_KEYS = [NEW_KEY, OLD_KEY]

    rotated = crypto.reencrypt(old)
    keys.KAIMEN_IDENTITY_KEYS = [NEW_KEY]

    assert crypto.decrypt(rotated) == b"before rotation"
    with pytest.raises(ValueError, match="cannot be decrypted"):
        crypto.decrypt(old)


def test_tokens_of_the_other_algorithm_stay_readable(keys: Any) -> None:
    fernet_token = crypto.encrypt(b"made before")
    keys.KAIMEN_NATIONAL_CRYPTO = True
    sm4_token = crypto.encrypt(b"made after")
    keys.KAIMEN_NATIONAL_CRYPTO = False

    assert crypto.decrypt(fernet_token) == b"made before"
    assert crypto.decrypt(sm4_token) == b"made after"


@pytest.mark.parametrize(("national", "digest"), [(False, "sha256"), (True, "sm3")])
def test_the_mac_follows_the_setting(settings: Any, national: bool, digest: str) -> None:
    settings.KAIMEN_NATIONAL_CRYPTO = national

    expected = hmac.new(b"key", b"message", lambda: hashlib.new(digest)).hexdigest()

    assert crypto.keyed_mac(b"key", b"message") == expected


def test_the_self_test_passes_the_standard_vectors() -> None:
    crypto.self_test()


def test_the_self_test_refuses_without_sm4(monkeypatch: Any) -> None:
    def missing(key: bytes) -> Any:
        raise UnsupportedAlgorithm("SM4 is not provided")

    monkeypatch.setattr("cryptography.hazmat.primitives.ciphers.algorithms.SM4", missing)

    with pytest.raises(ImproperlyConfigured, match="lacks SM4/SM3"):
        crypto.self_test()


def test_the_self_test_refuses_a_wrong_result(monkeypatch: Any) -> None:
    monkeypatch.setattr(crypto, "SM3_VECTOR", (b"abc", "0" * 64))

    with pytest.raises(ImproperlyConfigured, match="test vectors"):
        crypto.self_test()


def test_the_command_moves_identities_to_sm4_and_receipts_keep_working(
    world: World, keys: Any
) -> None:
    submission = factories.submit(world)
    before = Report.objects.get().identity_token
    keys.KAIMEN_NATIONAL_CRYPTO = True

    out = StringIO()
    call_command("reencrypt_identities", stdout=out)
    report = Report.objects.get()

    assert not before.startswith(crypto.SM4_PREFIX)
    assert report.identity_token.startswith(crypto.SM4_PREFIX)
    assert identity_decrypt(report.identity_token).name == factories.SECRET_NAME
    assert "re-encrypted 1" in out.getvalue()
    found = selectors.report_get_by_receipt(code=submission.receipt, client="10.0.0.1")
    assert found == report


def test_receipts_issued_with_sm3_are_found(world: World, settings: Any) -> None:
    settings.KAIMEN_NATIONAL_CRYPTO = True
    submission = factories.submit(world)

    found = selectors.report_get_by_receipt(code=submission.receipt, client="10.0.0.1")

    assert found == submission.report
    assert found.receipt_digest == crypto.keyed_mac(
        settings.KAIMEN_RECEIPT_KEY.encode(), f"receipt:{submission.receipt}".encode(), sm3=True
    )


def test_the_event_seal_uses_hmac_sm3_and_verifies(world: World, settings: Any) -> None:
    settings.KAIMEN_NATIONAL_CRYPTO = True
    event_record(actor=world.users["supervisor"], action="test.sm3", target=world.projects["draft"])
    events_seal_all()

    assert chain_verify() == (True, None, "")
    settings.KAIMEN_NATIONAL_CRYPTO = False
    intact, broken, _reason = chain_verify()
    assert not intact  # the seal really is SM3: SHA-256 does not reproduce it
    assert broken is not None
    assert Event.objects.filter(action="test.sm3").exists()
