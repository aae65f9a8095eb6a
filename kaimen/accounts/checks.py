"""Deploy checks of sign-in: SMS codes reach phones, never the page or the log."""

from typing import Any

from django.conf import settings
from django.core.checks import Error, Tags, register

from kaimen.accounts.sms import DEFAULT_BACKEND, OutboxSmsBackend

DEVELOPMENT_SMS_BACKENDS = {DEFAULT_BACKEND, f"{OutboxSmsBackend.__module__}.OutboxSmsBackend"}


@register(Tags.security, deploy=True)
def sms_for_production(**kwargs: Any) -> list[Error]:
    errors: list[Error] = []
    if getattr(settings, "KAIMEN_DEMO_MODE", False):
        errors.append(
            Error(
                "KAIMEN_DEMO_MODE is on: SMS login codes are shown on the page.",
                hint="Unset KAIMEN_DEMO_MODE in production.",
                id="kaimen.E101",
            )
        )
    if settings.KAIMEN_SMS_BACKEND in DEVELOPMENT_SMS_BACKENDS:
        errors.append(
            Error(
                f"KAIMEN_SMS_BACKEND is {settings.KAIMEN_SMS_BACKEND}: citizens' login codes "
                "go to the log or memory, not to their phones.",
                hint="Set KAIMEN_SMS_BACKEND to the operator's SMS gateway class.",
                id="kaimen.E102",
            )
        )
    return errors


@register(Tags.security, deploy=True)
def staff_two_factor(**kwargs: Any) -> list[Error]:
    """等保 level 3: staff (commission roles above all) sign in with two factors in production."""
    if settings.KAIMEN_STAFF_2FA_REQUIRED:
        return []
    return [
        Error(
            "KAIMEN_STAFF_2FA_REQUIRED is off: staff can sign in with a password alone.",
            hint="Set KAIMEN_STAFF_2FA_REQUIRED=1 in production.",
            id="kaimen.E104",
        )
    ]
