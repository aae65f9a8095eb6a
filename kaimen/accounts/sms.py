"""Sending text messages (one-time login codes) through a backend chosen in settings.

`settings.KAIMEN_SMS_BACKEND` names the class by its dotted path (default: the development
backend below). A production backend implements `send(*, phone, message)` for the operator's SMS
gateway and raises `SmsError` when the gateway refuses.
"""

import logging
from typing import Protocol

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger("kaimen.sms")

DEFAULT_BACKEND = "kaimen.accounts.sms.LoggingSmsBackend"


class SmsError(Exception):
    """The gateway did not accept the message."""


class SmsBackend(Protocol):
    def send(self, *, phone: str, message: str) -> None: ...


class LoggingSmsBackend:
    """Development only: the message, code included, goes to the log instead of a phone."""

    def send(self, *, phone: str, message: str) -> None:
        logger.info("SMS to %s: %s", phone, message)


class OutboxSmsBackend:
    """Tests: messages are kept in `OutboxSmsBackend.outbox` as (phone, message)."""

    outbox: list[tuple[str, str]] = []  # shared on purpose, like mail.outbox

    def send(self, *, phone: str, message: str) -> None:
        self.outbox.append((phone, message))


def sms_backend() -> SmsBackend:
    path = getattr(settings, "KAIMEN_SMS_BACKEND", DEFAULT_BACKEND)
    backend: SmsBackend = import_string(path)()
    return backend


def demo_mode() -> bool:
    """Codes may be shown on the page only on a demo or development site."""
    return bool(getattr(settings, "KAIMEN_DEMO_MODE", False) or settings.DEBUG)
