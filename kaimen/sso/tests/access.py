"""Access-matrix rows of external sign-in. No provider is configured in the test settings, so
both addresses answer 404 to everyone; the flows themselves are tested against a fake provider
in test_flows.py."""

from django.urls import reverse

from kaimen.core.access import NOBODY, Row

ROWS = [
    Row("sso:start", lambda w: reverse("sso:start", args=["none"]), NOBODY),
    Row("sso:callback", lambda w: reverse("sso:callback", args=["none"]), NOBODY),
]
