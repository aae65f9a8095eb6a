"""Cryptography chosen in one place: personal data encrypted at rest, and keyed MACs.

`settings.KAIMEN_NATIONAL_CRYPTO` (密评, GB/T 39786) selects the national algorithms: SM4-GCM
for personal data (reporters' identities) and HMAC-SM3 for receipts and the event seal.
Otherwise Fernet (AES-128-CBC + HMAC-SHA256) and HMAC-SHA256, the default.

Keys are `settings.KAIMEN_IDENTITY_KEYS` (the first encrypts, every one decrypts, so keys
rotate). A token says how it was made (SM4-GCM tokens start with `sm4gcm$`), so both kinds are
read whatever the setting; `manage.py reencrypt` moves existing rows to the current algorithm
and first key. With the option on, start-up runs the standard test vectors (GB/T 32907 SM4,
GB/T 32905 SM3) and refuses to start when the algorithms are missing or wrong.
"""

import base64
import os

from cryptography.exceptions import InvalidTag, UnsupportedAlgorithm
from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives import hmac as crypto_hmac
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

SM4_PREFIX = "sm4gcm$"
NONCE_BYTES = 12
TAG_BYTES = 16

# GB/T 32907-2016 appendix A, example 1 (SM4, one block) and GB/T 32905-2016 appendix A,
# example 1 (SM3 of "abc").
SM4_VECTOR = (
    "0123456789abcdeffedcba9876543210",
    "0123456789abcdeffedcba9876543210",
    "681edf34d206965e86b3e94f536e4246",
)
SM3_VECTOR = (b"abc", "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0")


def national() -> bool:
    return bool(getattr(settings, "KAIMEN_NATIONAL_CRYPTO", False))


def keyed_mac(key: bytes, message: bytes, *, sm3: bool | None = None) -> str:
    """HMAC-SM3 with the national option (or `sm3=True`), else HMAC-SHA256: 64 hex digits."""
    use_sm3 = national() if sm3 is None else sm3
    mac = crypto_hmac.HMAC(key, hashes.SM3() if use_sm3 else hashes.SHA256())
    mac.update(message)
    return mac.finalize().hex()


def _keys() -> list[bytes]:
    keys = settings.KAIMEN_IDENTITY_KEYS
    return [
        key.encode() if isinstance(key, str) else key
        for key in ([keys] if isinstance(keys, (str, bytes)) else keys)
    ]


def _sm4_key(key: bytes) -> bytes:
    """A 128-bit SM4 key derived (HKDF-SM3) from a configured key."""
    material = base64.urlsafe_b64decode(key)
    return HKDF(algorithm=hashes.SM3(), length=16, salt=None, info=b"kaimen sm4-gcm").derive(
        material
    )


def encrypt(plaintext: bytes) -> str:
    """A token of `plaintext` under the first key, with the algorithm the setting selects."""
    if not national():
        return MultiFernet([Fernet(key) for key in _keys()]).encrypt(plaintext).decode()
    nonce = os.urandom(NONCE_BYTES)
    encryptor = Cipher(algorithms.SM4(_sm4_key(_keys()[0])), modes.GCM(nonce)).encryptor()
    sealed = encryptor.update(plaintext) + encryptor.finalize()
    return SM4_PREFIX + base64.urlsafe_b64encode(nonce + sealed + encryptor.tag).decode()


def decrypt(token: str) -> bytes:
    """The plaintext of a token made by `encrypt` under any configured key (either algorithm).
    Raises ValueError when no key opens it."""
    if token.startswith(SM4_PREFIX):
        blob = base64.urlsafe_b64decode(token[len(SM4_PREFIX) :])
        nonce, sealed, tag = blob[:NONCE_BYTES], blob[NONCE_BYTES:-TAG_BYTES], blob[-TAG_BYTES:]
        for key in _keys():
            decryptor = Cipher(algorithms.SM4(_sm4_key(key)), modes.GCM(nonce, tag)).decryptor()
            try:
                return decryptor.update(sealed) + decryptor.finalize()
            except InvalidTag:
                continue
        raise ValueError("SM4-GCM token cannot be decrypted with the configured keys")
    try:
        return MultiFernet([Fernet(key) for key in _keys()]).decrypt(token.encode())
    except InvalidToken as exc:
        raise ValueError("token cannot be decrypted with the configured keys") from exc


def reencrypt(token: str) -> str:
    """The token under the first key and the current algorithm ("" stays "")."""
    return encrypt(decrypt(token)) if token else ""


def self_test() -> None:
    """The standard vectors of SM4 and SM3; ImproperlyConfigured when either is unavailable."""
    key, plaintext, expected = (bytes.fromhex(value) for value in SM4_VECTOR)
    try:
        encryptor = Cipher(algorithms.SM4(key), modes.ECB()).encryptor()  # noqa: S305  (the standard's own single-block vector)
        block = encryptor.update(plaintext) + encryptor.finalize()
        digest = hashes.Hash(hashes.SM3())
        digest.update(SM3_VECTOR[0])
        sm3 = digest.finalize().hex()
    except UnsupportedAlgorithm as exc:
        raise ImproperlyConfigured(
            f"KAIMEN_NATIONAL_CRYPTO is on but this OpenSSL lacks SM4/SM3: {exc}"
        ) from exc
    if block != expected or sm3 != SM3_VECTOR[1]:
        raise ImproperlyConfigured(
            "KAIMEN_NATIONAL_CRYPTO is on but SM4/SM3 fail the GB/T 32907/32905 test vectors"
        )
