"""Deploy check of citizen sign-in: a production site never shows SMS codes on the page."""

from typing import Any

from django.conf import settings
from django.core.checks import Error, Tags, register


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
    return errors
