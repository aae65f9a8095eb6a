from django.urls import reverse

from kaimen.core.access import EVERYONE, NOBODY, SIGNED_IN, STAFF, Row

ROWS = [
    Row("accounts:login", lambda w: reverse("accounts:login"), EVERYONE),
    # Reached only after the password step of a user with two-factor set up.
    Row("accounts:phone_login", lambda w: reverse("accounts:phone_login"), EVERYONE),
    Row("accounts:login_code", lambda w: reverse("accounts:login_code"), NOBODY),
    Row("accounts:logout", lambda w: reverse("accounts:logout"), SIGNED_IN, method="post"),
    Row("accounts:totp_setup", lambda w: reverse("accounts:totp_setup"), STAFF),
]
