import logging

import pytest

from kaimen.accounts.checks import sms_for_production
from kaimen.accounts.sms import LoggingSmsBackend, OutboxSmsBackend, demo_mode, sms_backend


def test_the_default_backend_writes_the_message_to_the_log(
    caplog: pytest.LogCaptureFixture,
) -> None:
    with caplog.at_level(logging.INFO, logger="kaimen.sms"):
        LoggingSmsBackend().send(phone="13800000001", message="验证码123456")

    assert caplog.messages == ["SMS to 13800000001: 验证码123456"]


def test_the_backend_is_chosen_in_settings(settings: object) -> None:
    settings.KAIMEN_SMS_BACKEND = "kaimen.accounts.sms.OutboxSmsBackend"  # type: ignore[attr-defined]

    assert isinstance(sms_backend(), OutboxSmsBackend)


def test_demo_mode_follows_the_setting_or_debug(settings: object) -> None:
    settings.DEBUG = False  # type: ignore[attr-defined]
    settings.KAIMEN_DEMO_MODE = False  # type: ignore[attr-defined]
    assert demo_mode() is False

    settings.KAIMEN_DEMO_MODE = True  # type: ignore[attr-defined]
    assert demo_mode() is True


def test_the_deploy_check_refuses_demo_mode(settings: object) -> None:
    settings.KAIMEN_SMS_BACKEND = "operator_gateway.SmsBackend"  # type: ignore[attr-defined]
    settings.KAIMEN_DEMO_MODE = True  # type: ignore[attr-defined]
    assert [error.id for error in sms_for_production()] == ["kaimen.E101"]

    settings.KAIMEN_DEMO_MODE = False  # type: ignore[attr-defined]
    assert sms_for_production() == []


def test_the_deploy_check_refuses_the_development_backends(settings: object) -> None:
    settings.KAIMEN_DEMO_MODE = False  # type: ignore[attr-defined]
    for backend in (
        "kaimen.accounts.sms.LoggingSmsBackend",
        "kaimen.accounts.sms.OutboxSmsBackend",
    ):
        settings.KAIMEN_SMS_BACKEND = backend  # type: ignore[attr-defined]
        assert [error.id for error in sms_for_production()] == ["kaimen.E102"]
